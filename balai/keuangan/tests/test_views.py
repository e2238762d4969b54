"""Pages: public APBDes (content, cache, query counts, downloads), the front-page widget, the
back office (form, realisation, perubahan, publishing, uploads, permissions) and the upward
table of the kecamatan and kabupaten."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.keuangan import services
from balai.keuangan.models import Apbdes, Baris, Kegiatan, Realisasi
from balai.keuangan.rancangan import BarisRancangan
from balai.wilayah.models import Desa

from .fabrik import XLSX_BAIK, apbdes_contoh, rancangan_contoh, siskeudes_zip, xlsx

D = Decimal


@pytest.fixture
def terbit_a(desa_a, no_scopes):
    return apbdes_contoh(desa_a, tahun=2026)


def test_halaman_publik_menampilkan_infografik(client_for, desa_a, terbit_a):
    response = client_for(desa_a).get("/apbdes/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "APBDes 2026" in html and "Dana Desa" in html and "Pelaksanaan Pembangunan Desa" in html
    assert "<svg" in html and 'class="realisasi' in html
    # pendapatan Rp 1,745 M, realised 980 jt: 56,2%
    assert "Rp 1,75 M" in html and "56,2%" in html
    assert client_for(desa_a).get("/apbdes/2026/").status_code == 200


def test_tahun_belum_terbit_404_dan_kosong_tanpa_apbdes(client_for, desa_a, no_scopes):
    apbdes_contoh(desa_a, tahun=2025, terbit=False)
    assert client_for(desa_a).get("/apbdes/2025/").status_code == 404
    response = client_for(desa_a).get("/apbdes/")
    assert response.status_code == 200 and "belum menerbitkan APBDes" in response.content.decode()


def test_versi_terbit_terbaru_yang_tampil(client_for, desa_a, terbit_a, operator_a, django_capture_on_commit_callbacks):
    with scope(desa=desa_a), django_capture_on_commit_callbacks(execute=True):
        p = services.buat_perubahan(desa=desa_a, actor=operator_a, apbdes=terbit_a)
        dd = Baris.objects.get(apbdes=p, kode="4.2.1")
        dd.anggaran = D(1_234_000_000)
        services.simpan_baris(desa=desa_a, actor=operator_a, baris=dd)
    html = client_for(desa_a).get("/apbdes/2026/").content.decode()
    assert "APBDes 2026" in html and "Perubahan" not in html  # the perubahan is not published yet
    with scope(desa=desa_a), django_capture_on_commit_callbacks(execute=True):
        services.terbitkan(desa=desa_a, actor=operator_a, apbdes=p)
    html = client_for(desa_a).get("/apbdes/2026/").content.decode()
    assert "APBDes Perubahan ke-1 2026" in html and "Rp 1.234.000.000" in html


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_jumlah_query_tidak_bergantung_jumlah_baris(client_for, desa_a, desa_b, no_scopes, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    apbdes_contoh(desa_a, tahun=2026)
    besar = rancangan_contoh(2026)
    besar.baris += [
        BarisRancangan("5.2.1", f"Belanja {i}", D(1_000_000), "DDS", "2.3.01", {(2, 8): D(10_000)}) for i in range(150)
    ]
    apbdes = services.terapkan_rancangan(desa=desa_b, actor=None, rancangan=besar, sumber="xlsx")
    services.terbitkan(desa=desa_b, actor=None, apbdes=apbdes)
    kecil, banyak = _queries(client_for(desa_a), "/apbdes/2026/"), _queries(client_for(desa_b), "/apbdes/2026/")
    assert kecil == banyak <= 12


def test_halaman_publik_di_cache_dan_diperbarui_saat_berubah(
    client_for, desa_a, terbit_a, operator_a, django_capture_on_commit_callbacks
):
    client = client_for(desa_a)
    assert "Rp 1.100.000.000" in client.get("/apbdes/2026/").content.decode()
    with CaptureQueriesContext(connection) as ctx:
        client.get("/apbdes/2026/")
    assert not any("keuangan_" in q["sql"] for q in ctx.captured_queries)  # served from the cache
    with scope(desa=desa_a), django_capture_on_commit_callbacks(execute=True):
        dd = Baris.objects.get(apbdes=terbit_a, kode="4.2.1")
        dd.anggaran = D(1_050_000_000)
        services.simpan_baris(desa=desa_a, actor=operator_a, baris=dd)
    assert "Rp 1.050.000.000" in client.get("/apbdes/2026/").content.decode()


def test_unduhan_xlsx_dan_pdf(client_for, desa_a, terbit_a):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    response = client_for(desa_a).get("/apbdes/2026/apbdes.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    dd = next(r for r in rows if r[0] == "4.2.1")
    assert dd[3] == 1_100_000_000 and dd[4] == 660_000_000
    response = client_for(desa_a).get("/apbdes/2026/apbdes.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "APBDes Tahun Anggaran 2026" in text and "Desa Selakambang" in text
    assert "Pembangunan/Rehabilitasi Jalan Desa" in text and "Rp 1.100.000.000" in text
    assert client_for(desa_a).get("/apbdes/2025/apbdes.pdf").status_code == 404


def test_widget_beranda(client_for, desa_a, terbit_a):
    html = client_for(desa_a).get("/").content.decode()
    assert "APBDes 2026" in html and "Lihat APBDes lengkap" in html


def test_menu_publik(client_for, desa_a):
    assert 'href="/apbdes/"' in client_for(desa_a).get("/").content.decode()


# --- back office ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "peran,boleh",
    [
        (Peran.OPERATOR_DESA, True),
        (Peran.ADMIN_DESA, True),
        (Peran.SEKDES, True),
        (Peran.KEPALA_DESA, False),
        (Peran.PERANGKAT_DESA, False),
        (Peran.PPID_DESA, False),
    ],
)
def test_izin_kantor(client_for, desa_a, make_user, peran, boleh):
    client = client_for(desa_a, make_user(peran, desa=desa_a))
    assert client.get("/admin-desa/apbdes/").status_code == (200 if boleh else 403)


def test_alur_formulir(client_for, desa_a, operator_a):
    client = client_for(desa_a, operator_a)
    response = client.post("/admin-desa/apbdes/", {"baru-tahun": "2026", "baru-nomor_perdes": "2/2025"})
    with scopes_disabled():
        apbdes = Apbdes.objects.get(desa=desa_a, tahun=2026)
    assert response.status_code == 302
    base = f"/admin-desa/apbdes/{apbdes.pk}/"
    assert (
        client.post(
            base + "kegiatan/tambah/", {"kode": "02.03.01", "nama": "Jalan Dusun I", "sumber_dana": "dds"}
        ).status_code
        == 302
    )
    with scopes_disabled():
        jalan = Kegiatan.objects.get(desa=desa_a)
    assert (jalan.kode, jalan.bidang, jalan.sub_bidang, jalan.sumber_dana) == ("2.3.01", "2", "2.3", "DDS")
    r = client.post(base + "baris/tambah/", {"kode": "4.2.1", "uraian": "", "anggaran": "1.100.000.000"})
    assert r.status_code == 302
    r = client.post(base + "baris/tambah/", {"kode": "5.3.5", "uraian": "Jalan", "anggaran": "-5"})
    assert r.status_code == 200 and "tidak boleh negatif" in r.content.decode()
    r = client.post(base + "baris/tambah/", {"kode": "5.3.5", "uraian": "Jalan", "anggaran": "900000000"})
    assert r.status_code == 200 and "harus masuk ke satu kegiatan" in r.content.decode()
    r = client.post(
        base + "baris/tambah/", {"kode": "5.3.5", "uraian": "Jalan", "anggaran": "900000000", "kegiatan": jalan.pk}
    )
    assert r.status_code == 302
    with scopes_disabled():
        dd, modal = Baris.objects.get(kode="4.2.1"), Baris.objects.get(kode="5.3.5")
        jalan.refresh_from_db()
    assert dd.uraian == "Dana Desa" and jalan.pagu == D(900_000_000)
    # realisation: above the budget accepted with a warning, a negative refused
    r = client.post(base + "realisasi/", {f"r1_{dd.pk}": "abc", f"r1_{modal.pk}": "1"})
    assert r.status_code == 200 and "bukan angka" in r.content.decode()
    r = client.post(base + "realisasi/", {f"r1_{dd.pk}": "600.000.000", f"r1_{modal.pk}": "950.000.000"}, follow=True)
    assert "melebihi anggarannya" in r.content.decode()
    with scopes_disabled():
        assert Realisasi.objects.get(baris=modal).jumlah == D(950_000_000)
    # publish, then it shows
    assert client.get("/apbdes/2026/").status_code == 404
    client.post(base + "terbit/", {"terbit": "1"})
    assert client_for(desa_a).get("/apbdes/2026/").status_code == 200
    assert client.get(base + "terbit/").status_code == 405


def test_perubahan_menyimpan_versi_lama(client_for, desa_a, operator_a, terbit_a):
    client = client_for(desa_a, operator_a)
    r = client.post(f"/admin-desa/apbdes/{terbit_a.pk}/perubahan/")
    with scopes_disabled():
        baru = Apbdes.objects.get(desa=desa_a, tahun=2026, aktif=True)
        assert baru.versi == 1 and Baris.objects.filter(apbdes=baru).count() == 8
        assert (
            Realisasi.objects.filter(baris__apbdes=baru).count()
            == Realisasi.objects.filter(baris__apbdes=terbit_a).count()
        )
        lama = Baris.objects.filter(apbdes=terbit_a).first()
    assert r.url == f"/admin-desa/apbdes/{baru.pk}/"
    r = client.post(f"/admin-desa/apbdes/baris/{lama.pk}/", {"kode": lama.kode, "uraian": "x", "anggaran": "1"})
    assert "tidak dapat diubah lagi" in r.content.decode()


def test_unggah_uji_coba_dan_simpan(client_for, desa_a, operator_a):
    client = client_for(desa_a, operator_a)
    berkas = SimpleUploadedFile("apbdes.xlsx", xlsx(XLSX_BAIK))
    r = client.post("/admin-desa/apbdes/impor/", {"tahun": "2026", "jenis": "xlsx", "berkas": berkas}, follow=True)
    html = r.content.decode()
    assert "Simpan ke APBDes 2026 (baru)" in html and "melebihi anggarannya" in html
    with scopes_disabled():
        assert not Baris.objects.exists()  # the dry run wrote nothing
    simpan = r.redirect_chain[-1][0] + "simpan/"
    r = client.post(simpan, follow=True)
    assert r.status_code == 200
    with scopes_disabled():
        assert Baris.objects.filter(desa=desa_a).count() == 7


def test_unggah_siskeudes_desa_lain_ditolak(client_for, desa_a, operator_a):
    client = client_for(desa_a, operator_a)
    berkas = SimpleUploadedFile("ekspor.zip", siskeudes_zip(nama_desa="Penolih"))
    r = client.post("/admin-desa/apbdes/impor/", {"tahun": "2026", "jenis": "siskeudes", "berkas": berkas}, follow=True)
    html = r.content.decode()
    assert "Desa PENOLIH (Kecamatan KALIGONDANG), bukan Desa Selakambang" in html and "Simpan ke" not in html


def test_templat_berisi_data_versi_berlaku(client_for, desa_a, operator_a, terbit_a):
    from openpyxl import load_workbook

    r = client_for(desa_a, operator_a).get("/admin-desa/apbdes/templat/2026/")
    rows = list(load_workbook(io.BytesIO(r.content))["apbdes"].iter_rows(values_only=True))
    assert rows[0][0] == "kode_rekening" and len(rows) == 9


def test_halaman_versi_query_terbatas(client_for, desa_a, operator_a, terbit_a, django_assert_max_num_queries):
    client = client_for(desa_a, operator_a)
    client.get(f"/admin-desa/apbdes/{terbit_a.pk}/")
    with django_assert_max_num_queries(30):
        assert client.get(f"/admin-desa/apbdes/{terbit_a.pk}/").status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(f"/admin-desa/apbdes/{terbit_a.pk}/realisasi/").status_code == 200


# --- kecamatan and kabupaten -----------------------------------------------------------------------


def _banyak_desa(kecamatan, n, mulai=0):
    with scopes_disabled():
        desa = Desa.objects.bulk_create(
            [
                Desa(
                    kecamatan=kecamatan,
                    kode=f"{kecamatan.kode}.{2100 + i}",
                    nama=f"Desa Uji {i}",
                    slug=f"uji-{kecamatan.slug}-{i}",
                )
                for i in range(mulai, mulai + n)
            ]
        )
        for d in desa[: n // 2]:
            apbdes_contoh(d, tahun=2026)
    return desa


def test_dasbor_kecamatan_hanya_desanya(client_for, desa_a, desa_b, make_user, no_scopes):
    apbdes_contoh(desa_a, tahun=2026)
    apbdes_contoh(desa_b, tahun=2026)
    client = client_for(desa_a.kecamatan, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=desa_a.kecamatan))
    html = client.get("/dasbor/apbdes/?tahun=2026").content.decode()
    assert "Selakambang" in html and "Karangpetir" not in html
    assert "terbit" in html and "37,5%" in html  # belanja Rp 1.6 M, realised Rp 600 jt


def test_dasbor_kabupaten_xlsx_dan_query_terbatas(client_for, kabupaten, kaligondang, make_user):
    from openpyxl import load_workbook

    admin = make_user(Peran.ADMIN_KABUPATEN)
    client = client_for(kabupaten, admin)
    _banyak_desa(kaligondang, 4)
    client.get("/dasbor/apbdes/")
    sedikit = _queries(client, "/dasbor/apbdes/?tahun=2026")
    _banyak_desa(kaligondang, 20, mulai=4)
    assert _queries(client, "/dasbor/apbdes/?tahun=2026") == sedikit
    r = client.get("/dasbor/apbdes/", {"format": "xlsx", "tahun": "2026"})
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 + 24 and sum(1 for row in rows[2:] if row[4] == "ya") == 12
    assert client_for(kaligondang, admin).get("/dasbor/apbdes/").status_code == 200


def test_dasbor_izin(client_for, kabupaten, desa_a, make_user, operator_a):
    assert client_for(desa_a, operator_a).get("/dasbor/apbdes/").status_code == 404
    assert client_for(kabupaten, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=desa_a.kecamatan)).get(
        "/dasbor/apbdes/"
    ).status_code in (403, 404)


def test_kelurahan_tidak_dihitung_dan_tanggal_terbit(kaligondang, desa_a, no_scopes):
    from balai.keuangan import selectors

    Desa.objects.create(kecamatan=kaligondang, kode="33.03.04.1001", nama="Kandang", slug="kandang", jenis="kelurahan")
    apbdes = apbdes_contoh(desa_a, tahun=2026)
    rekap = selectors.rekap_wilayah(tahun=2026, kecamatan=kaligondang)
    assert [r.desa.nama for r in rekap] == ["Selakambang"] and rekap[0].terbit
    assert selectors.terbitan_terakhir([desa_a.pk]) == {desa_a.pk: apbdes.diterbitkan}


def test_daftar_informasi_publik(desa_a, desa_b, no_scopes, django_assert_max_num_queries):
    from balai.keuangan import selectors

    apbdes_contoh(desa_a, tahun=2025)
    apbdes_contoh(desa_a, tahun=2026, terbit=False)
    apbdes_contoh(desa_b, tahun=2026)
    with django_assert_max_num_queries(2):
        apbdes, realisasi = selectors.dip_data(desa=desa_a)
    assert [e["url"] for e in apbdes] == ["/apbdes/2025/"] and apbdes[0]["judul"].startswith("APBDes Tahun 2025")
    assert [e["judul"] for e in realisasi] == ["Realisasi APBDes Tahun 2025"]
    assert set(selectors.realisasi_terakhir([desa_a.pk, desa_b.pk])) == {desa_a.pk, desa_b.pk}


def test_widget_dasbor_desa(client_for, desa_a, operator_a, make_user, no_scopes, django_capture_on_commit_callbacks):
    from django.utils import timezone

    client = client_for(desa_a, operator_a)
    assert "belum diisi" in client.get("/admin-desa/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the dashboard is kept until a change commits
        apbdes_contoh(desa_a, tahun=timezone.localdate().year)
    html = client.get("/admin-desa/").content.decode()
    assert "37,5%" in html and "Buka APBDes" in html
    kades = client_for(desa_a, make_user(Peran.KEPALA_DESA, desa=desa_a))
    assert "apbdes-desa" not in kades.get("/admin-desa/").content.decode()


def test_realisasi_bulanan(client_for, desa_a, operator_a, terbit_a):
    client = client_for(desa_a, operator_a)
    with scopes_disabled():
        dd = Baris.objects.get(apbdes=terbit_a, kode="4.2.1")  # semester I: 660 jt as one figure
    base = f"/admin-desa/apbdes/{terbit_a.pk}/realisasi/"
    assert "bulan Maret" in client.get(base + "?bulan=3").content.decode()
    client.post(base + "?bulan=3", {f"b_{dd.pk}": "400.000.000"})
    client.post(base + "?bulan=5", {f"b_{dd.pk}": "260.000.000"})
    r = client.post(base + "?bulan=8", {f"b_{dd.pk}": "-1"})
    assert "tidak boleh negatif" in r.content.decode()
    with scopes_disabled():
        rows = sorted(Realisasi.objects.filter(baris=dd).values_list("semester", "bulan", "jumlah"))
    assert rows == [(1, 3, D(400_000_000)), (1, 5, D(260_000_000))]
    # the semester page shows the months' sum, and an unchanged figure keeps the months
    assert 'value="660.000.000"' in client.get(base).content.decode()


def test_kelurahan_tanpa_apbdes(client_for, kaligondang, no_scopes):
    kelurahan = Desa.objects.create(
        kecamatan=kaligondang, kode="33.03.04.1002", nama="Kalikabong", slug="kalikabong", jenis="kelurahan"
    )
    assert "Kelurahan tidak memiliki APBDes" in client_for(kelurahan).get("/apbdes/").content.decode()
