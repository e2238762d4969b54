"""The port (and scheme) in a Host header is whatever the client sent: absolute links come from
settings, and the page cache keys on the tenant, so `:6666` neither leaks into links nor makes
another cache entry."""

import re

import pytest
from django.core import mail
from django.test import Client
from django_scopes import scopes_disabled

from balai.core import sitecache
from balai.website.models import Artikel

pytestmark = pytest.mark.django_db
TAMU = "selakambang.localhost:6666"


@pytest.fixture
def artikel(desa_a, operator_a):
    from django.utils import timezone

    with scopes_disabled():
        return Artikel.objects.create(
            desa=desa_a, judul="Kerja bakti", slug="kerja-bakti", isi="<p>Ayo</p>", status=Artikel.Status.TERBIT,
            terbit_pada=timezone.now(), penulis=operator_a,
        )  # fmt: skip


def test_password_reset_link_ignores_the_host_port(operator_a, settings):
    Client(HTTP_HOST=TAMU).post("/akun/lupa-sandi/", {"email": operator_a.email})
    body = mail.outbox[0].body
    assert ":6666" not in body
    assert re.search(r"http://selakambang\.localhost/akun/reset/\S+/\S+/", body)


def test_password_reset_link_uses_the_configured_port_and_scheme(operator_a, settings):
    settings.BALAI_SCHEME, settings.BALAI_PUBLIC_PORT = "https", 8443
    Client(HTTP_HOST=TAMU).post("/akun/lupa-sandi/", {"email": operator_a.email})
    assert "https://selakambang.localhost:8443/akun/reset/" in mail.outbox[0].body


def test_demo_port_is_kept_in_links(operator_a, artikel, settings):
    """`make demo` serves on :8000 and sets BALAI_PUBLIC_PORT=8000: links must work there."""
    settings.BALAI_PUBLIC_PORT = 8000
    Client(HTTP_HOST="selakambang.localhost:8000").post("/akun/lupa-sandi/", {"email": operator_a.email})
    assert "http://selakambang.localhost:8000/akun/reset/" in mail.outbox[0].body
    page = Client(HTTP_HOST="selakambang.localhost:8000").get("/").content.decode()
    assert '<link rel="canonical" href="http://selakambang.localhost:8000/">' in page


@pytest.mark.parametrize(
    "path", ["/", "/artikel/kerja-bakti/", "/feed/", "/sitemap.xml", "/robots.txt", "/pengumuman/", "/agenda/"]
)
def test_public_pages_do_not_echo_the_host_port(artikel, path):
    response = Client(HTTP_HOST=TAMU).get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert ":6666" not in body
    assert "selakambang.localhost" in body or path in ("/pengumuman/", "/agenda/")


def test_kabupaten_portal_links_ignore_the_host_port(desa_a):
    body = Client(HTTP_HOST="localhost:6666").get("/").content.decode()
    assert "http://selakambang.localhost/" in body and ":6666" not in body


def test_page_cache_keys_on_the_tenant_not_the_host_header(artikel, desa_a, django_assert_num_queries):
    first = Client(HTTP_HOST="selakambang.localhost").get("/artikel/kerja-bakti/")
    assert first.status_code == 200
    sitecache.version(desa_a.pk)  # the version key exists before counting
    for port in (1, 6666, 65535):
        with django_assert_num_queries(0):  # served from the one cached entry
            again = Client(HTTP_HOST=f"selakambang.localhost:{port}").get("/artikel/kerja-bakti/")
        assert again.status_code == 200 and again["ETag"] == first["ETag"]
