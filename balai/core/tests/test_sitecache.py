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


@sitecache.public_page(params=("q", "halaman"))
def daftar(request):
    calls.append(1)
    return HttpResponse(f"<p>cari {request.GET.get('q', '')} {len(calls)}</p>")


@pytest.fixture
def get_daftar(desa_a):
    calls.clear()
    factory = RequestFactory()

    def make(query=""):
        from django.contrib.auth.models import AnonymousUser

        request = factory.get("/artikel/" + query, HTTP_HOST="selakambang.localhost")
        request.user = AnonymousUser()
        request.tenant = resolve_host("selakambang.localhost")
        return daftar(request)

    return make


def test_undeclared_parameters_are_ignored(get_daftar, get):
    get_daftar("?x=1"), get_daftar("?x=2&utm_source=a"), get_daftar("")
    assert len(calls) == 1
    # No parameter declared (the default): any query string is the bare page.
    calls.clear()
    get("selakambang.localhost"), get("selakambang.localhost")
    assert len(calls) == 1


def test_declared_parameters_make_their_own_pages(get_daftar):
    assert b"cari kopi" in get_daftar("?q=kopi").content
    assert b"cari teh" in get_daftar("?q=teh&x=1").content
    get_daftar("?x=9&q=kopi"), get_daftar("?halaman=2&q=kopi"), get_daftar("?q=kopi&halaman=2")
    assert len(calls) == 3


def test_absurd_values_are_answered_but_not_cached(get_daftar):
    long = "a" * (sitecache.MAKS_PANJANG + 1)
    for query in (f"?q={long}", "?q=a&q=b"):
        get_daftar(query), get_daftar(query)
    assert len(calls) == 4
    assert get_daftar(f"?q={long}").status_code == 200


def test_variants_of_one_page_are_bounded(get_daftar, monkeypatch):
    monkeypatch.setattr(sitecache, "MAKS_VARIAN", 3)
    for i in range(5):
        get_daftar(f"?q=acak{i}")
    for i in range(5):
        get_daftar(f"?q=acak{i}")
    assert len(calls) == 5 + 2  # the first three stayed cached, the last two never were
    get_daftar(""), get_daftar("")
    assert len(calls) == 8  # the bare page is always cached


def test_a_lost_version_key_never_brings_old_pages_back(get, desa_a):
    from django.core.cache import cache

    key = sitecache._version_key("desa", desa_a.pk)
    assert b"isi 1" in get("selakambang.localhost").content
    first = cache.get(key)
    assert first and first > 2**32  # started at random, not at 0
    cache.delete(key)  # evicted
    assert b"isi 2" in get("selakambang.localhost").content
    assert cache.get(key) != first
    cache.delete(key)
    sitecache.bump(desa_a.pk)  # a bump on a missing key starts afresh as well
    assert cache.get(key) not in (None, 0, 1, first)
    assert sitecache.version(desa_a.pk) == cache.get(key)


def test_views_see_only_declared_parameters(get_daftar):
    """A parameter the view forgot to declare is absent, so the cached page cannot depend on it."""

    @sitecache.public_page(params=("q",))
    def lupa(request):
        return HttpResponse(f"{request.GET.get('q')} {request.GET.get('halaman')}")

    request = RequestFactory().get("/x/?q=kopi&halaman=3", HTTP_HOST="selakambang.localhost")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request.tenant = resolve_host("selakambang.localhost")
    assert lupa(request).content == b"kopi None"


# --- whole pages for visitors without a session (AnonymousPageMiddleware) ------------------------


@pytest.fixture
def middleware_calls(monkeypatch):
    """Count the middleware below AnonymousPageMiddleware that a request reaches."""
    from django.contrib.sessions.middleware import SessionMiddleware

    seen = []
    original = SessionMiddleware.process_request

    def counting(self, request):
        seen.append(request.path)
        return original(self, request)

    monkeypatch.setattr(SessionMiddleware, "process_request", counting)
    return seen


@pytest.mark.parametrize("host", ["selakambang.localhost", "kec-kaligondang.localhost", "localhost"])
def test_cached_pages_for_visitors_without_a_session_skip_the_stack(
    client, desa_a, host, middleware_calls, django_assert_num_queries
):
    first = client.get("/", HTTP_HOST=host)
    assert first.status_code == 200 and middleware_calls == ["/"]
    with django_assert_num_queries(0):  # a kecamatan host too: its villages come with the host
        again = client.get("/", HTTP_HOST=host)
    assert middleware_calls == ["/"]  # answered before sessions (and auth, OTP, axes)
    for name in ("Content-Security-Policy", "X-Frame-Options", "ETag", "Vary", "Cache-Control", "Content-Type"):
        assert again[name].split("nonce-")[0] == first[name].split("nonce-")[0], name
    nonces = []
    for response in (first, again, client.get("/", HTTP_HOST=host)):
        nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
        assert f'nonce="{nonce}"'.encode() in response.content
        nonces.append(nonce)
    assert len(set(nonces)) == 3
    assert client.get("/", HTTP_HOST=host, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


def test_whole_pages_follow_the_site_version(client, desa_a, middleware_calls):
    client.get("/", HTTP_HOST="selakambang.localhost")
    client.get("/", HTTP_HOST="selakambang.localhost")
    assert len(middleware_calls) == 1
    sitecache.bump(desa_a.pk)
    client.get("/", HTTP_HOST="selakambang.localhost")
    assert len(middleware_calls) == 2


def test_visitors_with_a_session_or_a_message_go_through_the_stack(client, desa_a, middleware_calls):
    client.get("/", HTTP_HOST="selakambang.localhost")
    client.cookies["sessionid"] = "abc"
    client.get("/", HTTP_HOST="selakambang.localhost")
    del client.cookies["sessionid"]
    client.cookies["messages"] = "x"
    client.get("/", HTTP_HOST="selakambang.localhost")
    assert len(middleware_calls) == 3


def test_signed_in_staff_never_get_the_anonymous_page(desa_a, operator_a, client_for, middleware_calls):
    client_for(desa_a).get("/")  # cached whole for visitors
    staff = client_for(desa_a, operator_a)
    assert staff.get("/").status_code == 200
    assert len(middleware_calls) == 2  # the signed-in request went through sessions and auth


def test_values_under_a_version_are_read_with_it_and_dropped_by_a_bump(
    desa_a, desa_b, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    version, current, plain = sitecache.get_under_version(desa_a.pk, ["k"], plain=["p"])
    assert current == {} and plain == {}
    sitecache.set_under_version("k", version, {"n": 1}, 60)
    cache.set("p", "as is", 60)
    again, current, plain = sitecache.get_under_version(desa_a.pk, ["k"], plain=["p"])
    assert again == version and current == {"k": {"n": 1}} and plain == {"p": "as is"}
    sitecache.bump(desa_b.pk)  # another village: nothing changes here
    assert sitecache.get_under_version(desa_a.pk, ["k"])[1] == {"k": {"n": 1}}
    sitecache.bump(desa_a.pk)
    newer, current, _ = sitecache.get_under_version(desa_a.pk, ["k"])
    assert newer != version and current == {}
