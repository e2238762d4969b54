import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from balai.core import sitecache
from balai.core.tenancy import resolve_host

calls = []


@sitecache.public_page
def halaman(request):
    calls.append(1)
    return HttpResponse(f'<p>isi {len(calls)}</p><script nonce="{request.csp_nonce}"></script>')


@pytest.fixture
def get(desa_a, desa_b):
    calls.clear()
    factory = RequestFactory()

    def make(host, **headers):
        from csp.middleware import CSPMiddleware
        from django.contrib.auth.models import AnonymousUser

        request = factory.get("/berita/", HTTP_HOST=host, **headers)
        request.user = AnonymousUser()
        request.tenant = resolve_host(host)
        middleware = CSPMiddleware(halaman)
        return middleware(request)

    return make


def test_cached_until_the_village_changes(get, desa_a, desa_b):
    assert b"isi 1" in get("selakambang.localhost").content
    assert b"isi 1" in get("selakambang.localhost").content and len(calls) == 1
    sitecache.bump(desa_b.pk)  # another village: still cached
    get("selakambang.localhost")
    assert len(calls) == 1
    sitecache.bump(desa_a.pk)
    assert b"isi 2" in get("selakambang.localhost").content


def test_portals_are_invalidated_by_their_villages(get, desa_a, desa_b):
    get("localhost"), get("kec-kaligondang.localhost"), get("kec-kalimanah.localhost")
    assert len(calls) == 3
    sitecache.bump(desa_a.pk)  # Selakambang is in Kaligondang
    get("localhost"), get("kec-kaligondang.localhost"), get("kec-kalimanah.localhost")
    assert len(calls) == 5


def test_each_visitor_gets_a_fresh_nonce_matching_the_header(get):
    one, two = get("selakambang.localhost"), get("selakambang.localhost")
    for response in (one, two):
        nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
        assert f'nonce="{nonce}"'.encode() in response.content
    assert one.content != two.content


def test_conditional_get_answers_304(get):
    first = get("selakambang.localhost")
    assert first["ETag"] and first["Last-Modified"]
    again = get("selakambang.localhost", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
