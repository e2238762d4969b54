"""The kecamatan's table of villages and its read-only page of one village: the figures come
from the modules' own definitions, sort on the server, export as xlsx, cost the same queries
for 2 or 12 villages, and stay inside the kecamatan."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from balai.akun.models import Peran
from balai.core.registry import ActivityMeasure, VillageColumn, extensions
from balai.core.tests.test_isolation import make_for_desa
from balai.panel import tabel_desa
from balai.ppid.models import Permohonan
from balai.surat.models import Surat
from balai.wilayah.models import Desa

pytestmark = pytest.mark.django_db


@pytest.fixture
def op_kec(make_user, kaligondang):
    return make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)


@pytest.fixture
def desa_c(kaligondang):
    return Desa.objects.create(kecamatan=kaligondang, kode="33.03.04.2001", nama="Arenan", slug="arenan")


def _surat(desa, *, jam, ditandatangani):
    with scopes_disabled():
        surat = make_for_desa(Surat, desa)
        Surat.objects.filter(pk=surat.pk).update(
            diajukan=ditandatangani - timedelta(hours=jam), ditandatangani_pada=ditandatangani
        )
        return surat


def _permohonan(desa, *, tenggat, urut):
    with scopes_disabled():
        p = make_for_desa(Permohonan, desa)
        Permohonan.objects.filter(pk=p.pk).update(
            tahun=tenggat.year,
            urut=urut,
            nomor=f"PPID/uji/{urut}",
            tenggat=tenggat,
            diterima=tenggat - timedelta(days=14),
            status="diproses",
            jawaban_tanggal=None,
        )
        return p


def _bulan_ini():
    return tabel_desa.bulan_dari("")[0]


def test_every_column_that_is_also_an_activity_measure_gives_the_measures_numbers(desa_a, desa_c):
    sekarang = timezone.now()
    _surat(desa_a, jam=5, ditandatangani=sekarang - timedelta(minutes=5))
    _surat(desa_a, jam=9, ditandatangani=sekarang - timedelta(minutes=3))
    bulan = _bulan_ini()
    ids = [desa_a.pk, desa_c.pk]
    data = tabel_desa.nilai_per_desa(ids, bulan)
    measures = {m.target: m for m in extensions(ActivityMeasure)}
    shared = [c for c in extensions(VillageColumn) if not c.field and c.target in measures]
    assert {c.key for c in shared} >= {"surat.terbit", "surat.waktu", "ppid.kelengkapan"}
    with scopes_disabled():
        for c in shared:
            assert data[c.key] == measures[c.target](ids, bulan.awal, bulan.akhir), c.key
    assert data["surat.terbit"] == {desa_a.pk: 2}
    assert data["surat.waktu"] == {desa_a.pk: 7.0}


def test_the_dashboard_shows_each_villages_figures_and_links_its_page(client_for, op_kec, desa_a, desa_c, desa_b):
    _surat(desa_a, jam=4, ditandatangani=timezone.now() - timedelta(minutes=5))
    _permohonan(desa_c, tenggat=timezone.localdate() - timedelta(days=2), urut=1)
    response = client_for(desa_a.kecamatan, op_kec).get("/dasbor/")
    assert response.status_code == 200
    columns, rows = response.context["columns"], response.context["rows"]
    keys = [c.key for c in columns]
    assert [r.desa for r in rows] == [desa_c, desa_a]  # by code; the other kecamatan's village absent
    baris = {r.desa: dict(zip(keys, r.nilai, strict=True)) for r in rows}
    assert baris[desa_a]["surat.terbit"] == 1 and baris[desa_c]["surat.terbit"] == 0  # none signed: 0
    assert baris[desa_a]["surat.waktu"] == 4.0 and baris[desa_c]["surat.waktu"] is None  # no median: none
    assert baris[desa_c]["ppid.terbuka"] == 1 and baris[desa_c]["ppid.terlambat"] == 1
    body = response.content.decode()
    assert f'href="/dasbor/desa/{desa_a.pk}/?bulan=' in body and "Karangpetir" not in body
    for label in ("Penduduk", "Surat ditandatangani", "Kelengkapan DIP", "APBDes terbit", "Kehadiran perangkat"):
        assert label in body


def test_sorting_by_any_column_keeps_villages_without_a_value_last(client_for, op_kec, desa_a, desa_c, kaligondang):
    desa_d = Desa.objects.create(kecamatan=kaligondang, kode="33.03.04.2009", nama="Brecek", slug="brecek")
    sekarang = timezone.now()
    _surat(desa_a, jam=1, ditandatangani=sekarang - timedelta(minutes=5))
    for menit in (6, 7, 8):
        _surat(desa_d, jam=3, ditandatangani=sekarang - timedelta(minutes=menit))
    client = client_for(kaligondang, op_kec)

    def urutan(query):
        return [r.desa.nama for r in client.get(f"/dasbor/?{query}").context["rows"]]

    _surat(desa_d, jam=20, ditandatangani=sekarang - timedelta(minutes=9))
    assert urutan("urut=surat.terbit&arah=naik") == ["Arenan", "Selakambang", "Brecek"]
    assert urutan("urut=surat.terbit&arah=turun") == ["Brecek", "Selakambang", "Arenan"]
    # Arenan signed nothing, so has no median time: last in both directions.
    assert urutan("urut=surat.waktu&arah=naik") == ["Selakambang", "Brecek", "Arenan"]
    assert urutan("urut=surat.waktu&arah=turun") == ["Brecek", "Selakambang", "Arenan"]
    assert urutan("urut=nama&arah=naik") == ["Arenan", "Brecek", "Selakambang"]
    assert urutan("urut=tidak-ada&arah=miring") == ["Arenan", "Selakambang", "Brecek"]  # by code


def test_moments_sort_never_as_the_oldest():
    from types import SimpleNamespace

    kolom = [VillageColumn("x.terakhir", "Terakhir", lambda *a: {}, kind="waktu")]
    t = timezone.now()
    rows = [
        tabel_desa.Baris(SimpleNamespace(kode="1", nama="A"), [t], kolom),
        tabel_desa.Baris(SimpleNamespace(kode="2", nama="B"), [None], kolom),
        tabel_desa.Baris(SimpleNamespace(kode="3", nama="C"), [t - timedelta(days=9)], kolom),
    ]
    naik = tabel_desa.urutkan(rows, kolom, "x.terakhir", "naik")
    turun = tabel_desa.urutkan(rows, kolom, "x.terakhir", "turun")
    assert [r.desa.nama for r in naik] == ["B", "C", "A"]
    assert [r.desa.nama for r in turun] == ["A", "C", "B"]


@pytest.mark.parametrize(
    "bulan", ["2026-13", "abc", "1999-05", "9999-01", "2026-00-01", "99999999999999999999-01", "%00"]
)
def test_a_bad_month_shows_this_month_with_a_message(client_for, op_kec, desa_a, bulan):
    response = client_for(desa_a.kecamatan, op_kec).get("/dasbor/", {"bulan": bulan})
    if bulan == "%00":
        assert response.status_code in (200, 400)
        return
    assert response.status_code == 200
    assert response.context["bulan"].hari == timezone.localdate().replace(day=1)
    pesan = [str(m) for m in response.context["messages"]]
    assert pesan and "ditampilkan bulan ini" in pesan[0]


def test_a_past_month_counts_that_months_letters(client_for, op_kec, desa_a):
    awal_bulan_ini = timezone.localtime().replace(day=1, hour=12)
    lalu = awal_bulan_ini - timedelta(days=3)
    _surat(desa_a, jam=2, ditandatangani=lalu)
    client = client_for(desa_a.kecamatan, op_kec)
    kode = timezone.localtime(lalu).strftime("%Y-%m")
    rows = client.get("/dasbor/", {"bulan": kode}).context["rows"]
    keys = [c.key for c in client.get("/dasbor/").context["columns"]]
    assert rows[0].nilai[keys.index("surat.terbit")] == 1
    rows_now = client.get("/dasbor/").context["rows"]
    assert rows_now[0].nilai[keys.index("surat.terbit")] == 0


def test_the_xlsx_holds_the_same_table(client_for, op_kec, desa_a, desa_c):
    _surat(desa_a, jam=3, ditandatangani=timezone.now() - timedelta(minutes=5))
    client = client_for(desa_a.kecamatan, op_kec)
    response = client.get("/dasbor/?urut=surat.terbit&arah=turun&format=xlsx")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    baris = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    judul = baris[1]
    assert judul[:2] == ("Kode", "Desa/kelurahan") and "Surat ditandatangani" in judul
    assert [b[1] for b in baris[2:]] == ["Selakambang", "Arenan"]
    assert baris[2][judul.index("Surat ditandatangani")] == 1


def test_the_dashboard_costs_the_same_queries_for_2_or_12_villages(
    client_for, op_kec, kaligondang, desa_a, desa_c, django_assert_max_num_queries
):
    """Cold (nothing cached yet) and warm (the table's figures and the widgets kept for two
    minutes): each the same for 2 and 12 villages."""
    from django.core.cache import cache

    from balai.core.tenancy import forget_hosts

    client = client_for(kaligondang, op_kec)

    def hitung():
        client.get("/dasbor/")  # warm the host and role caches
        cache.clear()
        with CaptureQueriesContext(connection) as dingin:
            assert client.get("/dasbor/").status_code == 200
        with CaptureQueriesContext(connection) as hangat:
            response = client.get("/dasbor/")
        return len(dingin.captured_queries), len(hangat.captured_queries), len(response.context["rows"])

    dingin, hangat, baris = hitung()
    assert baris == 2 and hangat < dingin
    for i in range(10):
        Desa.objects.create(kecamatan=kaligondang, kode=f"33.03.04.29{i:02d}", nama=f"Uji {i}", slug=f"uji-{i}")
    forget_hosts()
    assert hitung() == (dingin, hangat, 12)


def test_a_villages_page_is_read_only_and_shows_no_resident_identity(client_for, op_kec, desa_a):
    from balai.penduduk.models import Penduduk

    _surat(desa_a, jam=6, ditandatangani=timezone.now() - timedelta(minutes=5))
    p = _permohonan(desa_a, tenggat=timezone.localdate() + timedelta(days=5), urut=7)
    with scopes_disabled():
        Penduduk.objects.filter(desa=desa_a).update(nama="SULASTRI WIBOWO", nik="3303045107880001")
        Permohonan.objects.filter(pk=p.pk).update(nama="Budi Pemohon", nomor_identitas="3303040101900002")
    response = client_for(desa_a.kecamatan, op_kec).get(f"/dasbor/desa/{desa_a.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    judul_bagian = ["Penduduk", "Surat bulan ini", "PPID", "APBDes", "Pembangunan"]
    judul_bagian += ["Kehadiran perangkat", "Akun petugas"]
    for judul in judul_bagian:
        assert f"<h2>{judul}</h2>" in body
    assert "PPID/uji/7" in body
    for pribadi in ("SULASTRI", "3303045107880001", "Budi Pemohon", "3303040101900002"):
        assert pribadi not in body
    assert "<form" not in body.split("<main", 1)[-1].replace('<form method="get"', "")  # no form that changes


def test_another_kecamatans_village_is_404_and_village_staff_cannot_open_it(
    client_for, op_kec, desa_a, desa_b, operator_a, make_user, kabupaten
):
    client = client_for(desa_a.kecamatan, op_kec)
    assert client.get(f"/dasbor/desa/{desa_b.pk}/").status_code == 404
    assert client.get("/dasbor/desa/999999/").status_code == 404
    # A village's own staff: not on the kecamatan host, and the path is nothing on a village host.
    assert client_for(desa_a.kecamatan, operator_a).get(f"/dasbor/desa/{desa_a.pk}/").status_code == 403
    assert client_for(desa_a, operator_a).get(f"/dasbor/desa/{desa_a.pk}/").status_code == 404
    # The kabupaten's page of the same path still works on its own host.
    admin = make_user(Peran.ADMIN_KABUPATEN)
    kab = client_for(None, admin).get(f"/dasbor/desa/{desa_b.pk}/")
    assert kab.status_code == 200 and "Pengguna desa" in kab.content.decode()


def test_the_village_page_costs_a_bounded_number_of_queries(client_for, op_kec, desa_a, django_assert_max_num_queries):
    client = client_for(desa_a.kecamatan, op_kec)
    client.get(f"/dasbor/desa/{desa_a.pk}/")
    with django_assert_max_num_queries(60):
        assert client.get(f"/dasbor/desa/{desa_a.pk}/?bulan=2026-13").status_code == 200


def test_the_kabupaten_directory_shows_a_kecamatans_table_on_request(client_for, make_user, desa_a, desa_c, desa_b):
    _surat(desa_a, jam=3, ditandatangani=timezone.now() - timedelta(minutes=5))
    client = client_for(None, make_user(Peran.ADMIN_KABUPATEN))
    biasa = client.get("/dasbor/desa/?kecamatan=kaligondang")
    assert "columns" not in biasa.context and "angka=1" in biasa.content.decode()
    response = client.get("/dasbor/desa/?kecamatan=kaligondang&angka=1&urut=surat.terbit&arah=turun")
    assert [r.desa for r in response.context["rows"]] == [desa_a, desa_c]
    body = response.content.decode()
    assert "urut=penduduk.hidup" in body and "kecamatan=kaligondang" in body
    xlsx = client.get("/dasbor/desa/?kecamatan=kaligondang&angka=1&format=xlsx")
    baris = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert [b[1] for b in baris[2:]] == ["Arenan", "Selakambang"]  # by code without ?urut


def test_the_kabupaten_dashboard_stays_within_20_queries_for_any_number_of_villages(
    client_for, make_user, kaligondang, desa_a, desa_b
):
    """Warm (widgets and the per-kecamatan figures kept for two minutes): at most 20 queries, the
    same for 3 or 13 villages; cold (nothing cached yet) the same for both too."""
    from django.core.cache import cache

    from balai.core.tenancy import forget_hosts

    client = client_for(None, make_user(Peran.ADMIN_KABUPATEN))

    def hitung():
        client.get("/dasbor/")
        cache.clear()
        with CaptureQueriesContext(connection) as dingin:
            assert client.get("/dasbor/").status_code == 200
        with CaptureQueriesContext(connection) as hangat:
            assert client.get("/dasbor/").status_code == 200
        return len(dingin.captured_queries), len(hangat.captured_queries)

    dingin, hangat = hitung()
    assert hangat <= 20 and hangat < dingin
    for i in range(10):
        Desa.objects.create(kecamatan=kaligondang, kode=f"33.03.04.28{i:02d}", nama=f"Baru {i}", slug=f"baru-{i}")
    forget_hosts()
    assert hitung() == (dingin, hangat)


def test_cells_are_written_as_the_kind_of_column_says_and_escaped():
    from datetime import date, datetime
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from balai.panel.templatetags.tabel_desa import isi_sel

    def c(kind):
        return SimpleNamespace(kind=kind)

    assert isi_sel(c("persen"), 27.5) == "27,5%" and isi_sel(c("jam"), 12.0) == "12,0 jam"
    assert isi_sel(c("angka"), 12345) == "12.345" and isi_sel(c("angka"), None) == '<span class="muted">—</span>'
    assert isi_sel(c("yatidak"), False) == '<span class="badge off">belum</span>'
    utc = datetime(2026, 12, 3, 20, 30, tzinfo=ZoneInfo("UTC"))  # 4 Dec 03:30 in Purbalingga
    assert isi_sel(c("waktu"), utc).endswith(">4 Des 2026</time>") and 'title="4 Des 2026 03:30"' in isi_sel(
        c("waktu"), utc
    )
    assert isi_sel(c("tanggal"), date(2026, 1, 5)) == '<time datetime="2026-01-05">5 Jan 2026</time>'
    assert isi_sel(c("teks"), "<b>Desa</b>") == "&lt;b&gt;Desa&lt;/b&gt;"
