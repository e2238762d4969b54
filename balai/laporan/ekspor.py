"""PDF (ReportLab, A4 landscape: pdf.py) and XLSX (openpyxl write-only, spooled to a temporary file)."""

import tempfile

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from balai.core.spreadsheet import xlsx_row

from . import pdf

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def nama_berkas(buku, ext):
    periode = f"-{buku.periode.tahun}-{buku.periode.bulan:02d}" if buku.berperiode else ""
    return f"{slugify(buku.judul)}-{buku.desa.slug}{periode}.{ext}"


def kop(desa):
    return {
        "kabupaten": desa.kecamatan.kabupaten.nama.upper(),
        "kecamatan": desa.kecamatan.nama.upper(),
        "desa": str(desa).upper(),
        "alamat": desa.alamat_kantor,
    }


def pdf_bytes(buku):
    return pdf.pdf_bytes(buku, kop=kop(buku.desa), tanggal=timezone.localdate())


def pdf_response(buku):
    response = HttpResponse(pdf_bytes(buku), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas(buku, "pdf")}"'
    return response


def xlsx_response(buku):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(buku.judul[:31])
    ws.append([buku.judul_lengkap()])
    ws.append([str(buku.desa), f"Kecamatan {buku.desa.kecamatan.nama}", buku.desa.kecamatan.kabupaten.nama])
    ws.append([])
    ws.append(buku.kolom_datar())
    ws.append([int(n) for n in buku.nomor_kolom()])
    # Names, addresses and places come from the register as typed or imported: never formulas.
    for row in buku.baris():
        ws.append(xlsx_row(ws, row))
    tmp = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    wb.save(tmp)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=nama_berkas(buku, "xlsx"), content_type=XLSX)
