"""What a shared link shows (OpenGraph and Twitter tags), the icon of every host, and the
kabupaten directory grouped by kecamatan."""

import re
from html.parser import HTMLParser

import pytest
from django_scopes import scope, scopes_disabled

from balai.website.models import PengaturanSitus

from .test_gambar import _jpeg


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = dict(attrs)
            key = a.get("property") or a.get("name")
            if key and (key.startswith("og:") or key.startswith("twitter:")):
                self.tags.append((key, a.get("content", "")))


def og(body):
    p = _Meta()
    p.feed(body)
    keys = [k for k, _v in p.tags]
    assert len(keys) == len(set(keys)), f"duplicate tags: {keys}"
    return dict(p.tags)


VILLAGE_PAGES = [
    "/",
    "/artikel/",
    "/agenda/",
    "/pengumuman/",
    "/galeri/",
    "/unduhan/",
    "/pemerintahan/",
    "/wilayah/",
    "/kontak/",
    "/statistik/",
    "/cari/",
]


@pytest.mark.parametrize("path", VILLAGE_PAGES)
def test_every_village_page_has_a_link_preview(client_for, desa_a, path):
    tags = og(client_for(desa_a).get(path).content.decode())
    assert tags["og:site_name"] == "Desa Selakambang"
    assert tags["og:url"] == f"http://selakambang.localhost{path}"
    assert tags["og:title"] and tags["og:description"]
    # no logo yet: Balai's own icon, as an absolute address
    assert re.fullmatch(r"http://selakambang\.localhost/static/balai/balai-icon(\.\w+)?\.png", tags["og:image"])
    assert tags["twitter:card"] == "summary"


def test_listing_pages_are_titled_after_the_listing(client_for, desa_a):
    assert og(client_for(desa_a).get("/agenda/").content.decode())["og:title"] == "Agenda · Desa Selakambang"
    assert og(client_for(desa_a).get("/artikel/").content.decode())["og:title"] == "Berita · Desa Selakambang"


def test_preview_uses_the_banner_then_the_logo(client_for, desa_a, admin_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = client_for(desa_a, admin_a)
    r = staff.post("/admin-desa/situs/", {"warna_tema": "#225588", "judul_sambutan": "S", "logo_file": _jpeg("l.jpg")})
    assert r.status_code == 302
    with scope(desa=desa_a):
        situs = PengaturanSitus.objects.select_related("logo").get()
    tags = og(client_for(desa_a).get("/pengumuman/").content.decode())
    assert tags["og:image"] == f"http://selakambang.localhost{situs.logo.thumb_url}"
    assert client_for(desa_a).get("/favicon.ico")["Location"] == situs.logo.thumb_url
    r = staff.post("/admin-desa/situs/", {"warna_tema": "#225588", "judul_sambutan": "S", "banner_file": _jpeg()})
    assert r.status_code == 302
    with scope(desa=desa_a):
        situs = PengaturanSitus.objects.select_related("banner").get()
    tags = og(client_for(desa_a).get("/").content.decode())
    assert tags["og:image"] == f"http://selakambang.localhost{situs.banner.url}"
    assert tags["og:image:width"] == "640" and tags["twitter:card"] == "summary_large_image"


def test_article_keeps_its_own_picture_and_type(client_for, desa_a, make_artikel):
    a = make_artikel(desa_a, "Panen raya", ringkasan="Padi menguning.")
    tags = og(client_for(desa_a).get(f"/artikel/{a.slug}/").content.decode())
    assert tags["og:type"] == "article" and tags["og:title"] == "Panen raya"
    assert tags["og:description"] == "Padi menguning." and "og:image" in tags


@pytest.mark.parametrize("tenant", ["kabupaten", "kecamatan", "desa"])
def test_favicon_on_every_host(client_for, desa_a, tenant):
    target = {"kabupaten": None, "kecamatan": desa_a.kecamatan, "desa": desa_a}[tenant]
    r = client_for(target).get("/favicon.ico")
    assert r.status_code == 302 and re.fullmatch(r"/static/balai/favicon(\.\w+)?\.ico", r["Location"])
    assert 'rel="icon"' in client_for(target).get("/").content.decode()


def test_portals_have_a_link_preview_too(client_for, desa_a):
    assert og(client_for(None).get("/").content.decode())["og:site_name"] == "Kabupaten Purbalingga"
    assert og(client_for(desa_a.kecamatan).get("/").content.decode())["og:title"] == "Kecamatan Kaligondang"


def test_kabupaten_directory_is_grouped_by_kecamatan_and_searchable(client_for, kabupaten, desa_a, desa_b):
    body = client_for(None).get("/").content.decode()
    groups = re.findall(r'<details class="panel kelompok" data-kelompok="([^"]+)">', body)
    assert groups == ["Kaligondang", "Kalimanah"]
    assert '<li data-nama="Selakambang">' in body
    # the same box answers without JavaScript, on the server
    form = re.search(r'<form method="get" action="([^"]+)"[^>]*role="search">\s*<div><label for="q">', body)
    assert form and form.group(1) == "/cari/"
    with scopes_disabled():
        found = client_for(None).get("/cari/?q=kaligondang").content.decode()
    assert "Desa Selakambang" in found and "Karangpetir" not in found
