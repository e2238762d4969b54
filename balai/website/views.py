from django.http import Http404
from django.shortcuts import render

from balai.core.tenancy import DESA, KABUPATEN, KECAMATAN
from balai.wilayah.models import Desa, Kecamatan
from balai.wilayah.selectors import wilayah_counts


def beranda(request):
    """The front page of whichever site this host is."""
    kind = request.tenant.kind
    if kind == DESA:
        return desa_beranda(request)
    if kind == KECAMATAN:
        return kecamatan_beranda(request)
    if kind == KABUPATEN:
        return kabupaten_beranda(request)
    raise Http404


def desa_beranda(request):
    return render(request, "website/desa_beranda.html", {"wilayah": wilayah_counts(desa=request.desa)})


def kecamatan_beranda(request):
    villages = Desa.objects.filter(kecamatan=request.kecamatan, aktif=True).order_by("nama")
    return render(request, "website/kecamatan_beranda.html", {"villages": villages})


def kabupaten_beranda(request):
    kecamatan = Kecamatan.objects.filter(kabupaten=request.kabupaten).order_by("nama")
    villages = Desa.objects.filter(kecamatan__kabupaten=request.kabupaten, aktif=True).order_by("nama")
    by_kecamatan = {k.pk: [] for k in kecamatan}
    for d in villages:
        by_kecamatan[d.kecamatan_id].append(d)
    directory = [(k, by_kecamatan[k.pk]) for k in kecamatan]
    return render(request, "website/kabupaten_beranda.html", {"directory": directory, "jumlah": len(villages)})
