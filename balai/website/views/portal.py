"""Front pages of whichever site a host is, and the kabupaten and kecamatan portals."""

from django.http import Http404
from django.shortcuts import render

from balai.core import pencarian
from balai.core.halaman import halaman_dari
from balai.core.sitecache import public_page
from balai.core.tenancy import DESA, KABUPATEN, KECAMATAN
from balai.wilayah.models import Desa

from .. import selectors
from .publik import desa_beranda, desa_cari


@public_page
def beranda(request):
    kind = request.tenant.kind
    if kind == DESA:
        return desa_beranda(request)
    if kind == KECAMATAN:
        return kecamatan_beranda(request)
    if kind == KABUPATEN:
        return kabupaten_beranda(request)
    raise Http404


def kecamatan_beranda(request):
    profil = selectors.profil_kecamatan(kecamatan=request.kecamatan)
    berita = selectors.berita_lintas_desa(desa_ids=[d.pk for d in profil["villages"]], limit=10)
    return render(request, "website/kecamatan_beranda.html", {**profil, "berita": berita})


def kabupaten_beranda(request):
    directory = selectors.direktori(kabupaten=request.kabupaten)
    context = {
        "directory": directory,
        "jumlah": sum(len(v) for _k, v in directory),
        "berita": selectors.berita_lintas_desa(limit=12),
    }
    return render(request, "website/kabupaten_beranda.html", context)


@public_page(params=("q", "halaman", "jenis"))
def cari(request):
    """Search across all villages (kabupaten host) or the villages of a kecamatan; on a village
    host, search of that village's site. The matching villages (kabupaten) are paged with
    ?halaman=; the news list stays on the first page."""
    kind, q = request.tenant.kind, pencarian.bersihkan(request.GET.get("q", ""))
    if kind == DESA:
        return desa_cari(request, q)
    desa_ids, page = None, None
    if kind == KECAMATAN:
        desa_ids = list(Desa.objects.filter(kecamatan=request.kecamatan, aktif=True).values_list("pk", flat=True))
    if kind == KABUPATEN and q.strip():
        villages = selectors.cari_desa(kabupaten=request.kabupaten, q=q)
        page = halaman_dari(villages, selectors.PER_HALAMAN_DESA, request.GET.get("halaman"))
    halaman_pertama = page is None or page.number == 1
    context = {
        "q": q,
        "berita": selectors.berita_lintas_desa(desa_ids=desa_ids, limit=30, q=q)
        if q.strip() and halaman_pertama
        else [],
        "halaman_pertama": halaman_pertama,
        "page": page,
    }
    return render(request, "website/cari.html", context)
