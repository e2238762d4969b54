"""Public pages: the village market, the product page (WhatsApp order, phone link, OpenGraph),
the counting addresses (no personal data, never cached), the kabupaten market's filters and
its query count, which does not grow with the number of products."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.lapak.models import Pelapak, Produk, StatistikProduk
from balai.wilayah.models import Desa


def _meta(html, prop):
    found = re.search(rf'<meta property="{prop}" content="([^"]*)"', html)
    return found and found[1]


def test_product_page_has_the_order_button_phone_link_and_og_tags(desa_a, client_for, make_produk):
    produk = make_produk(desa_a, nama="Gula kelapa cetak", harga=18000, foto=True, deskripsi="Gula kelapa asli.")
    html = client_for(desa_a).get(produk.get_absolute_url()).content.decode()
    assert "Pesan lewat WhatsApp" in html
    assert f'href="{reverse("lapak:pesan", args=[produk.slug])}"' in html
    assert 'href="tel:+6281234567890"' in html
    assert _meta(html, "og:title") == "Gula kelapa cetak · Rp 18.000"
    assert "Rp 18.000 per kg" in _meta(html, "og:description")
    assert _meta(html, "og:url") == f"http://selakambang.localhost{produk.get_absolute_url()}"
    image = _meta(html, "og:image")
    assert image.startswith("http://selakambang.localhost/") and image.endswith(
        produk.sampul.berkas.name.rsplit("/", 1)[-1]
    )
    assert _meta(html, "og:type") == "product"


def test_order_click_is_counted_without_personal_data_and_never_cached(desa_a, client_for, make_produk):
    produk = make_produk(desa_a, nama="Knalpot racing", harga=350000)
    client = client_for(desa_a)
    url = reverse("lapak:pesan", args=[produk.slug])
    for _ in range(2):
        response = client.get(url, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Uji/1.0")
        assert response.status_code == 302
        assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    target = urlparse(response["Location"])
    assert (target.scheme, target.netloc, target.path) == ("https", "wa.me", "/6281234567890")
    text = parse_qs(target.query)["text"][0]
    assert "Knalpot racing" in text and "Rp 350.000" in text
    assert f"http://selakambang.localhost{produk.get_absolute_url()}" in text
    assert (
        Client(HTTP_HOST="selakambang.localhost", enforce_csrf_checks=True).post(url).status_code == 302
    )  # a form too
    with scopes_disabled():
        row = StatistikProduk.objects.get(produk=produk)
    assert (row.dipesan, row.dilihat, row.tanggal) == (3, 0, timezone.localdate())
    # What a counter row holds: the product, the day and two numbers, nothing about who.
    assert {f.name for f in StatistikProduk._meta.concrete_fields} == {
        "id",
        "desa",
        "produk",
        "tanggal",
        "dilihat",
        "dipesan",
    }
    assert "203.0.113.9" not in str(list(StatistikProduk._base_manager.values()))


def test_views_are_counted_by_the_page_picture_even_when_the_page_is_cached(desa_a, client_for, make_produk):
    produk = make_produk(desa_a)
    client = client_for(desa_a)
    html = client.get(produk.get_absolute_url()).content.decode()
    beacon = reverse("lapak:lihat", args=[produk.slug])
    assert f'src="{beacon}"' in html
    with CaptureQueriesContext(connection) as cached:
        client.get(produk.get_absolute_url())
    assert len(cached) == 0  # the page came from the cache
    for _ in range(2):
        response = client.get(beacon)
        assert response["Content-Type"] == "image/gif" and "no-store" in response["Cache-Control"]
    with scopes_disabled():
        assert StatistikProduk.objects.get(produk=produk).dilihat == 2


def test_hidden_products_are_not_counted(desa_a, client_for, make_produk):
    produk = make_produk(desa_a, status=Produk.Status.JEDA)
    client = client_for(desa_a)
    assert client.get(reverse("lapak:pesan", args=[produk.slug])).status_code == 404
    assert client.get(reverse("lapak:lihat", args=[produk.slug])).status_code == 404
    with scopes_disabled():
        assert not StatistikProduk.objects.exists()


def test_village_market_search_and_categories(desa_a, desa_b, client_for, make_produk, kategori_lain):
    make_produk(desa_a, nama="Gula semut organik")
    make_produk(desa_a, nama="Sapu glagah", kategori=kategori_lain)
    make_produk(desa_b, nama="Gula aren Karangpetir")
    client = client_for(desa_a)
    html = client.get(reverse("lapak:pasar")).content.decode()
    assert "Gula semut organik" in html and "Sapu glagah" in html and "Karangpetir" not in html
    html = client.get(reverse("lapak:pasar"), {"q": "gula"}).content.decode()
    assert "Gula semut organik" in html and "Sapu glagah" not in html
    html = client.get(reverse("lapak:pasar"), {"kategori": "kerajinan"}).content.decode()
    assert "Sapu glagah" in html and "Gula semut" not in html


def _seed(desa_list, n, make_produk, kategori):
    for i in range(n):
        make_produk(desa_list[i % len(desa_list)], nama=f"Produk uji {i}", harga=1000 + i, foto=i % 5 == 0)


def _queries(client, path, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, data or {})
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize("query", [{}, {"q": "uji", "kecamatan": "kaligondang", "kategori": "gula", "urut": "baru"}])
def test_market_query_count_does_not_grow_with_products(
    query, desa_a, desa_b, client_for, make_produk, kategori, settings
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    _seed([desa_a, desa_b], 5, make_produk, kategori)
    kab, village = _queries(client_for(None), "/lapak/", query), _queries(client_for(desa_a), "/lapak/", query)
    _seed([desa_a, desa_b], 30, make_produk, kategori)
    assert _queries(client_for(None), "/lapak/", query) == kab
    assert _queries(client_for(desa_a), "/lapak/", query) == village
    assert kab <= 8 and village <= 12


def test_kabupaten_market_filters(desa_a, desa_b, client_for, make_produk, kategori_lain):
    make_produk(desa_a, nama="Durian montong Selakambang", harga=75000, kategori=kategori_lain)
    make_produk(desa_a, nama="Gula jawa batok", harga=16000)
    make_produk(desa_b, nama="Gurami segar", harga=45000)
    tersembunyi = make_produk(desa_b, nama="Bulu mata palsu", harga=5000, status=Produk.Status.MENUNGGU)
    client = client_for(None)

    def names(**query):
        html = client.get("/lapak/", query).content.decode()
        return set(re.findall(r'<span class="lapak-nama">([^<]+)</span>', html))

    semua = {"Durian montong Selakambang", "Gula jawa batok", "Gurami segar"}
    assert names() == semua
    assert names(q="gula") == {"Gula jawa batok"}
    assert names(kategori="kerajinan") == {"Durian montong Selakambang"}
    assert names(kecamatan="kalimanah") == {"Gurami segar"}
    assert names(kecamatan="kaligondang", desa="selakambang") == {"Durian montong Selakambang", "Gula jawa batok"}
    assert names(min="20.000", maks="Rp 50.000") == {"Gurami segar"}
    assert names(kecamatan="tidak-ada", min="abc") == semua  # bad values are dropped, never a 500
    html = client.get("/lapak/", {"urut": "murah"}).content.decode()
    assert html.index("Gula jawa batok") < html.index("Gurami segar") < html.index("Durian montong")
    # links lead to the product page on its village's site
    assert tersembunyi.nama not in html
    assert 'href="http://selakambang.localhost/lapak/gula-jawa-batok/"' in html
    with scopes_disabled():
        Desa.objects.filter(pk=desa_b.pk).update(aktif=False)
        Pelapak.objects.filter(desa=desa_a).update(status=Pelapak.Status.NONAKTIF)
    from django.core.cache import cache

    cache.clear()
    assert names() == set()


def test_kecamatan_portal_shows_its_own_villages(desa_a, desa_b, client_for, make_produk):
    make_produk(desa_a, nama="Kopi robusta Selakambang")
    make_produk(desa_b, nama="Gurami Karangpetir")
    html = client_for(desa_a.kecamatan).get("/lapak/", {"kecamatan": "kalimanah"}).content.decode()
    assert "Kopi robusta Selakambang" in html and "Gurami Karangpetir" not in html


def test_pages_are_bumped_when_a_product_changes(desa_a, operator_a, client_for, make_produk):
    from django.test import TestCase

    produk = make_produk(desa_a, nama="Batik tulis motif gula")
    visitor, kab = client_for(desa_a), client_for(None)
    assert "Batik tulis" in visitor.get("/lapak/").content.decode()
    assert "Batik tulis" in kab.get("/lapak/").content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client_for(desa_a, operator_a).post(reverse("lapak:kantor_produk_status", args=[produk.pk]), {"aksi": "jeda"})
    assert "Batik tulis" not in visitor.get("/lapak/").content.decode()
    assert "Batik tulis" not in kab.get("/lapak/").content.decode()


def test_front_page_widget_and_menu(desa_a, client_for, make_produk):
    make_produk(desa_a, nama="Nopia mino bawang")
    html = client_for(desa_a).get("/").content.decode()
    assert "Nopia mino bawang" in html and 'href="/lapak/"' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only")
def test_market_search_uses_the_stored_vector_and_its_gin_index(desa_a, make_produk):
    from balai.lapak import selectors

    make_produk(desa_a, nama="Gula semut", deskripsi="Gula kelapa kristal dari nira")
    with scopes_disabled():
        qs, ranked = selectors.cari(selectors.produk_publik(), "nira kelapa")
        assert ranked and [p.nama for p in qs] == ["Gula semut"]
        sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "dokumen_cari @@" in plan and "to_tsvector" not in plan  # stored vectors, nothing parsed
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: make the planner show its index
        cursor.execute(
            "EXPLAIN SELECT id FROM lapak_produk WHERE dokumen_cari @@ websearch_to_tsquery('simple', 'nira')"
        )
        assert "lapak_produk_cari_gin" in "\n".join(row[0] for row in cursor.fetchall())


def test_product_page_query_count_does_not_grow_with_photos(desa_a, client_for, make_produk, settings):
    from balai.lapak.models import FotoProduk
    from balai.media.services import simpan_gambar

    from .conftest import png

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    produk = make_produk(desa_a, foto=True)
    for _ in range(2):
        make_produk(desa_a, pelapak=produk.pelapak, nama="Produk lain")
    client = client_for(desa_a)
    sedikit = _queries(client, produk.get_absolute_url())
    with scopes_disabled():
        for i in range(4):
            gambar = simpan_gambar(desa=desa_a, actor=None, file=png(), alt="x")
            FotoProduk.objects.create(desa=desa_a, produk=produk, gambar=gambar, urutan=i)
    assert _queries(client, produk.get_absolute_url()) == sedikit <= 12


def test_sitemap_and_site_search_list_products_on_show(desa_a, client_for, make_produk):
    tayang = make_produk(desa_a, nama="Kopi robusta lereng Slamet")
    jeda = make_produk(desa_a, nama="Kopi arabika dijeda", status=Produk.Status.JEDA)
    client = client_for(desa_a)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://selakambang.localhost{tayang.get_absolute_url()}" in sitemap
    assert jeda.get_absolute_url() not in sitemap and "http://selakambang.localhost/lapak/<" in sitemap.replace(
        "/lapak/</loc>", "/lapak/<"
    )
    found = client.get("/cari/", {"q": "kopi"}).content.decode()
    assert "Kopi robusta lereng Slamet" in found and "dijeda" not in found
