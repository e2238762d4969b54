from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from balai.akun.models import Peran
from balai.pengawasan import services

pytestmark = pytest.mark.django_db


def _bulan_ini():
    return timezone.localdate().strftime("%Y-%m")


def test_evidence_for_the_period_as_xlsx_and_pdf(client_for, kabupaten, desa_a, desa_b, make_user):
    services.hitung_skor(kabupaten=kabupaten)
    client = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN))
    q = {"dari": _bulan_ini(), "sampai": _bulan_ini()}
    assert desa_a.kecamatan.nama in client.get("/dasbor/bukti/", q).content.decode()
    wb = load_workbook(BytesIO(client.get("/dasbor/bukti/", q | {"format": "xlsx"}).content))
    assert wb.sheetnames == ["Definisi", "Per kecamatan", "Per desa"]
    desa = [r[1] for r in wb["Per desa"].iter_rows(min_row=2, values_only=True)]
    assert sorted(desa) == sorted([desa_a.nama, desa_b.nama])
    definisi = [r[1] for r in wb["Definisi"].iter_rows(values_only=True)]
    assert "Berita terbit" in definisi
    teks = "".join(
        p.extract_text() for p in PdfReader(BytesIO(client.get("/dasbor/bukti/", q | {"format": "pdf"}).content)).pages
    )
    assert desa_a.nama in teks and "Hari sejak terbitan terakhir" in teks


def test_an_empty_period_gives_a_report_that_says_so(client_for, kabupaten, desa_a, make_user):
    client = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN))
    q = {"dari": "2020-01", "sampai": "2020-03", "format": "xlsx"}
    wb = load_workbook(BytesIO(client.get("/dasbor/bukti/", q).content))
    assert "Tidak ada skor yang dihitung pada periode ini." in [
        r[0] for r in wb["Definisi"].iter_rows(values_only=True)
    ]


def test_a_period_backwards_is_refused_with_the_reason(client_for, kabupaten, make_user):
    client = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN))
    jawab = client.get("/dasbor/bukti/", {"dari": "2026-05", "sampai": "2026-01"})
    assert "Bulan awal harus sebelum atau sama dengan bulan akhir." in jawab.content.decode()


def test_a_kecamatan_exports_its_own_villages_only(client_for, kabupaten, kaligondang, desa_a, desa_b, make_user):
    services.hitung_skor(kabupaten=kabupaten)
    client = client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang))
    q = {"dari": _bulan_ini(), "sampai": _bulan_ini(), "format": "xlsx", "kecamatan": desa_b.kecamatan_id}
    wb = load_workbook(BytesIO(client.get("/dasbor/bukti/", q).content))
    assert [r[1] for r in wb["Per desa"].iter_rows(min_row=2, values_only=True)] == [desa_a.nama]
