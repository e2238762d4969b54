"""CSV and XLSX downloads of a statistics table (aggregates only, no personal data).

Row labels come from what villages typed (dusun names, suku): every cell goes through
`balai.core.spreadsheet` so a label like `=WEBSERVICE(...)` stays text in the kabupaten's
spreadsheet."""

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook

from balai.core.spreadsheet import csv_text, xlsx_row

KOLOM = ["Kode", "Kelompok", "Laki-laki", "Perempuan", "Jumlah", "Persen"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _baris(tabel):
    for b in tabel.baris:
        yield ["" if b.kode is None else b.kode, b.label, b.laki_laki, b.perempuan, b.jumlah, b.persen]
    t = tabel.total
    yield ["", t.label, t.laki_laki, t.perempuan, t.jumlah, t.persen]


def _rincian(rincian):
    yield ["Desa/kelurahan", "Kecamatan", *[label for _k, label in rincian["kolom"]], "Jumlah"]
    for desa, values, total in rincian["baris"]:
        yield [desa.nama, desa.kecamatan.nama, *values, total]
    yield ["JUMLAH", "", *rincian["total"], rincian["jumlah"]]


def nama_berkas(tabel, ext):
    return f"statistik-{slugify(tabel.dimensi.judul)}-{slugify(tabel.wilayah)}.{ext}"


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(tabel, rincian=None):
    out = io.StringIO()
    writer = csv.writer(out)

    def tulis(row):
        writer.writerow([csv_text(v) for v in row])

    tulis([f"Statistik penduduk: {tabel.dimensi.judul}", tabel.wilayah])
    tulis(KOLOM)
    for row in _baris(tabel):
        tulis(row)
    if rincian:
        tulis([])
        for row in _rincian(rincian):
            tulis(row)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, nama_berkas(tabel, "csv"))


def xlsx_response(tabel, rincian=None):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(tabel.dimensi.judul[:31].replace("/", "-"))
    ws.append(xlsx_row(ws, [f"Statistik penduduk: {tabel.dimensi.judul}", tabel.wilayah]))
    ws.append(xlsx_row(ws, KOLOM))
    for row in _baris(tabel):
        ws.append(xlsx_row(ws, row))
    if rincian:
        if rincian.get("per_kecamatan"):
            ws3 = wb.create_sheet("Per kecamatan")
            ws3.append(xlsx_row(ws3, ["Kecamatan", *[label for _k, label in rincian["kolom"]], "Jumlah"]))
            for kecamatan, values, total in rincian["per_kecamatan"]:
                ws3.append(xlsx_row(ws3, [kecamatan.nama, *values, total]))
            ws3.append(xlsx_row(ws3, ["JUMLAH", *rincian["total"], rincian["jumlah"]]))
        ws2 = wb.create_sheet("Per desa")
        for row in _rincian(rincian):
            ws2.append(xlsx_row(ws2, row))
    buf = io.BytesIO()
    wb.save(buf)
    return _attachment(HttpResponse(buf.getvalue(), content_type=XLSX), nama_berkas(tabel, "xlsx"))
