"""Whole-page cache for the public sites, invalidated by version numbers.

Every village has a site version in the cache. A public page is cached under its site (the
tenant, never the Host header), its path, the query parameters its view declares and the
versions of the sites it depends on: a village page depends on its own version, a kecamatan or
kabupaten portal page on a portal version that every change in any of its villages bumps too.
`bump(desa_id)` after a change (inside `transaction.on_commit`) makes all of those pages stale
at once without listing them. Works with any shared cache (Redis in production), so several
app servers agree.

Nobody can fill the cache by inventing URLs: query parameters a view does not declare are left
out of the key (`/artikel/?x=<random>` is `/artikel/`), a declared parameter with an absurd
value (too long, repeated) is answered without caching, and one page keeps at most
`MAKS_VARIAN` variants (search terms, page numbers) per site version.

A version key that is missing (never set, or evicted by the cache) starts again from a random
large number, never from a fixed one, so it cannot come back to a value that pages already in
the cache were stored under.

`AnonymousPageMiddleware` answers a visitor who has no session from the same cache before the
session, CSRF, authentication, two-factor, messages and axes middleware run: a cached page
then costs the host lookup and two cache reads. It keeps the whole response as the full
middleware stack produced it (security headers, CSP with the nonce swapped per visitor), so a
page served either way is the same."""

import base64
import hashlib
import os
import secrets
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag, urlencode

from balai.wilayah.models import Desa

from .tenancy import DESA, KECAMATAN

TIMEOUT = 60 * 60 * 24
_VERSION_KEY = "situs:v:{}"
MAKS_PANJANG = 100  # characters of one declared query parameter; longer is not cached
MAKS_VARIAN = 100  # cached query variants of one page (host and path) per site version


def _version_key(kind, pk):
    return _VERSION_KEY.format(f"{kind}:{pk}")


def _versions(tenant):
    """The version keys a page of `tenant` depends on."""
    if tenant.kind == DESA:
        return [_version_key("desa", tenant.desa.pk)]
    if tenant.kind == KECAMATAN:
        return [_version_key("kec", tenant.kecamatan.pk)]
    return [_version_key("kab", tenant.kabupaten.pk)]


def _site(tenant):
    """The cache's name for a tenant's site."""
    if tenant.kind == DESA:
        return f"desa:{tenant.desa.pk}"
    if tenant.kind == KECAMATAN:
        return f"kec:{tenant.kecamatan.pk}"
    return f"kab:{tenant.kabupaten.pk}"


def _fresh_version():
    """Where a missing version key starts: random and far from any value seen before (room left
    below 2**63 for Redis INCR)."""
    return 2**40 + secrets.randbelow(2**61)


def _current(keys):
    """{key: version} for `keys`, starting missing ones afresh."""
    values = cache.get_many(keys)
    missing = [k for k in keys if k not in values]
    if missing:
        for key in missing:
            cache.add(key, _fresh_version(), None)
        values.update(cache.get_many(missing))  # another process may have added it first
    return values


def version(desa_id) -> int:
    key = _version_key("desa", desa_id)
    return _current([key]).get(key, 0)


def get_under_version(desa_id, keys, plain=(), *, kantor=False):
    """In one cache round trip: the village's version, the values of `keys` stored under that
    version (`set_under_version`; one stored under an older version is left out), and the values
    of the `plain` keys as they are. For back-office pages opened all day, whose cached pieces
    would otherwise each cost a trip of their own.

    `kantor=True` reads the village's back-office version instead of its site version: it moves
    with every change to any of the village's data, public or not (`bump_kantor`)."""
    vkey = _version_key("kantor" if kantor else "desa", desa_id)
    values = cache.get_many([vkey, *keys, *plain])
    version = values.pop(vkey, None)
    if version is None:
        version = _current([vkey]).get(vkey, 0)
    current = {k: values[k][1] for k in keys if k in values and values[k][0] == version}
    return version, current, {k: values[k] for k in plain if k in values}


def set_under_version(key, version, value, timeout):
    cache.set(key, (version, value), timeout)


def set_many_under_version(values, version, timeout):
    cache.set_many({key: (version, value) for key, value in values.items()}, timeout)


def region_version(*, kabupaten_id=None, kecamatan_id=None) -> int:
    """The portal version of a kecamatan (or else the kabupaten): bumped by every change in any
    of its villages, so figures over the region can be cached under it."""
    key = _version_key("kec", kecamatan_id) if kecamatan_id is not None else _version_key("kab", kabupaten_id)
    return _current([key]).get(key, 0)


def bump_on_commit(desa_id):
    """`bump(desa_id)` once the current transaction commits: what every service that changes
    a village's public content calls (a rolled-back change invalidates nothing)."""
    transaction.on_commit(lambda: bump(desa_id))


def bump_kantor(*desa_ids):
    """Make every back-office piece kept under these villages' back-office version stale. The
    keys are dropped (one round trip for any number of villages): a missing version starts again
    at random, so nothing stored under the old one is read again."""
    cache.delete_many([_version_key("kantor", pk) for pk in desa_ids])


def bump(desa_id):
    """Invalidate the cached public pages of a village and of its kecamatan and kabupaten portals
    (and its back-office pieces: a site change is a change of the village's data)."""
    bump_kantor(desa_id)
    desa = Desa.objects.select_related("kecamatan").get(pk=desa_id)
    for key in (
        _version_key("desa", desa.pk),
        _version_key("kec", desa.kecamatan_id),
        _version_key("kab", desa.kecamatan.kabupaten_id),
    ):
        # add() then incr() keeps the counter atomic on Redis; a lost key starts again at random.
        cache.add(key, _fresh_version(), None)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, _fresh_version(), None)


def expire_at(request, when):
    """Declare that the page being built changes by itself at `when` (an announcement expires,
    an event moves to the past, a scheduled item starts showing): public_page then keeps it no
    longer than that. Views and front-page widgets call this; the earliest time wins."""
    current = getattr(request, "_sitecache_until", None)
    if when is not None and (current is None or when < current):
        request._sitecache_until = when


def _timeout(request):
    until = getattr(request, "_sitecache_until", None)
    if until is None:
        return TIMEOUT
    return min(TIMEOUT, int((until - timezone.now()).total_seconds()))


def _query(request, params):
    """The declared parameters as they count for the cache, or None when one of them has a value
    no honest link produces (too long, given twice)."""
    pairs = []
    for name in params:
        values = request.GET.getlist(name)
        if len(values) > 1 or any(len(v) > MAKS_PANJANG for v in values):
            return None
        pairs.extend((name, v) for v in values)
    return urlencode(pairs)


def _declared(query, params):
    """`query` without the parameters the view did not declare."""
    only = QueryDict(mutable=True)
    for name in params:
        if name in query:
            only.setlist(name, query.getlist(name))
    only._mutable = False
    return only


def _hash(*parts):
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _page_key(request, query):
    """(page key, variant counter key) of this request."""
    keys = _versions(request.tenant)
    stamp = _stamp(keys, _current(keys))
    request._sitecache_stamp = stamp
    # Keyed on the tenant, never on the Host header: `selakambang.<base>:1234` is the same site as
    # `selakambang.<base>`, and pages build their absolute links from settings, not the host.
    site, path = _site(request.tenant), request.path
    return "situs:hal:" + _hash(site, path, query, stamp), "situs:varian:" + _hash(site, path, stamp)


def _stamp(keys, values):
    return ".".join(str(values.get(k, 0)) for k in keys)


def _room_for_variant(counter, query):
    """Whether one more query variant of a page may be stored (the bare page always may)."""
    if not query:
        return True
    cache.add(counter, 0, TIMEOUT)
    try:
        return cache.incr(counter) <= MAKS_VARIAN
    except ValueError:
        return False


def public_page(view=None, *, params=()):
    """Cache a public GET view's whole response for anonymous visitors, with ETag and
    Last-Modified; answers 304 when the visitor already holds the current page.

    `params` names the query parameters the view reads (`@public_page(params=("q", "halaman"))`);
    the cache keys on those only, and the view sees only those in `request.GET` (a parameter it
    forgot to declare is simply absent, never one visitor's page served to all)."""
    if view is None:
        return lambda view: public_page(view, params=params)
    params = tuple(params)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated or request.tenant is None:
            return view(request, *args, **kwargs)
        query = _query(request, params)
        if query is None:
            return view(request, *args, **kwargs)
        key, counter = _page_key(request, query)
        cached = cache.get(key)
        if cached is None:
            request.GET = _declared(request.GET, params)
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.cookies:
                return response
            if hasattr(response, "render") and callable(response.render):
                response.render()
            timeout = _timeout(request)
            if timeout <= 0 or not _room_for_variant(counter, query):
                return response
            cached = _freeze(request, response, timeout)
            cache.set(key, cached, timeout)
        request._sitecache_whole_until = cached.get("until")  # AnonymousPageMiddleware may keep it whole
        return _thaw(request, cached)

    wrapped.public_page_params = params
    return wrapped


# The CSP nonce of the page that was cached is swapped for each visitor's own fresh nonce, so
# cached pages keep a nonce nobody could have read in advance.
NONCE_PLACEHOLDER = b"__balai_csp_nonce__"


def _freeze(request, response, timeout):
    body = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:
        body = body.replace(nonce.encode(), NONCE_PLACEHOLDER)
    return {
        "body": body,
        "nonce": bool(nonce),
        "headers": {k: v for k, v in response.items() if k.lower() not in {"content-length", "set-cookie"}},
        "etag": quote_etag(hashlib.sha256(body).hexdigest()[:32]),
        "modified": http_date(timezone.now().timestamp()),
        "until": time.time() + timeout,
    }


def _thaw(request, cached):
    if request.headers.get("If-None-Match") == cached["etag"]:
        response = HttpResponseNotModified()
    elif request.headers.get("If-Modified-Since") == cached["modified"] and "If-None-Match" not in request.headers:
        response = HttpResponseNotModified()
    else:
        body = cached["body"]
        if cached["nonce"]:
            body = body.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
        response = HttpResponse(body)
        for name, value in cached["headers"].items():
            response[name] = value
    response["ETag"] = cached["etag"]
    response["Last-Modified"] = cached["modified"]
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response


# --- whole responses for visitors without a session ---------------------------------------------

_WHOLE = "situs:utuh:"


def _whole_key(request):
    """The cache key of the whole response to this request, or None when the request is not an
    anonymous GET of a cached public page (a session or a message waiting, an unknown path, a
    view that is not a public page, an absurd parameter)."""
    if request.method not in ("GET", "HEAD") or request.tenant is None:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    params = getattr(match.func, "public_page_params", None)
    if params is None:
        return None
    query = _query(request, params)
    if query is None:
        return None
    return _WHOLE + _hash(_site(request.tenant), request.path, query)


class AnonymousPageMiddleware:
    """Cached public pages for visitors without a session, answered right after the host lookup
    (place it just below TenantMiddleware). On a miss the request goes through the whole stack
    and, when `public_page` cached the page, the finished response is kept as well, for as long
    as the page itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _whole_key(request)
        if key is None:
            return self.get_response(request)
        # One round trip: the site versions and the page, which records the versions it was
        # built under (a page of an older version is a miss, and is overwritten).
        versions = _versions(request.tenant)
        values = cache.get_many([*versions, key])
        cached = values.get(key)
        if (
            cached is not None
            and all(k in values for k in versions)
            and cached.get("stamp") == _stamp(versions, values)
        ):
            return _thaw_whole(request, cached)
        response = self.get_response(request)
        until = getattr(request, "_sitecache_whole_until", None)
        stamp = getattr(request, "_sitecache_stamp", None)
        if until is not None and stamp is not None and response.status_code == 200 and not response.streaming:
            timeout = int(until - time.time())
            if timeout > 0:
                cache.set(key, {**_freeze_whole(request, response), "stamp": stamp}, timeout)
        return response


def _freeze_whole(request, response):
    nonce = getattr(request, "_csp_nonce", None)
    body, headers = response.content, {}
    for name, value in response.items():
        if name.lower() in {"content-length", "set-cookie"}:
            continue
        headers[name] = value.replace(nonce, NONCE_PLACEHOLDER.decode()) if nonce else value
    if nonce:
        body = body.replace(nonce.encode(), NONCE_PLACEHOLDER)
    return {"body": body, "headers": headers, "nonce": bool(nonce)}


def _thaw_whole(request, cached):
    headers = cached["headers"]
    etag, modified = headers.get("ETag"), headers.get("Last-Modified")
    if (etag and request.headers.get("If-None-Match") == etag) or (
        modified and request.headers.get("If-Modified-Since") == modified and "If-None-Match" not in request.headers
    ):
        response = HttpResponseNotModified()
        for name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
            if name in headers:
                response[name] = headers[name]
        return response
    body = cached["body"]
    if cached["nonce"]:
        nonce = base64.b64encode(os.urandom(16)).decode("ascii")  # as django-csp makes them
        body = body.replace(NONCE_PLACEHOLDER, nonce.encode())
        headers = {name: value.replace(NONCE_PLACEHOLDER.decode(), nonce) for name, value in headers.items()}
    response = HttpResponse(body)
    for name, value in headers.items():
        response[name] = value
    return response
