"""The upward view: per village of a kecamatan (its host) or of the kabupaten (/dasbor/),
whether this year's APBDes is published and how far it is realised, with an xlsx export."""

from django.shortcuts import render
from django.utils import timezone

from balai.akun.access import per_host, staff_view
from balai.core.tenancy import KABUPATEN, KECAMATAN

from . import ekspor, selectors


def _tahun(request):
    now = timezone.localdate().year
    try:
        tahun = int(request.GET.get("tahun", now))
    except ValueError:
        tahun = now
    return tahun if 2015 <= tahun <= now + 1 else now


def _rekap(request):
    tahun = _tahun(request)
    if request.tenant.kind == KECAMATAN:
        return tahun, selectors.rekap_wilayah(tahun=tahun, kecamatan=request.kecamatan), request.tenant.name
    return tahun, selectors.rekap_wilayah(tahun=tahun, kabupaten=request.kabupaten), request.tenant.name


def _halaman(request):
    tahun, rekap, nama = _rekap(request)
    if request.GET.get("format") == "xlsx":
        return ekspor.rekap_xlsx_response(rekap, tahun, nama)
    now = timezone.localdate().year
    context = {
        "tahun": tahun,
        "pilihan_tahun": range(now + 1, now - 5, -1),
        "rekap": rekap,
        "ringkas": selectors.ringkas_rekap(rekap),
        "per_kecamatan": request.tenant.kind == KABUPATEN,
    }
    return render(request, "keuangan/dasbor.html", context)


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def dasbor_kecamatan(request):
    return _halaman(request)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def dasbor_kabupaten(request):
    return _halaman(request)


dasbor = per_host(kecamatan=dasbor_kecamatan, kabupaten=dasbor_kabupaten)


def widget_wilayah(request):
    """Kecamatan and kabupaten dashboards: how many villages published this year's APBDes."""
    tahun = timezone.localdate().year
    if request.tenant.kind == KECAMATAN:
        rekap = selectors.rekap_wilayah(tahun=tahun, kecamatan=request.kecamatan)
    else:
        rekap = selectors.rekap_wilayah(tahun=tahun, kabupaten=request.kabupaten)
    return {"tahun": tahun, "ringkas": selectors.ringkas_rekap(rekap)}
