import pytest
from hypothesis import given
from hypothesis import strategies as st

from balai.core.halaman import MAKS_HALAMAN, halaman_dari, nomor_halaman


@pytest.mark.parametrize(
    "nilai, nomor",
    [
        (None, 1), ("", 1), ("1", 1), ("7", 7), (" 7 ", 7), ("007", 7), ("0", 1), ("-3", 1), ("1e9", 1),
        ("3.5", 1), ("٣", 1), ("99999999999999999999", MAKS_HALAMAN), ("9" * 5000, MAKS_HALAMAN),
        ("10001", MAKS_HALAMAN), (12, 12),
    ],
)  # fmt: skip
def test_nomor_halaman(nilai, nomor):
    assert nomor_halaman(nilai) == nomor


@given(st.text(max_size=40))
def test_nomor_halaman_is_always_a_bounded_int(teks):
    assert 1 <= nomor_halaman(teks) <= MAKS_HALAMAN


def test_halaman_dari_past_the_end_is_the_last_page():
    page = halaman_dari(list(range(25)), 10, "99999999999999999999")
    assert page.number == 3 and list(page.object_list) == [20, 21, 22, 23, 24]


ABSURD = ["99999999999999999999", "-1", "1e400", "9" * 5000]
DESA_PUBLIK = ["/artikel/", "/agenda/", "/pengumuman/", "/galeri/"]
DESA_KANTOR = [
    "/admin-desa/penduduk/?hal={}", "/admin-desa/penduduk/keluarga/?hal={}",
    "/admin-desa/penduduk/rumah-tangga/?hal={}",
    "/admin-desa/artikel/?halaman={}", "/admin-desa/komentar/?halaman={}", "/admin-desa/agenda/?halaman={}",
    "/admin-desa/pengumuman/?halaman={}", "/admin-desa/dokumen/?halaman={}", "/admin-desa/galeri/?halaman={}",
    "/admin-desa/laporan/induk/?hal={}",
]  # fmt: skip
KABUPATEN = ["/?halaman={}&q=a", "/dasbor/desa/?halaman={}", "/dasbor/pengguna/?halaman={}"]


@pytest.mark.parametrize("nilai", ABSURD)
def test_every_list_bounds_its_page_number(nilai, desa_a, admin_a, make_user, client_for):
    from balai.akun.models import Peran

    for path in DESA_PUBLIK:
        assert client_for(desa_a).get(path, {"halaman": nilai}).status_code == 200, path
    staff = client_for(desa_a, admin_a)
    for path in DESA_KANTOR:
        assert staff.get(path.format(nilai)).status_code == 200, path
    kab = client_for(None, make_user(Peran.ADMIN_KABUPATEN))
    for path in KABUPATEN:
        assert kab.get(path.format(nilai)).status_code == 200, path
