"""A public page's query count does not grow with the number of articles."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core.registry import SitemapSource, extensions
from balai.website.models import Artikel, Kategori

PAGES = ["/", "/artikel/", "/artikel/?halaman=2", "/artikel/artikel-5/", "/feed/", "/sitemap.xml"]


def _bulk(desa, start, count, kategori):
    now = timezone.now()
    rows = [
        Artikel(
            desa=desa,
            judul=f"Artikel {i}",
            slug=f"artikel-{i}",
            ringkasan="Kegiatan warga",
            isi="<p>Kegiatan warga desa</p>",
            kategori=kategori,
            status=Artikel.Status.TERBIT,
            terbit_pada=now - timedelta(minutes=i),
            unggulan=i == 3,
        )
        for i in range(start, start + count)
    ]
    with scopes_disabled():
        Artikel.objects.bulk_create(rows, batch_size=500)


def _counts(client):
    counts = {}
    for path in PAGES:
        cache.clear()  # measure the uncached render
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200, path
        counts[path] = len(ctx)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        client_kab = client.__class__(HTTP_HOST="localhost")
        assert client_kab.get("/").status_code == 200
    counts["kabupaten"] = len(ctx)
    return counts


def test_query_count_is_the_same_with_10_and_2000_articles(client_for, desa_a, desa_b):
    with scopes_disabled():
        kategori = Kategori.objects.create(desa=desa_a, nama="Umum", slug="umum")
    _bulk(desa_a, 0, 10, kategori)
    client = client_for(desa_a)
    small = _counts(client)
    _bulk(desa_a, 10, 1990, kategori)
    large = _counts(client)
    assert small == large
    # The front page also renders the "beranda-desa" widgets of other apps (agenda, statistics...).
    assert large.pop("/") <= 18, large
    # The sitemap asks each module that declares public pages (SitemapSource): a few queries each.
    assert large.pop("/sitemap.xml") <= 2 + 2 * len(extensions(SitemapSource)), large
    assert max(large.values()) <= 10, large


def test_cached_front_page_needs_few_queries(client_for, desa_a, django_assert_max_num_queries):
    _bulk(desa_a, 0, 20, None)
    client = client_for(desa_a)
    client.get("/")
    with django_assert_max_num_queries(4):  # tenant lookup only
        assert client.get("/").status_code == 200
