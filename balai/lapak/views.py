"""Public market pages. `/lapak/` is the village's market on a village host, and the market of
all villages on the kabupaten portal (of the kecamatan's villages on a kecamatan portal). Pages
are cached for anonymous visitors (public_page); the two counting addresses are not: the order
button's redirect and the view counter (a 1×1 picture the product page loads)."""

import base64
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from balai.core import pencarian
from balai.core.sitecache import public_page
from balai.core.tenancy import DESA, KABUPATEN, KECAMATAN, site_url
from balai.wilayah.models import Desa, Kecamatan

from . import selectors, services
from .forms import baca_rupiah
from .models import Kategori

PARAMS_PASAR = ("q", "kategori", "kecamatan", "desa", "min", "maks", "urut", "halaman")


def _desa(request):
    if request.tenant is None or request.tenant.kind != DESA:
        raise Http404
    return request.desa


@require_GET
@public_page(params=PARAMS_PASAR)
def pasar(request):
    kind = request.tenant.kind if request.tenant is not None else None
    if kind == DESA:
        return _pasar_desa(request)
    if kind in (KABUPATEN, KECAMATAN):
        return _pasar_wilayah(request)
    raise Http404


def _pasar_desa(request):
    desa = request.desa
    kategori = None
    if request.GET.get("kategori"):
        kategori = Kategori.objects.filter(kabupaten_id=request.kabupaten.pk, slug=request.GET["kategori"]).first()
    q = pencarian.bersihkan(request.GET.get("q", ""))
    page = selectors.pasar_desa(desa=desa, q=q, kategori=kategori, halaman=request.GET.get("halaman"))
    context = {
        "page": page,
        "q": q,
        "kategori": kategori,
        "kategori_list": selectors.kategori_desa(desa=desa),
        "pasar_kabupaten": site_url() + reverse("lapak:pasar"),
    }
    return render(request, "lapak/pasar_desa.html", context)


def _harga(teks):
    try:
        return baca_rupiah(teks) if teks else None
    except ValidationError:
        return None


def _saring(request):
    """The market filters of the query string; a value that names nothing is dropped."""
    get, kabupaten_id = request.GET, request.kabupaten.pk
    saring = selectors.Saring(q=pencarian.bersihkan(get.get("q", "")), urut=get.get("urut", "relevan"))
    if saring.urut not in selectors.URUTAN:
        saring.urut = "relevan"
    if get.get("kategori"):
        saring.kategori = Kategori.objects.filter(kabupaten_id=kabupaten_id, slug=get["kategori"]).first()
    if request.tenant.kind == KECAMATAN:
        saring.kecamatan = request.kecamatan
    elif get.get("kecamatan"):
        saring.kecamatan = Kecamatan.objects.filter(kabupaten_id=kabupaten_id, slug=get["kecamatan"]).first()
    if get.get("desa") and saring.kecamatan is not None:
        saring.desa = Desa.objects.filter(kecamatan=saring.kecamatan, slug=get["desa"], aktif=True).first()
    saring.harga_min, saring.harga_maks = _harga(get.get("min")), _harga(get.get("maks"))
    return saring


def _pasar_wilayah(request):
    kabupaten_id = request.kabupaten.pk
    saring = _saring(request)
    page = selectors.pasar_wilayah(kabupaten_id=kabupaten_id, saring=saring, halaman=request.GET.get("halaman"))
    for produk in page:
        produk.url = selectors.url_produk(produk)
    desa_list = []
    if saring.kecamatan is not None:
        desa_list = list(Desa.objects.filter(kecamatan=saring.kecamatan, aktif=True).only("nama", "slug", "jenis"))
    context = {
        "page": page,
        "saring": saring,
        "urutan": selectors.URUTAN,
        "kategori_list": selectors.kategori_aktif(kabupaten_id=kabupaten_id),
        "kecamatan_list": []
        if request.tenant.kind == KECAMATAN
        else list(Kecamatan.objects.filter(kabupaten_id=kabupaten_id).only("nama", "slug")),
        "desa_list": desa_list,
        "query": _query_tanpa_halaman(request),
    }
    return render(request, "lapak/pasar_wilayah.html", context)


def _query_tanpa_halaman(request):
    query = request.GET.copy()
    query.pop("halaman", None)
    return query.urlencode()


@require_GET
@public_page
def produk(request, slug):
    desa = _desa(request)
    item = selectors.produk_detail(desa=desa, slug=slug)
    if item is None:
        raise Http404
    context = {
        "produk": item,
        "pelapak": item.pelapak,
        "lain": selectors.produk_lain(produk=item),
        "wa_url": _wa_url(request, item),
        "og_deskripsi": _og_deskripsi(request, item),
    }
    return render(request, "lapak/produk.html", context)


def _og_deskripsi(request, produk):
    """What a link shared in a WhatsApp group shows under the title: price first."""
    harga = f"Rp {produk.harga:,}".replace(",", ".")
    teks = f"{harga} per {produk.satuan} · {produk.pelapak.nama}, {request.desa}."
    if produk.deskripsi:
        teks += " " + truncatechars(" ".join(produk.deskripsi.split()), 160)
    return teks


def _wa_url(request, produk):
    """wa.me with the order message filled in: product, price and the page's address."""
    halaman = selectors.url_produk(produk)
    harga = f"Rp {produk.harga:,}".replace(",", ".")
    teks = (
        f"Halo {produk.pelapak.nama}, saya ingin memesan {produk.nama} ({harga} per {produk.satuan}) "
        f"dari Lapak {request.desa}. {halaman}"
    )
    return f"https://wa.me/{produk.pelapak.whatsapp}?text={quote(teks)}"


def _tidak_disimpan(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# A form on a cached page cannot carry a CSRF token, and a forged press only adds one to a counter.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def pesan(request, slug):
    """The "Pesan lewat WhatsApp" button (a link, or a form's POST): count one order click (the
    product and the day only) and send the buyer on to WhatsApp. Never cached, so every press
    is counted."""
    item = selectors.produk_detail(desa=_desa(request), slug=slug)
    if item is None:
        raise Http404
    services.catat(produk=item, kolom="dipesan")
    return _tidak_disimpan(HttpResponseRedirect(_wa_url(request, item)))


# The smallest transparent GIF.
PIKSEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
def lihat(request, slug):
    """Counts one view of a product page: the page (served from the cache) loads this picture."""
    item = selectors.produk_publik(desa=_desa(request)).filter(slug=slug).only("pk", "desa_id").first()
    if item is None:
        raise Http404
    services.catat(produk=item, kolom="dilihat")
    return _tidak_disimpan(HttpResponse(PIKSEL, content_type="image/gif"))
