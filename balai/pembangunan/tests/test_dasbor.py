"""Kecamatan and kabupaten: projects per village this year, finished ones, xlsx export."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from balai.akun.models import Peran
from balai.wilayah.models import Desa

pytestmark = pytest.mark.django_db

TAHUN = timezone.localdate().year


@pytest.fixture
def proyek_dua_desa(buat, desa_a, desa_b, operator_b):
    buat.proyek(nama="Jalan A1", tahun=TAHUN, status="selesai", anggaran=100_000_000, persen=100)
    buat.proyek(nama="Jalan A2", tahun=TAHUN, status="berjalan", anggaran=50_000_000, persen=40)
    buat.proyek(nama="Jalan A3", tahun=TAHUN, status="batal", anggaran=70_000_000)
    buat.proyek(nama="Jalan A lama", tahun=TAHUN - 1, status="selesai")
    buat.proyek(desa_b, actor=operator_b, nama="Jalan B1", tahun=TAHUN, status="selesai", persen=100)


def test_kecamatan_melihat_desanya_saja(proyek_dua_desa, desa_a, desa_b, make_user, client_for, kaligondang):
    sibling = Desa.objects.create(kecamatan=kaligondang, kode="33.03.04.2007", nama="Kalikajar", slug="kalikajar")
    client = client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang))
    body = client.get("/dasbor/pembangunan/").content.decode()
    assert "Selakambang" in body and sibling.nama in body and desa_b.nama not in body
    assert "<td>2</td><td>1</td><td>1</td><td>Rp 150.000.000</td><td>70%</td>" in body  # batal not counted
    dasbor = client.get("/dasbor/").content.decode()
    assert f"Pembangunan desa {TAHUN}" in dasbor and "<strong>2</strong> kegiatan di 1 dari 2 desa" in dasbor


def test_kabupaten_semua_desa_dan_xlsx(proyek_dua_desa, desa_a, desa_b, make_user, client_for):
    client = client_for(None, make_user(Peran.ADMIN_KABUPATEN))
    body = client.get("/dasbor/pembangunan/").content.decode()
    assert "Selakambang" in body and "Karangpetir" in body
    r = client.get("/dasbor/pembangunan/", {"format": "xlsx", "tahun": TAHUN})
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = {row[1]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["Selakambang"][3:7] == (2, 1, 1, 150_000_000)
    assert rows["Karangpetir"][3:5] == (1, 1)
    lalu = client.get("/dasbor/pembangunan/", {"format": "xlsx", "tahun": TAHUN - 1})
    ws = load_workbook(io.BytesIO(lalu.content)).active
    assert {row[1]: row[3] for row in ws.iter_rows(min_row=2, values_only=True)}["Selakambang"] == 1


def test_jumlah_query_tetap(proyek_dua_desa, kaligondang, make_user, client_for, django_assert_max_num_queries):
    client = client_for(None, make_user(Peran.ADMIN_KABUPATEN))
    client.get("/dasbor/pembangunan/")
    with django_assert_max_num_queries(12) as sedikit:
        client.get("/dasbor/pembangunan/")
    Desa.objects.bulk_create(
        Desa(kecamatan=kaligondang, kode=f"33.03.04.{2100 + i}", nama=f"Desa {i}", slug=f"desa-{i}") for i in range(40)
    )
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        client.get("/dasbor/pembangunan/")


def test_desa_tidak_boleh(desa_a, operator_a, client_for):
    assert client_for(desa_a, operator_a).get("/dasbor/pembangunan/").status_code == 404


def test_ukuran_aktivitas_progres(buat, desa_a, desa_b, operator_b):
    from datetime import timedelta

    from django_scopes import scopes_disabled

    from balai.core import registry

    proyek = buat.proyek()
    buat.progres(proyek, persen=10, foto=0)
    buat.progres(proyek, persen=20, foto=0)
    tersembunyi = buat.proyek(nama="Belum diumumkan", terbit=False)
    buat.progres(tersembunyi, persen=20, foto=0)
    ukuran = next(
        m for m in registry.extensions(registry.ActivityMeasure) if m.key == "transparansi.progres_pembangunan"
    )
    now = timezone.now()
    with scopes_disabled():
        assert ukuran([desa_a.pk, desa_b.pk], now - timedelta(days=30), now + timedelta(minutes=1)) == {desa_a.pk: 2}
        assert ukuran([desa_a.pk], now + timedelta(minutes=1), now + timedelta(days=1)) == {}


def test_peringatan_proyek_terlambat(buat, desa_a, desa_b, operator_b):
    from datetime import timedelta

    from django_scopes import scopes_disabled

    from balai.core import registry

    hari_ini = timezone.localdate()
    lewat = {"mulai": hari_ini - timedelta(days=100), "rencana_selesai": hari_ini - timedelta(days=10)}
    buat.proyek(nama="Talud terlambat", status="berjalan", **lewat)
    buat.proyek(
        nama="Jalan rencana lama", status="rencana", mulai=lewat["mulai"], rencana_selesai=hari_ini - timedelta(days=3)
    )
    buat.proyek(nama="Sudah selesai", status="selesai", **lewat)
    buat.proyek(nama="Ditunda", status="tertunda", **lewat)
    buat.proyek(desa_b, actor=operator_b, nama="Belum lewat", status="berjalan", rencana_selesai=hari_ini)
    sumber = next(a for a in registry.extensions(registry.AlertSource) if a.key == "pembangunan_terlambat")
    with scopes_disabled():
        hasil = sumber([desa_a.pk, desa_b.pk])
    assert hasil == [
        (desa_a.pk, "2 kegiatan pembangunan melewati rencana selesai tanpa dilaporkan selesai (paling lama 10 hari).")
    ]
