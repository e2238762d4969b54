import pytest
from django.urls import reverse

from balai.core import menu


@pytest.mark.parametrize("pk", [1, 7, 987654321, 12345678901])
def test_url_id_is_what_reverse_gives(pk):
    for name in ("website:kantor_artikel_ubah", "website:kantor_artikel_revisi", "penduduk:detail"):
        assert menu.url_id(name, pk) == reverse(name, args=[pk])


def test_url_id_takes_integers_only():
    with pytest.raises(ValueError):
        menu.url_id("penduduk:detail", "1/../../hapus")
