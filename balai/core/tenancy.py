"""Which kabupaten, kecamatan or village a request is for, decided by its host.

| host                        | tenant                         |
|-----------------------------|--------------------------------|
| <base>                      | the kabupaten portal           |
| kec-<kecamatan-slug>.<base> | a kecamatan portal (Sipande)   |
| <desa-slug>.<base>          | a village website and office   |
| a village's custom domain   | that village                   |

Everything below this middleware, the view and its template rendering included, runs inside a
django-scopes scope: one village on a village host, the villages of the kecamatan on a kecamatan
host, and no scope at all on the kabupaten host (so village-owned queries there raise unless a
selector disables scoping explicitly). Unknown hosts get a 404 page, never another site; a
village the kabupaten switched off gets a 503 "situs sedang tidak aktif" page (it exists and may
come back, so search engines and residents are told to return later, not that it is gone).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from django_scopes import scope

from balai.wilayah.models import Desa, Kabupaten, Kecamatan

KABUPATEN, KECAMATAN, DESA = "kabupaten", "kecamatan", "desa"
# Paths served on every host, before any tenant is resolved (load balancer probes).
HOSTLESS_PATHS = ("/healthz",)
# Seconds a client is asked to wait before trying a switched-off village again.
RETRY_AFTER_NONAKTIF = 3600


@dataclass(frozen=True)
class Tenant:
    kind: str
    kabupaten: Kabupaten
    kecamatan: Kecamatan | None = None
    desa: Desa | None = None
    # A kecamatan's villages, resolved with the host (and cached with it): its scope.
    desa_ids: tuple[int, ...] = ()

    @property
    def name(self):
        return str(self.desa or self.kecamatan or self.kabupaten)


# Resolved hosts are cached: a cached public page then costs no query at all. Any change to a
# kabupaten, kecamatan or village bumps the version (signals in balai.wilayah.apps), so a
# switched-off village or a new custom domain takes effect at once on every app server.
HOSTS_VERSION_KEY = "tenant:versi"
HOSTS_TTL = 300


def village_owned_models():
    """Every model with a `desa` link to a village: the rows a village owns, which its scope
    isolates and whose changes make its back-office pieces stale (balai.core.apps)."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "desa"), None)
        if field is not None and field.is_relation and field.related_model is Desa:
            found.append(model)
    return found


def forget_hosts():
    """Drop every cached host resolution (after bulk changes that send no signals)."""
    cache.set(HOSTS_VERSION_KEY, cache.get(HOSTS_VERSION_KEY, 0) + 1, None)


def resolve_host(host: str) -> Tenant | None:
    """The tenant for a validated host name (without port), or None when nothing lives there.
    One cache round trip when cached: the entry carries the hosts version it was resolved under."""
    host = host.lower().rstrip(".")
    key = f"tenant:{host}"
    values = cache.get_many([HOSTS_VERSION_KEY, key])
    version = values.get(HOSTS_VERSION_KEY, 0)
    entry = values.get(key)
    if entry is not None and entry[0] == version:
        return entry[1] or None
    found = _resolve(host) or False  # False: known to be nobody's host
    cache.set(key, (version, found), HOSTS_TTL)
    return found or None


def _resolve(host: str) -> Tenant | None:
    base = settings.BALAI_BASE_DOMAIN
    kabupaten = Kabupaten.objects.filter(kode=settings.BALAI_KABUPATEN_KODE).first()
    if kabupaten is None:
        return None
    if host == base:
        return Tenant(KABUPATEN, kabupaten)
    if host.endswith("." + base):
        label = host[: -len(base) - 1]
        if "." in label:
            return None
        if label.startswith("kec-"):
            kec = Kecamatan.objects.filter(kabupaten=kabupaten, slug=label[4:]).first()
            if kec is None:
                return None
            return Tenant(KECAMATAN, kabupaten, kecamatan=kec, desa_ids=tuple(kec.desa.values_list("pk", flat=True)))
        desa = Desa.objects.select_related("kecamatan").filter(kecamatan__kabupaten=kabupaten, slug=label).first()
    else:
        desa = (
            Desa.objects.select_related("kecamatan").filter(kecamatan__kabupaten=kabupaten, domain_kustom=host).first()
        )
    if desa is None:
        return None
    return Tenant(DESA, kabupaten, kecamatan=desa.kecamatan, desa=desa)


def _not_found(request, message):
    html = render_to_string("core/host_tidak_dikenal.html", {"pesan": message}, request=request)
    return HttpResponseNotFound(html)


def _tidak_aktif(request, desa):
    """503 with Retry-After for a village whose site the kabupaten switched off."""
    html = render_to_string("core/situs_tidak_aktif.html", {"desa": desa}, request=request)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_NONAKTIF)
    response["Cache-Control"] = "no-store"
    return response


def _has_nul(query):
    """Whether a query string carries a NUL character, which PostgreSQL refuses in any text
    comparison (so `?q=%00` would be a server error on every page that filters by a parameter)."""
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.tenant = None
        request.desa = request.kecamatan = request.kabupaten = None
        if request.path in HOSTLESS_PATHS:
            return self.get_response(request)
        if _has_nul(request.GET):
            html = render_to_string(
                "400.html", {"pesan": "Alamat ini berisi karakter yang tidak diizinkan (NUL)."}, request=request
            )
            return HttpResponseBadRequest(html)
        domain, _port = split_domain_port(request.get_host())  # raises DisallowedHost -> 400
        tenant = resolve_host(domain)
        if tenant is None:
            return _not_found(request, "Alamat ini tidak terdaftar sebagai situs di Balai.")
        if tenant.desa is not None and not tenant.desa.aktif:
            return _tidak_aktif(request, tenant.desa)
        request.tenant = tenant
        request.kabupaten, request.kecamatan, request.desa = tenant.kabupaten, tenant.kecamatan, tenant.desa
        if tenant.kind == DESA:
            with scope(desa=tenant.desa):
                return self.get_response(request)
        if tenant.kind == KECAMATAN:
            with scope(desa=list(tenant.desa_ids)):
                return self.get_response(request)
        return self.get_response(request)


# Absolute addresses (password-reset mails, canonical and OpenGraph URLs, feeds, the sitemap,
# links between sites) are built from settings, never from the request's Host header: a Host
# header's port (and scheme, behind a proxy) is whatever the client sent.


def origin(host: str) -> str:
    """`scheme://host[:port]` for a public host name, with the configured scheme and port."""
    scheme = settings.BALAI_SCHEME
    port = settings.BALAI_PUBLIC_PORT
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{host}" + ("" if not port or int(port) == default else f":{port}")


def host_desa(desa) -> str:
    """The public host name of a village site (its custom domain when it has one)."""
    return desa.domain_kustom or f"{desa.slug}.{settings.BALAI_BASE_DOMAIN}"


def host_tenant(tenant) -> str:
    base = settings.BALAI_BASE_DOMAIN
    if tenant is None or tenant.kind == KABUPATEN:
        return base
    if tenant.kind == KECAMATAN:
        return f"kec-{tenant.kecamatan.slug}.{base}"
    return host_desa(tenant.desa)


def request_origin(request) -> str:
    """The configured origin of the site this request is for."""
    return origin(host_tenant(getattr(request, "tenant", None)))


def absolute_url(request, path: str) -> str:
    """`path` (starting with "/") as an absolute URL on the site this request is for."""
    return request_origin(request) + path


def site_url(request=None, label=None):
    """Absolute URL of a tenant host (`label` = desa slug or `kec-<slug>`, None = kabupaten),
    with the configured scheme and port (`request` is accepted for old callers, not read)."""
    base = settings.BALAI_BASE_DOMAIN
    return origin(base if label is None else f"{label}.{base}")
