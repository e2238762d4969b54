"""The letter registers: Buku Agenda Surat Keluar (page, summary, xlsx, PDF) and surat masuk."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.surat import selectors, services
from balai.surat.models import PenghitungNomor, Surat, SuratMasuk
from balai.website.models import Perangkat

pytestmark = pytest.mark.django_db
LIMIT = 8  # session, user, menu and the one or two register queries: not per row


@pytest.fixture
def tiga_surat(desa_a, operator_a, ajukan, sampai_tanda_tangan):
    """Three signed letters; the second cancelled."""
    surat = [sampai_tanda_tangan(ajukan()) for _ in range(3)]
    with scope(desa=desa_a):
        services.batalkan_surat(surat=surat[1], actor=operator_a, alasan="Salah ketik nama")
    for s in surat:
        s.refresh_from_db()
    return surat


def test_agenda_lists_numbered_letters_in_order_with_cancelled_marked(
    client_for, desa_a, operator_a, tiga_surat, ajukan
):
    belum = ajukan()  # not numbered: not in the register
    tahun = tiga_surat[0].tanggal_surat.year
    r = client_for(desa_a, operator_a).get(f"/admin-desa/surat/agenda/?tahun={tahun}")
    html = r.content.decode()
    posisi = [html.index(s.nomor_lengkap) for s in tiga_surat]
    assert posisi == sorted(posisi)
    assert "Batal" in html and tiga_surat[0].penduduk.nama in html
    assert tiga_surat[0].penduduk.nik not in html
    assert f"/admin-desa/surat/{belum.pk}/" not in html


def test_agenda_xlsx_and_pdf(client_for, desa_a, operator_a, tiga_surat):
    op = client_for(desa_a, operator_a)
    tahun = tiga_surat[0].tanggal_surat.year
    r = op.get(f"/admin-desa/surat/agenda/?tahun={tahun}&unduh=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert [row[1] for row in rows[2:]] == [s.nomor_lengkap for s in tiga_surat]
    assert rows[3][6] == "Batal"
    r = op.get(f"/admin-desa/surat/agenda/?tahun={tahun}&unduh=pdf")
    assert r["Content-Type"] == "application/pdf"
    teks = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    for s in tiga_surat:
        assert s.nomor_lengkap in teks
    assert "Buku Agenda Surat Keluar" in teks


def test_agenda_summary_counts_and_median(desa_a, tiga_surat, django_assert_max_num_queries):
    # Request-to-signature times of 2, 4 and 30 hours: the median is 4.
    with scope(desa=desa_a):
        for s, jam in zip(tiga_surat, (2, 4, 30), strict=True):
            Surat.objects.filter(pk=s.pk).update(
                diajukan=s.ditandatangani_pada - datetime.timedelta(hours=jam),
                tanggal_surat=datetime.date(2026, 3 if jam < 30 else 5, 1),
            )
        with django_assert_max_num_queries(1):
            data = selectors.agenda_keluar(desa=desa_a, tahun=2026)
        assert selectors.agenda_keluar(desa=desa_a, tahun=2019)["median_jam"] is None
    assert data["median_jam"] == 4.0
    ((nama, bulan),) = data["per_jenis"].items()
    assert nama == tiga_surat[0].spec.nama
    assert bulan[2] == 2 and bulan[4] == 1 and sum(bulan) == 3


def test_agenda_needs_permission(client_for, desa_a, make_user):
    ppid = client_for(desa_a, make_user(Peran.PPID_DESA, desa=desa_a))
    assert ppid.get("/admin-desa/surat/agenda/").status_code == 403


def _pdf():
    out = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


PDF = _pdf()


def _isian(**kw):
    return {
        "tanggal_terima": "2026-03-02", "nomor_surat": "005/123/2026", "tanggal_surat": "2026-02-27",
        "pengirim": "Kecamatan Kaligondang", "perihal": "Undangan rapat koordinasi", **kw,
    }  # fmt: skip


def test_surat_masuk_create_disposisi_selesai_audited(client_for, desa_a, operator_a, sekdes_a):
    op = client_for(desa_a, operator_a)
    r = op.post("/admin-desa/surat/masuk/baru/", _isian(berkas=SimpleUploadedFile("s.pdf", PDF)))
    assert r.status_code == 302, r.content.decode()[-2000:]
    op.post("/admin-desa/surat/masuk/baru/", _isian(perihal="Surat kedua"))
    with scope(desa=desa_a):
        pertama, kedua = SuratMasuk.objects.filter(desa=desa_a).order_by("nomor_agenda")
        sekdes = Perangkat.objects.get(pengguna=sekdes_a)
    assert (pertama.nomor_agenda, kedua.nomor_agenda, pertama.tahun) == (1, 2, 2026)
    berkas = op.get(f"/admin-desa/surat/masuk/{pertama.pk}/berkas/")
    assert b"".join(berkas.streaming_content) == PDF
    r = op.post(
        f"/admin-desa/surat/masuk/{pertama.pk}/", {"aksi": "disposisi", "kepada": sekdes.pk, "isi": "Mohon hadir"}
    )
    assert r.status_code == 302
    pertama.refresh_from_db()
    assert pertama.status == "didisposisi" and pertama.disposisi_kepada_id == sekdes.pk
    op.post(f"/admin-desa/surat/masuk/{pertama.pk}/", {"aksi": "selesai", "tindak_lanjut": "Sekdes hadir"})
    pertama.refresh_from_db()
    assert pertama.status == "selesai" and pertama.tindak_lanjut == "Sekdes hadir"
    with scope(desa=desa_a):
        aksi = list(
            AuditEntry.objects.filter(object_id=str(pertama.pk), action__startswith="surat_masuk.")
            .order_by("id")
            .values_list("action", flat=True)
        )
    assert aksi == ["surat_masuk.dicatat", "surat_masuk.disposisi", "surat_masuk.selesai"]
    daftar = op.get("/admin-desa/surat/masuk/?tahun=2026").content.decode()
    assert "Undangan rapat koordinasi" in daftar and "Surat kedua" in daftar
    ws = load_workbook(io.BytesIO(op.get("/admin-desa/surat/masuk/?tahun=2026&unduh=xlsx").content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert [r[0] for r in rows[2:]] == [1, 2] and rows[2][6] == "Sri Wahyuni"
    halaman = PdfReader(io.BytesIO(op.get("/admin-desa/surat/masuk/?tahun=2026&unduh=pdf").content)).pages[0]
    assert halaman.mediabox.width > halaman.mediabox.height  # landscape
    teks = halaman.extract_text()
    assert "Surat kedua" in teks and "005/123/2026" in teks and "Sekdes hadir" in teks


@pytest.mark.parametrize("isi", [b"MZ\x90\x00 program", b"ini cuma teks biasa"])
def test_surat_masuk_refuses_non_pdf_scan(client_for, desa_a, operator_a, isi):
    r = client_for(desa_a, operator_a).post(
        "/admin-desa/surat/masuk/baru/", _isian(berkas=SimpleUploadedFile("surat.pdf", isi))
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Program atau skrip tidak diterima" in html or "bukan keduanya" in html
    with scope(desa=desa_a):
        assert not SuratMasuk.objects.filter(desa=desa_a).exists()
        assert not PenghitungNomor.objects.filter(desa=desa_a).exists()


def test_other_village_surat_masuk_is_404(client_for, desa_a, desa_b, operator_a):
    with scope(desa=desa_b):
        item = services.catat_surat_masuk(
            desa=desa_b, actor=None, tanggal_terima=datetime.date(2026, 1, 5), nomor_surat="1/2026",
            tanggal_surat=datetime.date(2026, 1, 4), pengirim="Dinas", perihal="Rahasia desa B",
        )  # fmt: skip
    op = client_for(desa_a, operator_a)
    assert op.get(f"/admin-desa/surat/masuk/{item.pk}/").status_code == 404
    assert op.get(f"/admin-desa/surat/masuk/{item.pk}/berkas/").status_code == 404
    assert "Rahasia desa B" not in op.get("/admin-desa/surat/masuk/?tahun=2026").content.decode()


def test_register_pages_have_bounded_queries(client_for, desa_a, operator_a, tiga_surat, django_assert_max_num_queries):
    op = client_for(desa_a, operator_a)
    with scope(desa=desa_a):
        for i in range(5):
            services.catat_surat_masuk(
                desa=desa_a, actor=operator_a, tanggal_terima=datetime.date(2026, 1, 5 + i), nomor_surat=f"{i}/2026",
                tanggal_surat=datetime.date(2026, 1, 4), pengirim="Dinas", perihal=f"Perihal {i}",
            )  # fmt: skip
    tahun = tiga_surat[0].tanggal_surat.year
    for url in (f"/admin-desa/surat/agenda/?tahun={tahun}", "/admin-desa/surat/masuk/?tahun=2026"):
        with django_assert_max_num_queries(LIMIT):
            assert op.get(url).status_code == 200
