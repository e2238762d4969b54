"""The kecamatan's and the kabupaten's view of their villages' information service: DIP
completeness, open and overdue requests, average response time; with an xlsx export."""

from django.shortcuts import render

from balai.akun.access import per_host, staff_view
from balai.core.tenancy import KABUPATEN, KECAMATAN

from . import ekspor, selectors


def _halaman(request):
    baris = selectors.ringkasan_per_desa(selectors.desa_wilayah(request))
    if request.GET.get("format") == "xlsx":
        return ekspor.xlsx_response(ekspor.ringkasan_wilayah(baris), "ppid-desa.xlsx")
    return render(request, "ppid/wilayah.html", {"baris": baris})


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def kecamatan(request):
    return _halaman(request)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kabupaten(request):
    return _halaman(request)


wilayah = per_host(kecamatan=kecamatan, kabupaten=kabupaten)
