from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.core import sitecache
from balai.website import services
from balai.website.models import Artikel, Halaman, Komentar, PengaturanSitus, Perangkat

S = Artikel.Status


def test_village_front_page_shows_latest_news_and_contact(client_for, desa_a, make_artikel):
    make_artikel(desa_a, "Kerja bakti membersihkan saluran irigasi")
    make_artikel(desa_a, "Draf rahasia", status=S.DRAFT)
    body = client_for(desa_a).get("/").content.decode()
    assert "Kerja bakti membersihkan saluran irigasi" in body
    assert "Draf rahasia" not in body
    assert 'href="/artikel/"' in body and 'href="/tema.css?v=' in body


def test_article_list_filters_and_search(client_for, desa_a, make_artikel):
    with scopes_disabled():
        from balai.website.models import Kategori

        k = Kategori.objects.create(desa=desa_a, nama="Kesehatan", slug="kesehatan")
    make_artikel(desa_a, "Posyandu balita bulan ini", kategori=k, isi="<p>Penimbangan balita</p>")
    make_artikel(desa_a, "Pembangunan jalan dusun", isi="<p>Pengaspalan jalan</p>")
    client = client_for(desa_a)
    assert "Pembangunan jalan" not in client.get("/artikel/?kategori=kesehatan").content.decode()
    assert "Pembangunan jalan dusun" in client.get("/artikel/?q=pengaspalan").content.decode()
    assert "Pembangunan jalan dusun" in client.get("/artikel/?q=jalan+dusun").content.decode()
    assert "Posyandu" not in client.get("/artikel/?q=jalan").content.decode()
    assert client.get("/artikel/?kategori=tidak-ada").status_code == 404


def test_article_detail_has_share_og_and_canonical(client_for, desa_a, make_artikel):
    a = make_artikel(desa_a, "BLT Dana Desa tahap dua disalurkan")
    body = client_for(desa_a).get(f"/artikel/{a.slug}/").content.decode()
    url = f"http://selakambang.localhost/artikel/{a.slug}/"
    assert f'<link rel="canonical" href="{url}">' in body
    assert 'property="og:title" content="BLT Dana Desa tahap dua disalurkan"' in body
    assert "https://wa.me/?text=" in body and "facebook.com/sharer" in body and "x.com/intent" in body


def test_other_villages_article_is_404_here(client_for, desa_a, desa_b, make_artikel):
    theirs = make_artikel(desa_b, "Berita desa tetangga")
    assert client_for(desa_a).get(f"/artikel/{theirs.slug}/").status_code == 404
    assert client_for(desa_b).get(f"/artikel/{theirs.slug}/").status_code == 200


def test_draft_and_future_articles_are_404_but_staff_can_preview(client_for, desa_a, operator_a, make_artikel):
    draft = make_artikel(desa_a, "Draf", status=S.DRAFT)
    later = make_artikel(desa_a, "Nanti", status=S.TERJADWAL, terbit_pada=timezone.now() + timedelta(days=1))
    client = client_for(desa_a)
    assert client.get(f"/artikel/{draft.slug}/").status_code == 404
    assert client.get(f"/artikel/{later.slug}/").status_code == 404
    assert client.get(f"/admin-desa/artikel/{draft.pk}/pratinjau/").status_code == 302  # sign in first
    preview = client_for(desa_a, operator_a).get(f"/admin-desa/artikel/{draft.pk}/pratinjau/")
    assert preview.status_code == 200 and "Pratinjau" in preview.content.decode()


def test_comment_is_held_then_shown_after_approval(
    client_for, desa_a, operator_a, make_artikel, django_capture_on_commit_callbacks
):
    a = make_artikel(desa_a)
    client = client_for(desa_a)
    r = client.post(f"/artikel/{a.slug}/komentar/", {"nama": "Bu Sri", "isi": "Semoga lancar", "situs_web": ""})
    assert r.status_code == 302
    assert "Semoga lancar" not in client.get(f"/artikel/{a.slug}/").content.decode()
    with scope(desa=desa_a):
        k = Komentar.objects.get()
    staff = client_for(desa_a, operator_a)
    assert "Semoga lancar" in staff.get("/admin-desa/komentar/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the page cache is bumped on commit
        staff.post(f"/admin-desa/komentar/{k.pk}/moderasi/", {"status": "disetujui"})
    assert "Semoga lancar" in client.get(f"/artikel/{a.slug}/").content.decode()


def test_honeypot_comment_is_dropped(client_for, desa_a, make_artikel):
    a = make_artikel(desa_a)
    r = client_for(desa_a).post(f"/artikel/{a.slug}/komentar/", {"nama": "b", "isi": "x", "situs_web": "http://spam"})
    assert r.status_code == 302
    with scope(desa=desa_a):
        assert not Komentar.objects.exists()


def test_comment_flood_from_one_address_throttled(client_for, desa_a, make_artikel):
    a = make_artikel(desa_a)
    client = client_for(desa_a)
    codes = [
        client.post(f"/artikel/{a.slug}/komentar/", {"nama": "A", "isi": f"komentar ke-{i}"}).status_code
        for i in range(6)
    ]
    assert codes[:3] == [302, 302, 302] and set(codes[3:]) == {429}
    with scope(desa=desa_a):
        assert Komentar.objects.count() == 3


def test_static_pages_government_wilayah_contact(client_for, desa_a):
    with scopes_disabled():
        Halaman.objects.create(desa=desa_a, judul="Sejarah Desa", slug="sejarah", isi="<p>Dahulu kala</p>")
        Perangkat.objects.create(desa=desa_a, nama="Sutrisno", jabatan="Sekretaris Desa")
    client = client_for(desa_a)
    assert "Dahulu kala" in client.get("/halaman/sejarah/").content.decode()
    assert "Sekretaris Desa" in client.get("/pemerintahan/").content.decode()
    assert client.get("/wilayah/").status_code == 200
    assert client.get("/kontak/").status_code == 200
    assert client.get("/halaman/tidak-ada/").status_code == 404


def test_feed_sitemap_robots_theme(client_for, desa_a, make_artikel):
    a = make_artikel(desa_a, "Musyawarah desa RKPDes")
    with scopes_disabled():
        PengaturanSitus.objects.create(desa=desa_a, warna_tema="#aa3300")
    client = client_for(desa_a)
    feed = client.get("/feed/")
    assert feed.status_code == 200 and b"Musyawarah desa RKPDes" in feed.content and b"<rss" in feed.content
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://selakambang.localhost/artikel/{a.slug}/" in sitemap
    assert "http://selakambang.localhost/agenda/" in sitemap  # other apps' pages are listed too
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin-desa/" in robots and "Sitemap: http://selakambang.localhost/sitemap.xml" in robots
    css = client.get("/tema.css")
    assert css["Content-Type"].startswith("text/css") and b"--accent: #aa3300; --accent-dark: #882800;" in css.content


def test_village_only_pages_are_404_on_portals(client_for, kabupaten, desa_a):
    assert client_for(None).get("/artikel/").status_code == 404
    assert client_for(desa_a.kecamatan).get("/feed/").status_code == 404
    assert client_for(desa_a).get("/favicon.ico").status_code == 302  # every host answers this one


def test_kabupaten_portal_directory_news_and_search(client_for, kabupaten, desa_a, desa_b, make_artikel):
    make_artikel(desa_a, "Posyandu lansia Selakambang")
    make_artikel(desa_b, "Kerja bakti Karangpetir")
    make_artikel(desa_b, "Draf Karangpetir", status=S.DRAFT)
    client = client_for(None)
    body = client.get("/").content.decode()
    assert "Kecamatan Kaligondang" in body and "Desa Selakambang" in body
    assert "Posyandu lansia Selakambang" in body and "Kerja bakti Karangpetir" in body
    assert "Draf Karangpetir" not in body
    assert "http://selakambang.localhost/artikel/posyandu-lansia-selakambang/" in body
    found = client.get("/cari/?q=kerja").content.decode()
    assert "Kerja bakti Karangpetir" in found and "Posyandu lansia" not in found
    assert "Desa Karangpetir" in client.get("/cari/?q=karangpetir").content.decode()


def test_kecamatan_portal_shows_only_its_villages_news(client_for, desa_a, desa_b, make_artikel):
    make_artikel(desa_a, "Posyandu lansia Selakambang")
    make_artikel(desa_b, "Kerja bakti Karangpetir")
    body = client_for(desa_a.kecamatan).get("/").content.decode()
    assert "Posyandu lansia Selakambang" in body and "Karangpetir" not in body


def test_operator_writes_and_publishes(client_for, desa_a, operator_a):
    staff = client_for(desa_a, operator_a)
    assert staff.get("/admin-desa/artikel/tambah/").status_code == 200
    r = staff.post(
        "/admin-desa/artikel/tambah/",
        {"judul": "Kerja bakti jalan desa", "isi": "<p>Gotong royong</p>", "aksi": "terbit", "tags": "gotong royong"},
    )
    assert r.status_code == 302
    public = client_for(desa_a).get("/artikel/kerja-bakti-jalan-desa/")
    assert public.status_code == 200 and "Gotong royong" in public.content.decode()


def test_schedule_requires_future_time(client_for, desa_a, operator_a):
    staff = client_for(desa_a, operator_a)
    r = staff.post("/admin-desa/artikel/tambah/", {"judul": "Jadwal", "isi": "x", "aksi": "jadwal"})
    assert r.status_code == 200 and "waktu terbit yang akan datang" in r.content.decode()


def test_publish_invalidates_cached_front_page(client_for, desa_a, operator_a, django_capture_on_commit_callbacks):
    public = client_for(desa_a)
    assert "Kabar baru" not in public.get("/").content.decode()
    assert "Kabar baru" not in public.get("/").content.decode()  # served from the cache
    with scope(desa=desa_a), django_capture_on_commit_callbacks(execute=True):
        services.simpan_artikel(desa=desa_a, actor=operator_a, data={"judul": "Kabar baru", "status": S.TERBIT})
    assert "Kabar baru" in public.get("/").content.decode()
    assert "Kabar baru" in client_for(None).get("/").content.decode()  # the kabupaten portal too


def test_freshness_widget_nudges_past_threshold(client_for, desa_a, operator_a, make_artikel, kabupaten):
    staff = client_for(desa_a, operator_a)
    assert "belum pernah menerbitkan" in staff.get("/admin-desa/").content.decode()
    make_artikel(desa_a, terbit_pada=timezone.now() - timedelta(days=10))
    sitecache.bump(desa_a.pk)  # as publishing does on commit: the widget is kept under the site version
    body = staff.get("/admin-desa/").content.decode()
    assert "10</strong> hari" in body and "lebih dari 7 hari" in body
    kabupaten.ambang_kesegaran_hari = 14
    kabupaten.save()
    cache.clear()  # a new threshold shows within the widget's two minutes (balai.core.dashboard)
    assert "lebih dari" not in client_for(desa_a, operator_a).get("/admin-desa/").content.decode()


@pytest.mark.parametrize("path", ["/admin-desa/artikel/", "/admin-desa/komentar/", "/admin-desa/situs/"])
def test_back_office_needs_editor_role(client_for, desa_a, make_user, path):
    from balai.akun.models import Peran

    assert client_for(desa_a, make_user(Peran.PERANGKAT_DESA, desa=desa_a)).get(path).status_code == 403


def test_kabupaten_sees_stale_villages_and_sets_threshold(
    client_for, kabupaten, desa_a, desa_b, make_user, make_artikel
):
    from balai.akun.models import Peran

    make_artikel(desa_a, terbit_pada=timezone.now() - timedelta(days=2))
    make_artikel(desa_b, terbit_pada=timezone.now() - timedelta(days=9))
    admin = client_for(None, make_user(Peran.ADMIN_KABUPATEN))
    body = admin.get("/dasbor/").content.decode()
    assert "Kesegaran situs desa" in body and "1</strong> dari 2" in body and "Desa Karangpetir" in body
    r = admin.post("/dasbor/situs/", {"hari": "10"})
    assert r.status_code == 302
    kabupaten.refresh_from_db()
    assert kabupaten.ambang_kesegaran_hari == 10
    assert "0</strong> dari 2" in admin.get("/dasbor/").content.decode()
    assert admin.post("/dasbor/situs/", {"hari": "0"}).status_code == 200  # refused, form shown again
    kecamatan = client_for(desa_a.kecamatan, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=desa_a.kecamatan))
    assert "Karangpetir" not in kecamatan.get("/dasbor/").content.decode()


def test_article_page_is_served_from_cache_without_cookies(
    client_for, desa_a, make_artikel, django_assert_max_num_queries
):
    a = make_artikel(desa_a)
    client = client_for(desa_a)
    first = client.get(f"/artikel/{a.slug}/")
    assert first.status_code == 200
    with django_assert_max_num_queries(3):  # tenant lookup only
        again = client.get(f"/artikel/{a.slug}/")
    assert len(again.content) == len(first.content) and not again.cookies  # same page, own CSP nonce
    assert client.get(f"/artikel/{a.slug}/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
    form = client.get(f"/artikel/{a.slug}/komentar/", HTTP_HX_REQUEST="true")
    assert b"csrfmiddlewaretoken" in form.content and b"<html" not in form.content


def test_back_office_article_list_filters_with_htmx_partial(client_for, desa_a, operator_a, make_artikel):
    make_artikel(desa_a, "Posyandu balita")
    make_artikel(desa_a, "Rapat BPD", status=S.DRAFT)
    staff = client_for(desa_a, operator_a)
    full = staff.get("/admin-desa/artikel/").content.decode()
    assert "<html" in full and "Posyandu balita" in full and "Rapat BPD" in full
    part = staff.get("/admin-desa/artikel/?status=draft", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in part and "Rapat BPD" in part and "Posyandu balita" not in part


def test_categories_edit_and_delete_keep_articles(client_for, desa_a, admin_a, make_artikel):
    from balai.website.models import Kategori

    staff = client_for(desa_a, admin_a)
    assert staff.post("/admin-desa/kategori/tambah/", {"nama": "Kesehatan"}).status_code == 302
    with scope(desa=desa_a):
        k = Kategori.objects.get()
    a = make_artikel(desa_a, kategori=k)
    assert staff.post(f"/admin-desa/kategori/{k.pk}/ubah/", {"nama": "Kesehatan Warga"}).status_code == 302
    assert staff.post(f"/admin-desa/kategori/{k.pk}/hapus/").status_code == 302
    with scope(desa=desa_a):
        a.refresh_from_db()
        assert a.kategori is None and not Kategori.objects.exists()


def test_comments_closed_hides_form(client_for, desa_a, make_artikel):
    with scopes_disabled():
        PengaturanSitus.objects.create(desa=desa_a, komentar_aktif=False)
    a = make_artikel(desa_a)
    client = client_for(desa_a)
    assert "ditutup" in client.get(f"/artikel/{a.slug}/").content.decode()
    assert client.get(f"/artikel/{a.slug}/komentar/").status_code == 404
    assert client.post(f"/artikel/{a.slug}/komentar/", {"nama": "A", "isi": "B"}).status_code == 404


def test_publish_now_overrides_a_schedule(client_for, desa_a, operator_a):
    staff = client_for(desa_a, operator_a)
    later = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    staff.post("/admin-desa/artikel/tambah/", {"judul": "Jadwal", "isi": "x", "aksi": "jadwal", "terbit_pada": later})
    with scope(desa=desa_a):
        a = Artikel.objects.get()
    assert a.status == S.TERJADWAL
    staff.post(f"/admin-desa/artikel/{a.pk}/ubah/", {"judul": "Jadwal", "isi": "x", "aksi": "terbit"})
    with scope(desa=desa_a):
        a.refresh_from_db()
    assert a.status == S.TERBIT and a.terbit_pada <= timezone.now()


def test_hidden_page_is_404_but_staff_can_preview(client_for, desa_a, operator_a):
    with scopes_disabled():
        h = Halaman.objects.create(desa=desa_a, judul="Rencana", slug="rencana", isi="<p>Draf</p>", terbit=False)
    assert client_for(desa_a).get("/halaman/rencana/").status_code == 404
    preview = client_for(desa_a, operator_a).get(f"/admin-desa/halaman/{h.pk}/pratinjau/")
    assert preview.status_code == 200 and "belum tampil di situs" in preview.content.decode()


def test_unknown_query_parameters_share_the_cached_page(
    client_for, desa_a, make_artikel, django_assert_max_num_queries
):
    make_artikel(desa_a, "Pembangunan jalan dusun")
    client = client_for(desa_a)
    first = client.get("/artikel/?q=jalan")
    with django_assert_max_num_queries(3):  # tenant lookup only: no new page per random parameter
        again = client.get("/artikel/?q=jalan&utm_source=x&acak=81234")
    assert b"Pembangunan jalan dusun" in again.content and again["ETag"] == first["ETag"]
    # The front page's canonical link never carries a visitor's query string into the cache.
    body = client.get("/?utm_source=<x>").content.decode()
    assert '<link rel="canonical" href="http://selakambang.localhost/">' in body


def test_htmx_history_restore_gets_the_whole_page(client_for, desa_a, operator_a, make_artikel):
    make_artikel(desa_a, "Posyandu balita")
    staff = client_for(desa_a, operator_a)
    body = staff.get(
        "/admin-desa/artikel/?status=terbit", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    ).content.decode()
    assert "<html" in body and "Posyandu balita" in body
    a = make_artikel(desa_a, "Rapat BPD")
    body = client_for(desa_a).get(
        f"/artikel/{a.slug}/komentar/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert b"<html" in body.content


def test_unknown_status_filters_fall_back(client_for, desa_a, operator_a, make_artikel):
    a = make_artikel(desa_a, "Posyandu balita")
    with scopes_disabled():
        Komentar.objects.create(desa=desa_a, artikel=a, nama="Warga", isi="Menunggu diperiksa")
    staff = client_for(desa_a, operator_a)
    r = staff.get("/admin-desa/komentar/?status=tidak-ada")
    assert r.context["status"] == Komentar.Status.MENUNGGU and "Menunggu diperiksa" in r.content.decode()
    r = staff.get("/admin-desa/artikel/?status=tidak-ada")
    assert r.context["status"] == "" and "Posyandu balita" in r.content.decode()


def test_freshness_counts_every_public_publication(
    client_for, kabupaten, desa_a, desa_b, operator_a, make_user, make_artikel, django_assert_max_num_queries
):
    """An agenda, announcement, album, photo or document keeps a site fresh, not only articles;
    drafts, unpublished and not-yet-showing items do not."""
    from balai.akun.models import Peran
    from balai.media.models import Gambar
    from balai.publikasi.models import Agenda, Album, Dokumen, Foto, Pengumuman

    now = timezone.now()
    make_artikel(desa_a, terbit_pada=now - timedelta(days=40))
    make_artikel(desa_b, terbit_pada=now - timedelta(days=40))
    with scopes_disabled():
        agenda = Agenda.objects.create(desa=desa_a, judul="Draf", slug="draf", mulai=now, selesai=now)
        besok = Pengumuman.objects.create(
            desa=desa_a, judul="Besok", slug="besok", isi="x", mulai_tayang=now + timedelta(days=1)
        )
        album = Album.objects.create(desa=desa_a, judul="Disembunyikan", slug="sembunyi", terbit=False)
        gambar = Gambar.objects.create(desa=desa_a, berkas="a.jpg", berkas_webp="a.webp", thumb="t.jpg")
        Foto.objects.create(desa=desa_a, album=album, gambar=gambar)
        Dokumen.objects.create(desa=desa_a, judul="Draf", berkas="x.pdf", jenis="pdf", terbit=False)
    # None of those are public yet: village A is as stale as its last article.
    admin = client_for(None, make_user(Peran.ADMIN_KABUPATEN))
    assert "2</strong> dari 2" in admin.get("/dasbor/").content.decode()
    staff = client_for(desa_a, operator_a)
    assert "40</strong> hari" in staff.get("/admin-desa/").content.decode()

    cases = [
        (Agenda, agenda.pk, {"status": Agenda.Status.TERBIT, "diperbarui": now - timedelta(days=3)}),
        (Pengumuman, besok.pk, {"mulai_tayang": now - timedelta(days=2), "diperbarui": now - timedelta(days=9)}),
        (Album, album.pk, {"terbit": True, "diperbarui": now - timedelta(days=20)}),
        (Foto, None, {"dibuat": now - timedelta(days=1)}),
        (Dokumen, None, {"terbit": True, "diperbarui": now - timedelta(days=4)}),
    ]
    with scopes_disabled():
        for model, pk, values in cases:
            (model.objects.filter(pk=pk) if pk else model.objects.all()).update(**values)
    # Raw updates skip the services, which bump the site version the dashboards cache under.
    sitecache.bump(desa_a.pk)
    body = staff.get("/admin-desa/").content.decode()
    assert "1</strong> hari" in body and "lebih dari" not in body  # the photo, a day ago
    # The kabupaten's summaries are kept by time (two minutes, balai.core.dashboard): let them expire.
    cache.clear()
    body = admin.get("/dasbor/").content.decode()
    assert "1</strong> dari 2" in body and "Desa Karangpetir" in body and "Desa Selakambang" not in body
    with scopes_disabled():
        Foto.objects.all().delete()
    sitecache.bump(desa_a.pk)
    assert "2</strong> hari" in staff.get("/admin-desa/").content.decode()  # the announcement started showing

    from balai.core.registry import FreshnessSource, extensions
    from balai.website import selectors

    # The villages, then one query per module that publishes (articles, publications, ...).
    with django_assert_max_num_queries(1 + len(extensions(FreshnessSource))):
        selectors.kesegaran_desa(kabupaten=kabupaten)


def test_kabupaten_village_search_is_paged(
    client_for, kabupaten, desa_a, desa_b, make_artikel, monkeypatch, django_assert_max_num_queries
):
    from balai.website import selectors

    monkeypatch.setattr(selectors, "PER_HALAMAN_DESA", 1)
    client = client_for(None)
    with django_assert_max_num_queries(8):
        first = client.get("/cari/?q=ka").content.decode()
    assert "Desa Karangpetir" in first and "Desa Selakambang" not in first
    assert "Halaman 1 dari 2" in first and 'href="?q=ka&amp;halaman=2"' in first and "<h2>Berita <span" in first
    second = client.get("/cari/?q=ka&halaman=2").content.decode()
    assert "Desa Selakambang" in second and "Desa Karangpetir" not in second
    assert "<h2>Berita" not in second  # the news list stays on the first page
    assert "Tidak ada desa atau kelurahan" in client.get("/cari/?q=zzz").content.decode()


def test_schedule_message_names_the_day_and_hour_in_wib(client_for, desa_a, operator_a):
    staff = client_for(desa_a, operator_a)
    r = staff.post(
        "/admin-desa/artikel/tambah/",
        {"judul": "Pengajian akbar", "isi": "x", "aksi": "jadwal", "terbit_pada": "2040-12-01T08:00"},
        follow=True,
    )
    assert "Dijadwalkan terbit Sabtu, 1 Desember 2040 pukul 08.00 WIB" in r.content.decode()


def test_back_office_article_list_puts_work_in_progress_first_then_newest_publication(
    client_for, desa_a, operator_a, make_artikel
):
    now = timezone.now()
    make_artikel(desa_a, "Lama terbit", terbit_pada=now - timedelta(days=30))
    make_artikel(desa_a, "Baru terbit", terbit_pada=now - timedelta(days=1))
    with scope(desa=desa_a):
        services.simpan_artikel(desa=desa_a, actor=operator_a, data={"judul": "Masih draf", "status": S.DRAFT})
        services.simpan_artikel(
            desa=desa_a,
            actor=operator_a,
            data={"judul": "Nanti terbit", "status": S.TERJADWAL, "terbit_pada": now + timedelta(days=3)},
        )
    # The oldest article edited last must not jump to the top.
    with scopes_disabled():
        Artikel.objects.filter(judul="Lama terbit").update(diperbarui=now + timedelta(hours=1))
    body = client_for(desa_a, operator_a).get("/admin-desa/artikel/").content.decode()
    order = [body.index(t) for t in ("Nanti terbit", "Masih draf", "Baru terbit", "Lama terbit")]
    assert max(order[:2]) < order[2] < order[3]  # unfinished ones on top, then newest published


def test_site_colour_is_a_palette_with_its_hex_code_and_can_be_typed(client_for, desa_a, operator_a):
    staff = client_for(desa_a, operator_a)
    body = staff.get("/admin-desa/situs/").content.decode()
    assert '<input type="color" value="#0f766e"' in body  # a swatch showing the current colour
    assert 'name="warna_tema" value="#0f766e"' in body and 'class="warna-hex"' in body  # and its code
    assert "website/warna.js" in body
    r = staff.post("/admin-desa/situs/", {"warna_tema": "#123abc", "judul_sambutan": "Sambutan"})
    assert r.status_code == 302
    with scopes_disabled():
        assert PengaturanSitus.objects.get(desa=desa_a).warna_tema == "#123abc"
    bad = staff.post("/admin-desa/situs/", {"warna_tema": "merah"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()


JARGON = ("disaring di server", "Teks kaya", "HTML", "EXIF", "<slug>", "slug", "server")


@pytest.mark.parametrize(
    "path",
    [
        "/admin-desa/situs/",
        "/admin-desa/artikel/tambah/",
        "/admin-desa/halaman/tambah/",
        "/admin-desa/perangkat/tambah/",
        "/admin-desa/agenda/tambah/",
        "/admin-desa/pengumuman/tambah/",
        "/admin-desa/galeri/tambah/",
    ],
)
def test_forms_speak_plainly_to_village_staff(path, client_for, desa_a, operator_a):
    import re

    response = client_for(desa_a, operator_a).get(path)
    assert response.status_code == 200, path
    shown = re.sub(r"<[^>]+>", " ", response.content.decode().split("<main", 1)[1])  # visible text only
    for word in JARGON:
        assert word not in shown, (path, word)


def test_article_list_first_page_is_kept_until_the_village_changes(
    client_for, desa_a, desa_b, operator_a, operator_b, make_artikel, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_artikel(desa_a, "Posyandu balita")
    make_artikel(desa_b, "Berita desa lain")
    staff = client_for(desa_a, operator_a)
    assert "Posyandu balita" in staff.get("/admin-desa/artikel/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        body = staff.get("/admin-desa/artikel/").content.decode()
    assert "Posyandu balita" in body and "Berita desa lain" not in body
    assert not any("website_artikel" in q["sql"] for q in queries.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        make_artikel(desa_a, "Rapat BPD")  # saved without a service: the row's own signal is enough
    assert "Rapat BPD" in staff.get("/admin-desa/artikel/").content.decode()
    other = client_for(desa_b, operator_b).get("/admin-desa/artikel/").content.decode()
    assert "Berita desa lain" in other and "Posyandu balita" not in other
