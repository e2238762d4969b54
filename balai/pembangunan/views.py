"""Public pages on a village host: /pembangunan/ and a page per project. Anonymous GETs are
cached per site version (sitecache.public_page); the services bump it on every change."""

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from balai.akun.access import can_use_host, pending_step
from balai.core.halaman import halaman_dari
from balai.core.sitecache import public_page
from balai.core.tenancy import DESA

from . import peta, selectors
from .filters import ProyekFilter
from .models import Proyek

PER_HALAMAN = 12


def _desa(request):
    if request.tenant is None or request.tenant.kind != DESA:
        raise Http404
    return request.desa


def _pratinjau(request):
    """Staff who manage the village's projects may open an unpublished one (never cached:
    public_page skips signed-in users)."""
    user = request.user
    if not can_use_host(user, request.tenant) or pending_step(request):
        return False
    return user.punya_izin("keuangan.kelola")


@require_GET
@public_page(params=(*ProyekFilter.PARAMS, "halaman"))
def daftar(request):
    desa = _desa(request)
    filter_form = ProyekFilter(request.GET, desa=desa, tahun_pilihan=selectors.tahun_ada(desa=desa))
    qs = filter_form.filter(selectors.proyek_terbit(desa=desa))
    page = halaman_dari(
        selectors.dengan_lokasi(qs).order_by("-tahun", "-diperbarui", "-pk"), PER_HALAMAN, request.GET.get("halaman")
    )
    page.object_list = selectors.dengan_sampul(page.object_list)
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {
        "page": page,
        "filter": filter_form,
        "query": query.urlencode(),
        "ringkasan": selectors.ringkasan(desa=desa, qs=qs),
    }
    return render(request, "pembangunan/daftar.html", context)


def _tile_server_allowed(view):
    """With a tile server configured, the page may load its tiles (img-src). Outside the page
    cache, so a page served from the cache carries the permission too."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        origin = peta.tile_origin()
        if origin:
            response._csp_update = {"img-src": [origin]}
        return response

    return wrapped


@_tile_server_allowed
@require_GET
@public_page
def detail(request, slug):
    desa = _desa(request)
    qs = Proyek.objects.filter(desa=desa) if _pratinjau(request) else selectors.proyek_terbit(desa=desa)
    proyek = get_object_or_404(selectors.dengan_lokasi(qs), slug=slug)
    context = {
        "proyek": proyek,
        "timeline": selectors.timeline(proyek=proyek),
        "osm": peta.osm_url(proyek.lat, proyek.lng) if proyek.titik else None,
        "peta": peta.peta_statis(proyek.lat, proyek.lng),
    }
    return render(request, "pembangunan/detail.html", context)
