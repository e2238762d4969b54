from django.http import Http404
from django.shortcuts import render

from balai.akun.access import per_host, staff_view
from balai.core.sitecache import public_page
from balai.core.tenancy import DESA, KABUPATEN, KECAMATAN

from . import chart, ekspor, samar, selectors
from .dimensi import DIMENSI, untuk


def _dimensi(request, tingkat, *, publik=False, default="umur"):
    """The dimension asked for in ?d=, if it exists at this level; 404 otherwise."""
    key = request.GET.get("d") or default
    pilihan = untuk(tingkat, publik=publik)
    dim = DIMENSI.get(key)
    if dim not in pilihan:
        raise Http404("Dimensi statistik tidak dikenal.")
    return dim, pilihan


def _grafik(tabel):
    if tabel.tidak_dirinci:
        return {}
    if tabel.dimensi.key == "umur":
        return {"piramida": chart.piramida(tabel)}
    return {"batang": chart.batang(tabel)}


def _unduh(request, tabel, rincian=None):
    fmt = request.GET.get("format")
    if fmt == "csv":
        return ekspor.csv_response(tabel, rincian)
    if fmt == "xlsx":
        return ekspor.xlsx_response(tabel, rincian)
    return None


# --- village back office ---------------------------------------------------------------------


@staff_view(DESA)
def desa(request):
    dim, pilihan = _dimensi(request, DESA)
    tabel = selectors.penduduk_stats(desa=request.desa, dimensi=dim)
    response = _unduh(request, tabel)
    if response is not None:
        return response
    context = {"tabel": tabel, "pilihan": pilihan, "dim": dim, **_grafik(tabel)}
    htmx = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    template = "statistik/partials/tabel.html" if htmx else "statistik/desa.html"
    return render(request, template, context)


# --- kecamatan and kabupaten back offices ----------------------------------------------------


def _wilayah(request, tingkat, **region):
    dim, pilihan = _dimensi(request, tingkat)
    rincian = selectors.per_desa(dimensi=dim, **region)
    tabel = rincian["tabel"]
    response = _unduh(request, tabel, rincian)
    if response is not None:
        return response
    context = {"tabel": tabel, "rincian": rincian, "pilihan": pilihan, "dim": dim, **_grafik(tabel)}
    return render(request, "statistik/wilayah.html", context)


@staff_view(KECAMATAN)
def kecamatan(request):
    return _wilayah(request, "kecamatan", kecamatan=request.kecamatan)


@staff_view(KABUPATEN)
def kabupaten(request):
    return _wilayah(request, "kabupaten", kabupaten=request.kabupaten)


wilayah = per_host(kecamatan=kecamatan, kabupaten=kabupaten)


# --- public village page ---------------------------------------------------------------------


@public_page(params=("d",))
def publik(request):
    if request.tenant is None or request.tenant.kind != DESA:
        raise Http404
    dim, pilihan = _dimensi(request, DESA, publik=True)
    tabel = selectors.penduduk_stats(desa=request.desa, dimensi=dim)
    if dim.sensitif:
        tabel = samar.samarkan(tabel)
    context = {
        "tabel": tabel,
        "pilihan": pilihan,
        "dim": dim,
        "ringkasan": selectors.ringkasan(desa=request.desa),
        **_grafik(tabel),
    }
    return render(request, "statistik/publik.html", context)
