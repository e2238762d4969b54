"""The letter registers: Buku Agenda Surat Keluar (page, summary, xlsx, PDF) and surat masuk."""

import datetime
import io

import pytest
from django_scopes import scope
from openpyxl import load_workbook
from pypdf import PdfReader

from balai.akun.models import Peran
from balai.surat import selectors, services
from balai.surat.models import Surat

pytestmark = pytest.mark.django_db


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
