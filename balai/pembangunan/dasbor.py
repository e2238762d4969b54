"""The kecamatan's and the kabupaten's view of development projects: per village, how many
projects this year and how many are finished, exportable as xlsx. One URL, /dasbor/pembangunan/,
served per host kind."""

import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from balai.akun.access import per_host, staff_view
from balai.core.spreadsheet import xlsx_row
from balai.core.tenancy import KABUPATEN, KECAMATAN

from . import selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KOLOM = [
    "Kode",
    "Desa/kelurahan",
    "Kecamatan",
    "Kegiatan",
    "Selesai",
    "Sedang dikerjakan",
    "Anggaran (Rp)",
    "Rata-rata progres (%)",
]


def _tahun(request):
    teks = request.GET.get("tahun", "")
    sekarang = timezone.localdate().year
    return int(teks) if teks.isdigit() and 2000 <= int(teks) <= sekarang + 1 else sekarang


def _xlsx(villages, tahun, wilayah):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"Pembangunan {tahun}")
    ws.append(xlsx_row(ws, KOLOM))
    for d in villages:
        ws.append(
            xlsx_row(ws, [d.kode, d.nama, d.kecamatan.nama, d.jumlah, d.selesai, d.berjalan, d.anggaran, d.rata_persen])
        )
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="pembangunan-{wilayah}-{tahun}.xlsx"'
    return response


def _rekap(request, kecamatan):
    tahun = _tahun(request)
    villages = selectors.rekap_desa(kabupaten=request.kabupaten, kecamatan=kecamatan, tahun=tahun)
    if request.GET.get("format") == "xlsx":
        return _xlsx(villages, tahun, kecamatan.slug if kecamatan else request.kabupaten.slug)
    sekarang = timezone.localdate().year
    context = {
        "villages": villages,
        "total": selectors.total_rekap(villages),
        "tahun": tahun,
        "tahun_pilihan": range(sekarang + 1, sekarang - 5, -1),
        "kecamatan": kecamatan,
    }
    return render(request, "pembangunan/dasbor.html", context)


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def rekap_kecamatan(request):
    return _rekap(request, request.kecamatan)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def rekap_kabupaten(request):
    return _rekap(request, None)


rekap = per_host(kecamatan=rekap_kecamatan, kabupaten=rekap_kabupaten)
