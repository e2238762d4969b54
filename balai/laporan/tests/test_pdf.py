import io

import pytest
from django_scopes import scope, scopes_disabled
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from balai.laporan import ekspor
from balai.laporan.buku import DAFTAR, BukuInduk
from balai.laporan.pdf import bungkus, huruf
from balai.penduduk.tests.factories import make_penduduk


@pytest.mark.parametrize("cls", DAFTAR, ids=lambda cls: cls.slug)
def test_every_book_gives_one_width_per_column(cls):
    buku = cls(desa=None)
    assert len(buku.lebar) == buku.jumlah_kolom
    assert sum(buku.lebar_persen()) == pytest.approx(100, abs=0.1)


kata = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=30)


@given(words=st.lists(kata, max_size=8), lebar=st.integers(min_value=12, max_value=120))
def test_wrapped_lines_fit_and_keep_the_text(words, lebar):
    font = huruf()[0]
    teks = " ".join(words)
    lines = bungkus(teks, font, 6, lebar)
    for line in lines:
        assert stringWidth(line, font, 6) <= lebar or len(line) == 1
    assert "".join(lines).replace(" ", "") == teks.replace(" ", "")


def test_breaks_at_spaces_and_slashes_before_cutting_words():
    font = huruf()[0]
    assert bungkus("BURUH TANI/PERKEBUNAN", font, 6, 45) == ["BURUH TANI/", "PERKEBUNAN"]
    assert bungkus("TAMAT SD/SEDERAJAT", font, 6, 200) == ["TAMAT SD/SEDERAJAT"]
    assert bungkus("3303041712230001", font, 6, 40) == ["3303041712", "230001"]
    assert bungkus("Jl. Mawar\nNo. 5", font, 6, 200) == ["Jl. Mawar", "No. 5"]


@pytest.mark.django_db
def test_names_outside_latin_1_come_through(desa_a, operator_a):
    with scopes_disabled():
        make_penduduk(desa_a, nama="Ni Luh Śrī Nur’aini Zoë")
    with scope(desa=desa_a):
        content = ekspor.pdf_bytes(BukuInduk(desa=desa_a, user=operator_a))
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Ni Luh Śrī Nur’aini Zoë" in " ".join(text.split())


@pytest.mark.django_db
def test_an_empty_book_says_so(desa_a, operator_a):
    with scope(desa=desa_a):
        content = ekspor.pdf_bytes(BukuInduk(desa=desa_a, user=operator_a))
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1 and "Tidak ada data." in reader.pages[0].extract_text()


class _BukuUji(BukuInduk):
    """The Buku Induk's layout with `n` rows made up in memory."""

    def __init__(self, n, **kw):
        super().__init__(**kw)
        self.n = n

    def baris(self, mulai=0, batas=None):
        for i in range(1, self.n + 1):
            yield [
                i,
                f"Warga {i}",
                "L",
                "KAWIN",
                "Purbalingga",
                "01-02-1980",
                "ISLAM",
                "",
                "",
                "",
                "WNI",
                "",
                "",
                "",
                "",
                "",
            ]


@pytest.mark.django_db
def test_signature_pushed_to_a_page_of_its_own_on_a_new_canvas(desa_a):
    from django.utils import timezone

    from balai.laporan import pdf

    for n in range(20, 80):
        content = pdf.pdf_bytes(
            _BukuUji(n, desa=desa_a), kop=ekspor.kop(desa_a), tanggal=timezone.localdate(), halaman_per_bagian=1
        )
        pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages]
        if "Nomor urut" not in pages[-1]:  # the rows filled the page: the closing block moved on
            break
    else:
        pytest.fail("no book length pushed the signature onto a page of its own")
    assert f"Warga {n}" in pages[-2] and "Kepala Desa Selakambang" in pages[-1]
    assert f"Halaman {len(pages)}" in pages[-1]


@pytest.mark.django_db
def test_a_cell_longer_than_a_page_is_cut(desa_a):
    from django.utils import timezone

    from balai.laporan import pdf

    class Panjang(_BukuUji):
        def baris(self, mulai=0, batas=None):
            for row in super().baris():
                row[11] = "jalan panjang " * 800
                yield row

    content = pdf.pdf_bytes(Panjang(2, desa=desa_a), kop=ekspor.kop(desa_a), tanggal=timezone.localdate())
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages]
    assert "Warga 1" in pages[0] and "Warga 2" in pages[1] and "…" in pages[0]
