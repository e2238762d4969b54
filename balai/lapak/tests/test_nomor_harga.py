"""Phone numbers and prices as people type them."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from balai.lapak.forms import baca_rupiah
from balai.lapak.nomor import normalkan_nomor, tampilkan_nomor


@pytest.mark.parametrize(
    "teks,nomor",
    [
        ("081234567890", "6281234567890"),
        ("0812-3456-7890", "6281234567890"),
        ("0812 3456 7890", "6281234567890"),
        ("+62 812-3456-7890", "6281234567890"),
        ("+6281234567890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("62 812 3456 789", "628123456789"),
        ("(0281) 891234", "62281891234"),
        ("0857.1234.5678", "6285712345678"),
    ],
)
def test_indonesian_formats_become_62(teks, nomor):
    assert normalkan_nomor(teks) == nomor


@pytest.mark.parametrize(
    "teks,kode",
    [
        ("", "kosong"),
        ("0812-ABCD-7890", "huruf"),
        ("+60 12-345 6789", "negara"),
        ("812345678", "awalan"),
        ("0812", "pendek"),
        ("620812345678", "pendek"),
        ("08123456789012345", "panjang"),
    ],
)
def test_bad_numbers_are_refused_with_the_reason(teks, kode):
    with pytest.raises(ValidationError) as exc:
        normalkan_nomor(teks)
    assert exc.value.code == kode
    assert exc.value.messages[0]  # an Indonesian sentence, not a code


@given(st.text(max_size=30))
def test_any_text_is_a_number_or_a_clear_refusal(teks):
    try:
        nomor = normalkan_nomor(teks)
    except ValidationError as exc:
        assert exc.messages
    else:
        assert nomor.startswith("62") and nomor.isdigit() and 10 <= len(nomor) <= 14
        assert normalkan_nomor(tampilkan_nomor(nomor)) == nomor


@pytest.mark.parametrize(
    "teks,harga",
    [("15000", 15000), ("15.000", 15000), ("Rp 15.000", 15000), ("Rp15.000,00", 15000), ("1.250.000", 1250000)],
)
def test_prices_as_written(teks, harga):
    assert baca_rupiah(teks) == harga


@pytest.mark.parametrize(
    "teks,kode",
    [("0", "nol"), ("-5000", "negatif"), ("15.5", "format"), ("15,50", "format"), ("lima ribu", "format"),
     ("2.000.000.000", "besar"), ("", "kosong")],
)  # fmt: skip
def test_bad_prices_are_refused(teks, kode):
    with pytest.raises(ValidationError) as exc:
        baca_rupiah(teks)
    assert exc.value.code == kode
