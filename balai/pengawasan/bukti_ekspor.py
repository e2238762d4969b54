"""The SPBE/KIP evidence as XLSX and PDF: the same figures as the page, with the definitions."""

import io

from django.http import HttpResponse
from django.template.loader import render_to_string
from openpyxl import Workbook
from weasyprint import HTML

from balai.core.spreadsheet import xlsx_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _nama_berkas(data, ext):
    return f"bukti-penggunaan-sid-{data['dari']:%Y%m}-{data['sampai']:%Y%m}.{ext}"


def _unduhan(isi, content_type, nama):
    response = HttpResponse(isi, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


def _periode(data):
    return f"{data['dari']:%m/%Y} – {data['sampai']:%m/%Y}"


def xlsx(data):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Definisi")
    ws.append(xlsx_row(ws, [f"Bukti penggunaan SID: {data['wilayah']}", _periode(data)]))
    if not data["desa"]:
        ws.append(xlsx_row(ws, ["Tidak ada skor yang dihitung pada periode ini."]))
    ws.append(xlsx_row(ws, ["Desa aktif bila skor bulanan >=", data["ambang"]]))
    ws.append(
        xlsx_row(ws, ["Skor dihitung setiap hari atas 30 hari terakhir; nilai bulan = perhitungan terakhir bulan itu."])
    )
    ws.append(xlsx_row(ws, ["Bagian", "Bobot (%)"]))
    for label, bobot in data["bobot"]:
        ws.append(xlsx_row(ws, [label, bobot]))
    ws.append(xlsx_row(ws, ["Bagian", "Ukuran", "Nilai penuh pada", "Nilai nol pada", "Satuan"]))
    for d in data["definisi"]:
        ws.append(xlsx_row(ws, [d["bagian"], d["label"], d["penuh"], d["nol"], d["satuan"]]))

    ws = wb.create_sheet("Per kecamatan")
    ws.append(xlsx_row(ws, ["Kecamatan", "Bulan", "Rata-rata skor", "Desa aktif", "Desa dinilai"]))
    for k in data["kecamatan_list"]:
        for bulan, rata, aktif, n in k["ringkas"]:
            ws.append(xlsx_row(ws, [k["kecamatan"].nama, f"{bulan:%Y-%m}", rata, aktif, n]))

    ws = wb.create_sheet("Per desa")
    ws.append(
        xlsx_row(ws, ["Kode", "Desa", "Kecamatan", *[f"{b:%Y-%m}" for b in data["bulan"]], "Rata-rata", "Bulan aktif"])
    )
    for d in data["desa"]:
        skor = [d["skor"].get(b, "-") for b in data["bulan"]]
        ws.append(
            xlsx_row(ws, [d["desa"].kode, d["desa"].nama, d["desa"].kecamatan.nama, *skor, d["rata"], d["bulan_aktif"]])
        )
    buf = io.BytesIO()
    wb.save(buf)
    return _unduhan(buf.getvalue(), XLSX, _nama_berkas(data, "xlsx"))


def pdf(data, *, request):
    html = render_to_string("pengawasan/bukti_pdf.html", {"data": data, "periode": _periode(data)}, request=request)
    return _unduhan(HTML(string=html).write_pdf(), "application/pdf", _nama_berkas(data, "pdf"))
