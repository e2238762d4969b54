"""PDF (WeasyPrint, A4 landscape) and XLSX (openpyxl write-only, spooled to a temporary file)."""

import tempfile

from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

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


def pdf_bytes(buku, request=None):
    from weasyprint import HTML

    html = render_to_string(
        "laporan/pdf.html",
        {
            "buku": buku,
            "baris": buku.baris(),
            "kop": kop(buku.desa),
            "tanggal": timezone.localdate(),
            "desa": buku.desa,
        },
    )
    base = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base).write_pdf()


def pdf_response(buku, request=None):
    response = HttpResponse(pdf_bytes(buku, request), content_type="application/pdf")
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
    for row in buku.baris():
        ws.append(row)
    tmp = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    wb.save(tmp)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=nama_berkas(buku, "xlsx"), content_type=XLSX)
