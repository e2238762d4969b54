"""The completeness checklist per village and across villages, and the kecamatan/kabupaten
view: bounded queries whatever the number of villages."""

import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from balai.akun.models import Peran
from balai.ppid import selectors, services
from balai.ppid.models import InformasiPublik
from balai.ppid.wajib import WAJIB
from balai.publikasi.models import Dokumen
from balai.website.models import Halaman
from balai.wilayah.models import Desa

pytestmark = pytest.mark.django_db
HARI = date(2026, 6, 15)


def _info(desa, wajib, tanggal, kategori="berkala", **extra):
    with scopes_disabled():
        return InformasiPublik.objects.create(
            desa=desa, kategori=kategori, judul=f"Info {wajib}", penguasa="Sekdes", penanggung_jawab="Kades",
            wajib=wajib, tanggal=tanggal, **extra,
        )  # fmt: skip


def _status(k):
    return {b.key: b.status for b in k.butir}


def test_present_missing_and_out_of_date(desa_a):
    kosong = selectors.kelengkapan(desa_a, hari=HARI)
    assert _status(kosong)["ppid"] == "ada"  # the procedures page every village site has
    assert kosong.jumlah("kosong") == len(WAJIB) - 1
    _info(desa_a, "rpjmdes", HARI - timedelta(days=100))
    _info(desa_a, "rkpdes", HARI - timedelta(days=500))  # last year's and before: out of date
    _info(desa_a, "pengaduan", HARI, kategori="dikecualikan", uji_konsekuensi="x", dasar_hukum="y")  # not public
    with scopes_disabled():
        Dokumen.objects.create(desa=desa_a, judul="APBDes", kategori="apbdes", jenis="pdf", berkas="a.pdf")
        Halaman.objects.create(desa=desa_a, judul="Profil desa", slug="profil", isi="<p>Profil</p>")
    k = selectors.kelengkapan(desa_a, hari=HARI + timedelta(days=1))
    status = _status(k)
    assert status["rpjmdes"] == "ada" and status["rkpdes"] == "usang" and status["pengaduan"] == "kosong"
    assert status["apbdes"] == "ada" and status["profil"] == "ada"
    assert k.persen == round(100 * (4 + 0.5) / len(WAJIB))


def test_many_villages_in_a_fixed_number_of_queries(kaligondang):
    with scopes_disabled():
        desa = Desa.objects.bulk_create(
            Desa(kecamatan=kaligondang, kode=f"33.03.04.{2100 + i}", nama=f"Desa {i}", slug=f"desa-{i}")
            for i in range(30)
        )
    for d in desa[:10]:
        _info(d, "rpjmdes", HARI)

    def hitung(ids):
        with CaptureQueriesContext(connection) as ctx:
            hasil = selectors.kelengkapan_banyak(ids, hari=HARI)
        return len(ctx.captured_queries), hasil

    sedikit, _ = hitung([d.pk for d in desa[:3]])
    banyak, hasil = hitung([d.pk for d in desa])
    assert sedikit == banyak
    assert _status(hasil[desa[0].pk])["rpjmdes"] == "ada" and _status(hasil[desa[20].pk])["rpjmdes"] == "kosong"


def test_kecamatan_and_kabupaten_see_each_village(
    desa_a, desa_b, make_user, client_for, isian, ppid_a, django_assert_max_num_queries
):
    with scope(desa=desa_a):
        lama = services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2025, 1, 6))  # long overdue
        dijawab = services.ajukan_permohonan(desa=desa_a, data=isian)
        services.jawab_permohonan(desa=desa_a, actor=ppid_a, permohonan=dijawab, jawaban="seluruhnya")
    kec = client_for(desa_a.kecamatan, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=desa_a.kecamatan))
    body = kec.get("/dasbor/ppid/").content.decode()
    assert desa_a.nama in body and desa_b.nama not in body
    assert lama.nomor not in body  # counts only, no request details upward
    buku = load_workbook(io.BytesIO(kec.get("/dasbor/ppid/", {"format": "xlsx"}).content))
    baris = [r for r in buku.active.iter_rows(values_only=True) if r and r[0] == desa_a.kode]
    assert baris and baris[0][4] == 1 and baris[0][6] == 1 and baris[0][8] == 0  # open, overdue, 0 working days
    kab = client_for(None, make_user(Peran.ADMIN_KABUPATEN))
    kab.get("/dasbor/ppid/")  # session and account lookups warmed
    with django_assert_max_num_queries(22):
        body = kab.get("/dasbor/ppid/").content.decode()
    assert desa_a.nama in body and desa_b.nama in body
    assert "terlambat" in kab.get("/dasbor/").content.decode()


def test_village_dashboard_widget_counts(desa_a, client_for, isian, ppid_a):
    with scope(desa=desa_a):
        services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2025, 1, 6))
    body = client_for(desa_a, ppid_a).get("/admin-desa/").content.decode()
    assert "Layanan informasi publik" in body and "1</strong> terlambat" in body
