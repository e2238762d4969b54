"""Back office: permissions, the phone form for a progress update, the one-click draft article."""

from datetime import date

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.media.models import Gambar
from balai.pembangunan.models import Progres, Proyek
from balai.website.models import Artikel, ArtikelTag

from .conftest import bukan_gambar, foto_upload

pytestmark = pytest.mark.django_db


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
def test_izin_pembangunan_per_peran(peran, boleh, desa_a, make_user, client_for, buat):
    proyek = buat.proyek()
    client = client_for(desa_a, make_user(peran, desa=desa_a, username=f"uji-{peran}"))
    for url in ("/admin-desa/pembangunan/", f"/admin-desa/pembangunan/{proyek.pk}/", "/admin-desa/pembangunan/tambah/"):
        assert client.get(url).status_code == (200 if boleh else 403), url


def test_tambah_proyek_lewat_form(desa_a, operator_a, client_for, wilayah_a):
    dusun, rw, rt = wilayah_a
    client = client_for(desa_a, operator_a)
    data = {
        "nama": "Talud penahan tanah Dusun Krajan",
        "tahun": "2026",
        "status": "rencana",
        "sumber_dana": "ADD",
        "anggaran": "64.250.000",
        "volume": "45",
        "satuan": "m",
        "pelaksana": "TPK Selakambang",
        "rt": rt.pk,
        "lat": "-7,3912",
        "lng": "109,3623",
        "terbit": "on",
    }
    r = client.post("/admin-desa/pembangunan/tambah/", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    with scope(desa=desa_a):
        proyek = Proyek.objects.get()
        assert (proyek.anggaran, proyek.dusun, proyek.rw, proyek.rt) == (64_250_000, dusun, rw, rt)
        assert AuditEntry.objects.filter(action="pembangunan.proyek_dibuat", object_id=str(proyek.pk)).exists()


def test_form_proyek_menampilkan_pesan_salah(desa_a, operator_a, client_for):
    client = client_for(desa_a, operator_a)
    r = client.post(
        "/admin-desa/pembangunan/tambah/",
        {"nama": "Jembatan", "tahun": "2026", "status": "rencana", "sumber_dana": "DDS", "anggaran": "-1000"},
    )
    assert r.status_code == 200
    assert "Anggaran tidak boleh negatif" in r.content.decode()
    with scope(desa=desa_a):
        assert not Proyek.objects.exists()


def test_catat_progres_dengan_foto_dari_ponsel(buat, desa_a, operator_a, client_for):
    proyek = buat.proyek()
    client = client_for(desa_a, operator_a)
    page = client.get(f"/admin-desa/pembangunan/{proyek.pk}/progres/").content.decode()
    assert 'accept="image/*"' in page and 'type="file"' in page and "multiple" in page
    r = client.post(
        f"/admin-desa/pembangunan/{proyek.pk}/progres/",
        {"tanggal": "2026-08-01", "persen": "50", "catatan": "Pengecoran 75 m", "foto": [foto_upload(), foto_upload()]},
    )
    assert r.status_code == 302
    with scope(desa=desa_a):
        progres = Progres.objects.get(proyek=proyek)
        assert progres.persen == 50 and progres.foto.count() == 2
    detail = client.get(r["Location"]).content.decode()
    assert "Progres 50% dicatat dengan 2 foto" in detail and "Pengecoran 75 m" in detail
    # The project's own history, for those who may read the audit log.
    assert "Riwayat perubahan (2)" in detail and "Progres pembangunan dicatat: persen 0 → 50" in detail


def test_progres_turun_memberi_peringatan(buat, desa_a, operator_a, client_for):
    proyek = buat.proyek()
    buat.progres(proyek, persen=80, tanggal=date(2026, 8, 1))
    client = client_for(desa_a, operator_a)
    r = client.post(
        f"/admin-desa/pembangunan/{proyek.pk}/progres/", {"tanggal": "2026-08-05", "persen": "60"}, follow=True
    )
    assert "Progres turun dari 80%" in r.content.decode()


def test_foto_bukan_gambar_ditolak_di_form(buat, desa_a, operator_a, client_for):
    proyek = buat.proyek()
    client = client_for(desa_a, operator_a)
    r = client.post(
        f"/admin-desa/pembangunan/{proyek.pk}/progres/",
        {"tanggal": "2026-08-01", "persen": "50", "foto": [foto_upload(), bukan_gambar("skrip.jpg")]},
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "skrip.jpg" in body and "bukan gambar" in body
    with scope(desa=desa_a):
        assert not Progres.objects.exists() and not Gambar.objects.exists()


def test_progres_jadi_draf_berita(buat, desa_a, operator_a, client_for, wilayah_a):
    _dusun, _rw, rt = wilayah_a
    proyek = buat.proyek(rt=rt, anggaran=125_000_000, volume=150, satuan="m", pelaksana="TPK Selakambang")
    progres = buat.progres(proyek, persen=50, foto=2, catatan="Pengecoran sisi timur selesai.")
    client = client_for(desa_a, operator_a)
    url = f"/admin-desa/pembangunan/progres/{progres.pk}/berita/"
    assert client.get(url).status_code == 405
    r = client.post(url)
    with scope(desa=desa_a):
        artikel = Artikel.objects.get()
        assert r["Location"] == reverse("website:kantor_artikel_ubah", args=[artikel.pk])
        assert artikel.status == "draft" and artikel.penulis == operator_a
        assert artikel.judul == "Progres 50%: Rabat beton jalan Dusun Krajan, RT 002/RW 001"
        for words in ("Dusun Krajan, RT 002/RW 001", "50%", "Rp 125.000.000", "150 m", "TPK Selakambang", "Dana Desa"):
            assert words in artikel.isi, words
        assert "Pengecoran sisi timur selesai." in artikel.isi
        fotos = list(progres.foto.select_related("gambar"))
        assert artikel.gambar_id == fotos[0].gambar_id
        assert all(f.gambar.url in artikel.isi for f in fotos)
        assert proyek.get_absolute_url() in artikel.isi
        assert ArtikelTag.objects.filter(artikel=artikel, tag__nama="Pembangunan").exists()
        progres.refresh_from_db()
        assert progres.artikel == artikel
        assert AuditEntry.objects.filter(action="pembangunan.berita_dibuat").count() == 1
    # Asked again: the same draft, no copy; the project page links to it.
    client.post(url)
    with scope(desa=desa_a):
        assert Artikel.objects.count() == 1
    detail = client.get(f"/admin-desa/pembangunan/{proyek.pk}/").content.decode()
    assert reverse("website:kantor_artikel_ubah", args=[artikel.pk]) in detail


def test_berita_perlu_izin_situs(buat, desa_a, make_user, client_for):
    proyek = buat.proyek()
    progres = buat.progres(proyek)
    sekdes = make_user(Peran.SEKDES, desa=desa_a)  # manages projects, not the website
    r = client_for(desa_a, sekdes).post(f"/admin-desa/pembangunan/progres/{progres.pk}/berita/")
    assert r.status_code == 302
    with scopes_disabled():
        assert not Artikel.objects.exists()


def test_hapus_progres_dan_proyek(buat, desa_a, operator_a, client_for):
    proyek = buat.proyek()
    progres = buat.progres(proyek, persen=40)
    client = client_for(desa_a, operator_a)
    assert client.get(f"/admin-desa/pembangunan/progres/{progres.pk}/hapus/").status_code == 405
    assert client.post(f"/admin-desa/pembangunan/progres/{progres.pk}/hapus/").status_code == 302
    proyek.refresh_from_db()
    assert proyek.persen == 0
    assert client.post(f"/admin-desa/pembangunan/{proyek.pk}/hapus/").status_code == 302
    with scope(desa=desa_a):
        assert not Proyek.objects.exists()


def test_daftar_kantor_saringan_dan_jumlah_query(buat, desa_a, operator_a, client_for, wilayah_a,
                                                 django_assert_max_num_queries):  # fmt: skip
    dusun, _rw, rt = wilayah_a
    for i in range(12):
        buat.proyek(nama=f"Drainase {i}", rt=rt if i % 2 else None, status="selesai" if i % 3 == 0 else "rencana")
    buat.proyek(nama="Sumur bor 2025", tahun=2025)
    client = client_for(desa_a, operator_a)
    client.get("/admin-desa/pembangunan/")
    with django_assert_max_num_queries(16):
        body = client.get("/admin-desa/pembangunan/").content.decode()
    assert body.count("Drainase ") == 12 and "Sumur bor 2025" in body
    body = client.get("/admin-desa/pembangunan/", {"tahun": "2025"}).content.decode()
    assert "Sumur bor 2025" in body and "Drainase" not in body
    body = client.get("/admin-desa/pembangunan/", {"dusun": dusun.pk, "status": "selesai"}).content.decode()
    assert body.count("Drainase ") == 2  # 3 and 9: odd (in the dusun) and divisible by 3


def test_proyek_terhubung_kegiatan_apbdes(desa_a, desa_b, operator_a, client_for):
    from balai.keuangan.tests.fabrik import apbdes_contoh, kegiatan

    with scopes_disabled():
        apbdes_contoh(desa_a)
        apbdes_contoh(desa_b)
        jalan_a, jalan_b = kegiatan(desa_a), kegiatan(desa_b)
    client = client_for(desa_a, operator_a)
    form = client.get("/admin-desa/pembangunan/tambah/").content.decode()
    assert "2.3.01 Pembangunan/Rehabilitasi Jalan Desa" in form and "1.1.01" not in form  # bidang 2 only
    data = {"nama": "Rabat beton Jalan Kenanga", "tahun": "2026", "status": "berjalan", "sumber_dana": "DDS"}
    r = client.post("/admin-desa/pembangunan/tambah/", {**data, "kegiatan": jalan_b.pk})
    assert r.status_code == 200  # another village's kegiatan is no choice here
    r = client.post("/admin-desa/pembangunan/tambah/", {**data, "tahun": "2025", "kegiatan": jalan_a.pk})
    assert "untuk tahun 2026" in r.content.decode()
    r = client.post("/admin-desa/pembangunan/tambah/", {**data, "kegiatan": jalan_a.pk})
    assert r.status_code == 302
    with scope(desa=desa_a):
        proyek = Proyek.objects.get()
    assert proyek.kegiatan == jalan_a and proyek.anggaran == 1_200_000_000  # the kegiatan's pagu
    detail = client.get(r["Location"]).content.decode()
    assert "Realisasi kegiatan APBDes 2.3.01" in detail and "Rp 400.000.000" in detail
