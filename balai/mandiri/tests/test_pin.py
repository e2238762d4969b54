import datetime

import pytest
from django.core.exceptions import ValidationError

from balai.mandiri import pin
from balai.penduduk.models import Penduduk


@pytest.mark.parametrize(
    "kode",
    ["000000", "999999", "123456", "654321", "012345", "987654", "121212", "123123"]
    + ["12345", "1234567", "12a456", "١٢٣٤٥٧"],
)
def test_trivial_or_malformed_pins_are_refused(kode):
    with pytest.raises(ValidationError):
        pin.periksa(kode)


def test_birth_date_and_the_niks_birth_digits_are_refused():
    orang = Penduduk(tanggal_lahir=datetime.date(1985, 3, 7), nik="3303044703850012")
    for kode in ("070385", "850307", "030785", "470385"):
        with pytest.raises(ValidationError, match="tanggal lahir"):
            pin.periksa(kode, orang)
    pin.periksa("480613", orang)


def test_generated_pins_pass_the_check_and_differ():
    orang = Penduduk(tanggal_lahir=datetime.date(1985, 3, 7), nik="3303040703850012")
    pins = {pin.buat_pin(orang) for _ in range(50)}
    assert len(pins) > 45
    for kode in pins:
        pin.periksa(kode, orang)


def test_pins_are_hashed_with_argon2id_and_verified(settings):
    # Whatever PASSWORD_HASHERS says (the tests use a fast one), a PIN is hashed with Argon2id.
    assert "Argon2" not in str(settings.PASSWORD_HASHERS)
    encoded = pin.hash_pin("480613")
    assert encoded.startswith("argon2$argon2id$")
    assert "480613" not in encoded
    assert pin.cocok("480613", encoded)
    assert not pin.cocok("480614", encoded)
    assert not pin.cocok("480613", None)
    assert not pin.cocok("480613", "md5$x$y")
