import time
from datetime import UTC, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.core.tests.xss import PAYLOADS, assert_inert
from balai.media.models import Gambar
from balai.publikasi import selectors
from balai.publikasi.models import Agenda, Album, Dokumen, Foto, Pengumuman

from .conftest import foto_upload


def test_public_pages_render_and_link_each_other(buat, desa_a, client_for):
    a = buat.agenda(lokasi="Balai Desa", penyelenggara="Pemdes")
    buat.agenda(judul="Rapat RT 03 bulan lalu", mulai=timezone.now() - timedelta(days=30))
    p = buat.pengumuman(penting=True)
    album = buat.album(foto=2)
    d = buat.dokumen()
    c = client_for(desa_a)
    page = c.get("/agenda/").content.decode()
    assert a.judul in page and "Rapat RT 03 bulan lalu" in page and "Sudah berlalu" in page
    assert "Balai Desa" in c.get(a.get_absolute_url()).content.decode()
    assert p.judul in c.get("/pengumuman/").content.decode()
    assert "Isi" in c.get(p.get_absolute_url()).content.decode()
    galeri = c.get("/galeri/").content.decode()
    assert album.judul in galeri and "2 foto" in galeri and 'loading="lazy"' in galeri
    assert galeri.count("<picture>") == 1
    assert c.get(album.get_absolute_url()).content.decode().count("<picture>") == 2
    assert d.judul in c.get("/unduhan/").content.decode()
    assert "publikasi/publikasi.css" in galeri


def test_ics_export(buat, desa_a, client_for):
    a = buat.agenda(judul="Posyandu Balita; Dusun Krajan", lokasi="Posyandu Melati")
    r = client_for(desa_a).get(f"/agenda/{a.slug}/kalender.ics")
    body = r.content.decode()
    assert r["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "SUMMARY:Posyandu Balita\\; Dusun Krajan" in body
    assert f"DTSTART:{a.mulai.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}" in body


def test_drafts_are_not_public(buat, desa_a, client_for):
    a = buat.agenda(status="draft")
    p = buat.pengumuman(terbit=False)
    album = buat.album(terbit=False, foto=0)
    d = buat.dokumen(terbit=False)
    c = client_for(desa_a)
    for url in (a.get_absolute_url(), p.get_absolute_url(), album.get_absolute_url(), d.get_absolute_url()):
        assert c.get(url).status_code == 404, url


def test_expired_pengumuman_hidden_everywhere(buat, desa_a, client_for):
    now = timezone.now()
    old = buat.pengumuman(
        judul="Penutupan jalan Agustus", mulai_tayang=now - timedelta(days=9), berlaku_sampai=now - timedelta(days=1)
    )
    c = client_for(desa_a)
    assert "Penutupan jalan Agustus" not in c.get("/pengumuman/").content.decode()
    assert c.get(old.get_absolute_url()).status_code == 404


def test_pengumuman_disappears_from_cached_page_when_it_expires(buat, desa_a, client_for):
    buat.pengumuman(
        judul="Vaksinasi sore ini",
        mulai_tayang=timezone.now() - timedelta(hours=1),
        berlaku_sampai=timezone.now() + timedelta(seconds=2),
    )
    c = client_for(desa_a)
    assert "Vaksinasi sore ini" in c.get("/pengumuman/").content.decode()
    with scope(desa=desa_a):
        assert selectors.pengumuman_berubah_pada(desa=desa_a) is not None
    time.sleep(2.1)
    assert "Vaksinasi sore ini" not in c.get("/pengumuman/").content.decode()


def test_public_pages_are_cached_and_invalidated_on_publish(
    buat, desa_a, client_for, django_capture_on_commit_callbacks
):
    c = client_for(desa_a)
    first = c.get("/agenda/")
    assert first.status_code == 200 and first.has_header("ETag")
    assert c.get("/agenda/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        buat.agenda(judul="Kerja bakti saluran irigasi")
    assert "Kerja bakti saluran irigasi" in c.get("/agenda/").content.decode()


@pytest.mark.usefixtures("tanpa_pemeriksaan_konten")  # the sanitiser meets what the check would hold first
@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payloads_render_inert(payload, buat, desa_a, client_for):
    a = buat.agenda(judul=f"A {payload}", lokasi=payload, penyelenggara=payload, uraian=payload)
    p = buat.pengumuman(judul=f"P {payload}", isi=f"<p>Isi</p>{payload}")
    album = buat.album(judul=f"G {payload}", uraian=payload, foto=1)
    with scope(desa=desa_a):
        Foto.objects.filter(album=album).update(keterangan=payload)
    d = buat.dokumen(judul=f"D {payload}")
    c = client_for(desa_a)
    urls = [
        "/agenda/",
        a.get_absolute_url(),
        "/pengumuman/",
        p.get_absolute_url(),
        "/galeri/",
        album.get_absolute_url(),
        "/unduhan/",
    ]
    for url in urls:
        r = c.get(url)
        assert r.status_code == 200, url
        assert_inert(r.content)
    r = c.get(d.get_absolute_url())
    assert r.status_code == 200 and "<" not in r["Content-Disposition"]


def test_another_villages_items_are_404_here(buat, desa_a, desa_b, client_for):
    a, p = buat.agenda(desa_b), buat.pengumuman(desa_b)
    album, d = buat.album(desa_b, foto=1), buat.dokumen(desa_b)
    c = client_for(desa_a)
    for url in (
        a.get_absolute_url(),
        f"/agenda/{a.slug}/kalender.ics",
        p.get_absolute_url(),
        album.get_absolute_url(),
        d.get_absolute_url(),
    ):
        assert c.get(url).status_code == 404, url
    for url in ("/agenda/", "/pengumuman/", "/galeri/", "/unduhan/"):
        body = c.get(url).content.decode()
        assert a.judul not in body and p.judul not in body and album.judul not in body and d.judul not in body
    assert client_for(desa_b).get(d.get_absolute_url()).status_code == 200


def test_public_pages_only_on_village_hosts(kabupaten, client_for, desa_a):
    assert client_for(None).get("/agenda/").status_code == 404
    assert client_for(desa_a.kecamatan).get("/unduhan/").status_code == 404


def test_download_headers_and_counter(buat, desa_a, client_for):
    d = buat.dokumen(judul="Perdes No. 3 Tahun 2026 tentang APBDes")
    r = client_for(desa_a).get(d.get_absolute_url())
    body = b"".join(r.streaming_content)
    assert body.startswith(b"%PDF-")
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == 'attachment; filename="perdes-no-3-tahun-2026-tentang-apbdes.pdf"'
    assert r["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in r["Content-Security-Policy"]
    with scope(desa=desa_a):
        d.refresh_from_db()
    assert d.jumlah_unduh == 1
    assert client_for(desa_a).post(d.get_absolute_url()).status_code == 405


def _bulk(desa, n, gambar):
    now = timezone.now()
    Agenda.objects.bulk_create(
        Agenda(
            desa=desa,
            judul=f"Agenda {i}",
            slug=f"agenda-{i}",
            mulai=now + timedelta(days=i - n // 2),
            selesai=now + timedelta(days=i - n // 2, hours=2),
            status="terbit",
        )
        for i in range(n)
    )
    Pengumuman.objects.bulk_create(
        Pengumuman(
            desa=desa,
            judul=f"Pengumuman {i}",
            slug=f"p-{i}",
            isi="<p>x</p>",
            mulai_tayang=now - timedelta(i),
            disematkan=i % 7 == 0,
        )
        for i in range(n)
    )
    albums = Album.objects.bulk_create(
        Album(desa=desa, judul=f"Album {i}", slug=f"album-{i}", sampul=gambar) for i in range(n)
    )
    Foto.objects.bulk_create(Foto(desa=desa, album=albums[0], gambar=gambar, urutan=i) for i in range(n))
    Dokumen.objects.bulk_create(
        Dokumen(
            desa=desa,
            judul=f"Dokumen {i}",
            berkas=f"unduhan/x/{i}.pdf",
            jenis="pdf",
            ukuran=1000,
            kategori=Dokumen.Kategori.values[i % 5],
        )
        for i in range(n)
    )


PUBLIC_LISTS = ["/agenda/", "/pengumuman/", "/galeri/", "/galeri/album-0/", "/unduhan/"]


def _query_counts(client, desa):
    with scope(desa=desa):
        middle = Foto.objects.filter(album__slug="album-0").order_by("urutan")[1]
    counts = {}
    for url in PUBLIC_LISTS + [f"/galeri/album-0/foto/{middle.pk}/"]:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url.replace(str(middle.pk), "<pk>")] = len(ctx.captured_queries)
    return counts


def test_public_list_queries_do_not_grow(desa_a, desa_b, operator_a, client_for):
    from balai.media.services import simpan_gambar

    with scope(desa=desa_a):
        g_a = simpan_gambar(desa=desa_a, actor=operator_a, file=foto_upload())
    with scope(desa=desa_b):
        g_b = simpan_gambar(desa=desa_b, actor=operator_a, file=foto_upload())
    with scopes_disabled():
        _bulk(desa_a, 3, g_a)
        _bulk(desa_b, 300, g_b)
    small = _query_counts(client_for(desa_a), desa_a)
    big = _query_counts(client_for(desa_b), desa_b)
    assert small == big, (small, big)
    print("query counts", big)
    assert max(big.values()) <= 8, big
    with scopes_disabled():
        assert Gambar.objects.count() == 2


def test_front_page_widgets_have_bounded_queries(buat, desa_a, rf, django_assert_max_num_queries):
    from balai.core import dashboard
    from balai.core.registry import Widget, extensions
    from balai.core.tenancy import DESA, Tenant

    buat.agenda()
    buat.pengumuman()
    buat.album(foto=3)
    request = rf.get("/", HTTP_HOST="selakambang.localhost")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request.tenant = Tenant(DESA, desa_a.kecamatan.kabupaten, kecamatan=desa_a.kecamatan, desa=desa_a)
    request.desa = desa_a
    own = [w for w in extensions(Widget, "beranda-desa") if w.template.startswith("publikasi/")]
    with scope(desa=desa_a), django_assert_max_num_queries(4):
        html = "".join(dashboard.render_to_string(w.template, w(request), request=request) for w in own)
    assert "Musyawarah Desa" in html and "Jadwal Pencairan BLT" in html and html.count("<picture>") == 3
    assert request._sitecache_until is not None


def test_sitemap_entries_for_the_village_sitemap(buat, desa_a, desa_b, django_assert_max_num_queries):
    a, p, album = buat.agenda(), buat.pengumuman(), buat.album(foto=0)
    buat.agenda(status="draft", judul="Draf rahasia")
    buat.agenda(desa_b, judul="Agenda desa lain")
    buat.dokumen()
    with scope(desa=desa_a), django_assert_max_num_queries(4):
        paths = dict(selectors.sitemap_entries(desa=desa_a))
    assert {a.get_absolute_url(), p.get_absolute_url(), album.get_absolute_url(), "/unduhan/"} <= set(paths)
    assert paths["/unduhan/"] is not None
    assert not [x for x in paths if "rahasia" in x or "lain" in x]


def test_polyglot_photo_is_reencoded_and_loses_its_payload(desa_a, operator_a, buat):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from balai.publikasi import services

    album = buat.album(foto=0)
    jpeg = foto_upload().read() + b"<?php system($_GET['c']); ?><script>alert(1)</script>"
    with scope(desa=desa_a):
        baru, ditolak = services.unggah_foto(
            desa=desa_a, actor=operator_a, album=album, files=[SimpleUploadedFile("poli.jpg", jpeg)]
        )
    assert ditolak == [] and len(baru) == 1
    for f in baru[0].gambar.files:
        with default_storage.open(f.name) as fh:
            data = fh.read()
        assert b"<?php" not in data and b"<script" not in data


def test_photo_page_walks_through_the_album_and_has_share_tags(buat, desa_a, client_for):
    album = buat.album(foto=3, uraian="Gotong royong membersihkan saluran.")
    with scope(desa=desa_a):
        fotos = list(Foto.objects.filter(album=album).select_related("album").order_by("urutan"))
    c = client_for(desa_a)
    body = c.get(fotos[1].get_absolute_url()).content.decode()
    assert f'href="{fotos[0].get_absolute_url()}" rel="prev"' in body
    assert f'href="{fotos[2].get_absolute_url()}" rel="next"' in body
    assert 'loading="eager"' in body
    assert 'rel="prev"' not in c.get(fotos[0].get_absolute_url()).content.decode()
    album_page = c.get(album.get_absolute_url()).content.decode()
    assert f'href="{fotos[0].get_absolute_url()}"' in album_page
    assert '<meta property="og:image" content="http://selakambang.localhost/media/' in album_page
    assert '<meta property="og:description" content="Gotong royong membersihkan saluran.">' in album_page
    assert '<link rel="canonical" href="http://selakambang.localhost' + album.get_absolute_url() + '">' in album_page
