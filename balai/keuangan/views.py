"""Public APBDes pages on a village host: /apbdes/ (the newest published year), /apbdes/<tahun>/
and its downloads. Cached for anonymous visitors per site version (services bump it); two
queries for the data whatever the number of lines."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from balai.core.sitecache import public_page
from balai.core.tenancy import DESA

from . import ekspor, grafik, selectors


def _desa(request):
    if request.tenant is None or request.tenant.kind != DESA:
        raise Http404
    return request.desa


def _data(request, tahun):
    desa = _desa(request)
    apbdes, semua = selectors.apbdes_publik(desa=desa, tahun=tahun)
    if apbdes is None and tahun is not None:
        raise Http404("APBDes tahun ini belum diterbitkan.")
    return desa, apbdes, semua


@require_GET
@public_page
def publik(request, tahun=None):
    desa, apbdes, semua = _data(request, tahun)
    context = {"apbdes": apbdes, "semua": semua}
    if apbdes is not None:
        data = selectors.ringkasan(apbdes)
        context.update(
            data,
            grafik_pendapatan=grafik.komposisi(data["pendapatan"]),
            grafik_pendapatan_batang=grafik.batang(data["pendapatan"]),
            grafik_bidang=grafik.batang(data["bidang"]),
            grafik_pembiayaan=grafik.batang([p for p in data["pembiayaan"] if p.anggaran or p.realisasi]),
            tabel=ekspor.baris_tabel(data),
        )
    return render(request, "keuangan/publik.html", context)


@require_GET
@public_page
def unduh_xlsx(request, tahun):
    desa, apbdes, _semua = _data(request, tahun)
    return ekspor.xlsx_response(desa, selectors.ringkasan(apbdes))


@require_GET
@public_page
def unduh_pdf(request, tahun):
    desa, apbdes, _semua = _data(request, tahun)
    return ekspor.pdf_response(desa, selectors.ringkasan(apbdes))
