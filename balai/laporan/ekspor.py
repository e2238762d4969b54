"""PDF (WeasyPrint, A4 landscape) and XLSX (openpyxl write-only, spooled to a temporary file)."""

import io
import tempfile
from itertools import islice

from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from balai.core.spreadsheet import xlsx_row

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


# Rows per WeasyPrint document. WeasyPrint keeps a whole document's layout in memory (about
# 0.3 MB per row of these wide tables), so long books are rendered in parts of this many rows,
# each numbered on from the last page of the previous part, and the parts joined with pypdf:
# memory stays flat whatever the length of the book, time grows linearly (about 10 ms a row).
BARIS_PER_BAGIAN = 300


def _bagian(rows, size):
    """(chunk, is_last) pairs, looking one chunk ahead."""
    it = iter(rows)
    current = list(islice(it, size))
    while True:
        following = list(islice(it, size))
        yield current, not following
        if not following:
            return
        current = following


def pdf_bytes(buku, request=None, *, baris_per_bagian=None):
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    base = request.build_absolute_uri("/") if request is not None else None
    context = {"buku": buku, "kop": kop(buku.desa), "tanggal": timezone.localdate(), "desa": buku.desa}
    parts, halaman = [], 1
    for index, (rows, last) in enumerate(_bagian(buku.baris(), baris_per_bagian or BARIS_PER_BAGIAN)):
        html = render_to_string(
            "laporan/pdf.html", {**context, "baris": rows, "awal": index == 0, "akhir": last, "halaman": halaman}
        )
        content = HTML(string=html, base_url=base).write_pdf()
        if index == 0 and last:
            return content
        reader = PdfReader(io.BytesIO(content))
        halaman += len(reader.pages)
        parts.append(reader)
    writer = PdfWriter()
    for reader in parts:
        writer.append(reader)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


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
    # Names, addresses and places come from the register as typed or imported: never formulas.
    for row in buku.baris():
        ws.append(xlsx_row(ws, row))
    tmp = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    wb.save(tmp)
    tmp.seek(0)
    return FileResponse(tmp, as_attachment=True, filename=nama_berkas(buku, "xlsx"), content_type=XLSX)
