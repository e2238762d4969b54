"""The kabupaten's table of every village's latest publication, as CSV and XLSX."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

from balai.core.spreadsheet import csv_text, xlsx_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KOLOM = ["Kode", "Desa/kelurahan", "Kecamatan", "Terbitan terakhir", "Hari sejak terbit", "Status"]


def _baris(villages):
    for d in villages:
        terakhir = timezone.localtime(d.terakhir).replace(tzinfo=None) if d.terakhir else None
        status = "belum pernah terbit" if d.terakhir is None else ("basi" if d.basi else "segar")
        yield [d.kode, d.nama, d.kecamatan.nama, terakhir, d.hari, status]


def _nama_berkas(ext):
    return f"kesegaran-situs-desa-{timezone.localdate():%Y-%m-%d}.{ext}"


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(villages):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(KOLOM)
    for row in _baris(villages):
        row[3] = row[3].strftime("%Y-%m-%d %H:%M") if row[3] else ""
        writer.writerow([csv_text("" if v is None else v) for v in row])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, _nama_berkas("csv"))


def xlsx_response(villages):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Kesegaran situs")
    ws.append(xlsx_row(ws, KOLOM))
    for row in _baris(villages):
        if row[3] is not None:
            cell = WriteOnlyCell(ws, value=row[3])
            cell.number_format = "yyyy-mm-dd hh:mm"
            row[3] = cell
        ws.append(xlsx_row(ws, row))
    buf = io.BytesIO()
    wb.save(buf)
    return _attachment(HttpResponse(buf.getvalue(), content_type=XLSX), _nama_berkas("xlsx"))
