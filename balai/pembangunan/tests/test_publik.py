"""Public pages on the village host: list with filters, the photo timeline, the map, cache,
query counts, and the front page, search, sitemap and freshness registrations."""

from datetime import date

import pytest
from django.core.cache import cache
from django_scopes import scope, scopes_disabled

from balai.core import registry
from balai.pembangunan import selectors

pytestmark = pytest.mark.django_db


def test_halaman_proyek_menampilkan_linimasa_dan_angka(buat, desa_a, client_for, wilayah_a):
    _dusun, _rw, rt = wilayah_a
    proyek = buat.proyek(rt=rt)
    for persen, hari in ((0, 1), (50, 15), (100, 30)):
        buat.progres(proyek, persen=persen, tanggal=date(2026, 8, hari), foto=1, catatan=f"Catatan {persen} persen")
    body = client_for(desa_a).get(f"/pembangunan/{proyek.slug}/").content.decode()
    assert body.index("Catatan 0 persen") < body.index("Catatan 50 persen") < body.index("Catatan 100 persen")
    assert body.count("<picture>") == 3
    for words in ("Rp 125.000.000", "150 m", "TPK Desa", "Dana Desa", "Dusun Krajan, RT 002/RW 001", "Selesai"):
        assert words in body, words
    osm = "https://www.openstreetmap.org/?mlat=-7.391234&amp;mlon=109.362345#map=17/-7.391234/109.362345"
    assert osm in body
    assert "peta-statis" not in body  # no tile server configured: a link only


def test_peta_tertanam_hanya_dengan_server_tile(buat, desa_a, client_for, settings):
    proyek = buat.proyek()
    settings.BALAI_TILE_URL = "https://tile.contoh.id/{z}/{x}/{y}.png"
    r = client_for(desa_a).get(f"/pembangunan/{proyek.slug}/")
    body = r.content.decode()
    assert body.count('src="https://tile.contoh.id/17/') == 9
    assert "https://tile.contoh.id" in r["Content-Security-Policy"]
    assert "style=" not in body.split('class="peta-statis"')[1].split("</div>")[0]  # CSP: no inline style
    # Served again from the page cache, the page keeps its permission for the tiles.
    again = client_for(desa_a).get(f"/pembangunan/{proyek.slug}/")
    assert "https://tile.contoh.id" in again["Content-Security-Policy"]
    settings.BALAI_TILE_URL = ""
    cache.clear()
    r = client_for(desa_a).get(f"/pembangunan/{proyek.slug}/")
    assert "tile.contoh.id" not in r.content.decode() and "tile.contoh.id" not in r["Content-Security-Policy"]


def test_proyek_tidak_terbit_hanya_untuk_petugas(buat, desa_a, operator_a, client_for):
    proyek = buat.proyek(terbit=False)
    assert client_for(desa_a).get(f"/pembangunan/{proyek.slug}/").status_code == 404
    assert proyek.nama not in client_for(desa_a).get("/pembangunan/").content.decode()
    staff = client_for(desa_a, operator_a).get(f"/pembangunan/{proyek.slug}/")
    assert staff.status_code == 200 and "Pratinjau" in staff.content.decode()


def test_daftar_dengan_saringan(buat, desa_a, client_for, wilayah_a):
    dusun, _rw, _rt = wilayah_a
    buat.proyek(nama="Jembatan Kali Klawing", tahun=2025, status="selesai")
    buat.proyek(nama="Saluran drainase Krajan", dusun=dusun, status="berjalan")
    c = client_for(desa_a)
    semua = c.get("/pembangunan/").content.decode()
    assert "Jembatan Kali Klawing" in semua and "Saluran drainase Krajan" in semua
    for query, ada, tidak in (
        ({"tahun": "2025"}, "Jembatan", "Saluran"),
        ({"status": "berjalan"}, "Saluran", "Jembatan"),
        ({"dusun": dusun.pk}, "Saluran", "Jembatan"),
        ({"q": "klawing"}, "Jembatan", "Saluran"),
    ):
        body = c.get("/pembangunan/", query).content.decode()
        assert ada in body and f"{tidak} " not in body.split("<h1>")[1], query
    assert c.get("/pembangunan/", {"tahun": "abc", "status": "<script>"}).status_code == 200


def test_jumlah_query_tidak_tergantung_banyaknya_proyek(buat, desa_a, client_for, django_assert_max_num_queries):
    def hitung():
        cache.clear()
        with django_assert_max_num_queries(30) as ctx:
            client_for(desa_a).get("/pembangunan/")
        daftar = len(ctx.captured_queries)
        cache.clear()
        with django_assert_max_num_queries(30) as ctx:
            client_for(desa_a).get(f"/pembangunan/{pertama.slug}/")
        return daftar, len(ctx.captured_queries)

    pertama = buat.proyek(nama="Proyek awal")
    buat.progres(pertama, persen=20, foto=2)
    sedikit = hitung()
    for i in range(6):
        p = buat.proyek(nama=f"Proyek {i}")
        buat.progres(p, persen=30, foto=1)
    for persen in (40, 60, 80):
        buat.progres(pertama, persen=persen, foto=2)
    assert hitung() == sedikit


def test_halaman_di_cache_dan_diperbarui_setelah_progres(
    buat, desa_a, client_for, django_assert_num_queries, django_capture_on_commit_callbacks
):
    proyek = buat.proyek()
    c = client_for(desa_a)
    c.get(f"/pembangunan/{proyek.slug}/")
    with django_assert_num_queries(0):
        c.get(f"/pembangunan/{proyek.slug}/")
    with django_capture_on_commit_callbacks(execute=True):
        buat.progres(proyek, persen=35, catatan="Material datang", foto=0)
    assert "Material datang" in c.get(f"/pembangunan/{proyek.slug}/").content.decode()


def test_halaman_lain_bukan_di_host_desa(buat, desa_a, client_for):
    buat.proyek()
    assert client_for(desa_a.kecamatan).get("/pembangunan/").status_code == 404
    assert client_for(None).get("/pembangunan/").status_code == 404


def test_beranda_cari_sitemap_kesegaran(buat, desa_a, desa_b, operator_b, client_for):
    proyek = buat.proyek(nama="Rehab posyandu Melati")
    buat.progres(proyek, persen=60, foto=1)
    buat.proyek(nama="Sumur bor rahasia", terbit=False)
    buat.proyek(desa_b, actor=operator_b, nama="Talud desa tetangga")
    c = client_for(desa_a)
    beranda = c.get("/").content.decode()
    assert "Rehab posyandu Melati" in beranda and "Sumur bor rahasia" not in beranda
    assert "Talud desa tetangga" not in beranda and 'href="/pembangunan/"' in beranda
    cari = c.get("/cari/", {"q": "posyandu"}).content.decode()
    assert proyek.get_absolute_url() in cari
    assert "Sumur bor" not in c.get("/cari/", {"q": "sumur"}).content.decode().split("<h1")[1]
    with scope(desa=desa_a):
        paths = dict(selectors.sitemap_entries(desa=desa_a))
    assert "/pembangunan/" in paths and proyek.get_absolute_url() in paths and len(paths) == 2
    fresh = [s for s in registry.extensions(registry.FreshnessSource) if "pembangunan" in s.target]
    with scopes_disabled():
        hasil = fresh[0]([desa_a.pk, desa_b.pk])
    proyek.refresh_from_db()
    assert hasil[desa_a.pk] == proyek.diperbarui and desa_b.pk in hasil


def test_teks_berbahaya_tetap_teks(buat, desa_a, operator_a, client_for):
    """Names, places, TPK and notes typed by an operator: inert on the public page, in the
    back office and in the draft article."""
    from balai.core.tests.xss import PAYLOADS, assert_inert
    from balai.pembangunan import services

    for i, payload in enumerate(PAYLOADS):
        proyek = buat.proyek(nama=f"Jalan {i} {payload}", lokasi=payload, pelaksana=payload, uraian=payload)
        progres = buat.progres(proyek, persen=10, foto=0, catatan=payload)
        assert_inert(client_for(desa_a).get(proyek.get_absolute_url()).content)
        assert_inert(client_for(desa_a, operator_a).get(f"/admin-desa/pembangunan/{proyek.pk}/").content)
        with scope(desa=desa_a):
            artikel = services.buat_draf_berita(desa=desa_a, actor=operator_a, progres=progres)
        assert_inert(artikel.isi, fragment=True)
    assert_inert(client_for(desa_a).get("/pembangunan/").content)
