"""The monthly recap as a spreadsheet (openpyxl) and as a PDF (ReportLab) with the kepala desa's
signature block, for the village's files and the kecamatan's."""

import io
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from balai.core.spreadsheet import xlsx_row

from .selectors import BULAN, KOLOM

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _wilayah(desa, kecamatan):
    return f"Desa {desa.nama}" if desa is not None else f"Kecamatan {kecamatan.nama}"


def _nama_berkas(rekap, desa, kecamatan, ext):
    return f"rekap-kehadiran-{slugify(_wilayah(desa, kecamatan))}-{rekap.tahun}-{rekap.bulan:02d}.{ext}"


def _kepala_kolom(desa):
    return (
        ["No", "Nama" if desa is not None else "Desa", "Jabatan" if desa is not None else "Keterangan"]
        + [label for _, label in KOLOM]
        + ["Hari kerja", "% hadir"]
    )


def _baris(rekap):
    for i, b in enumerate(rekap.baris, 1):
        yield [i, b.label, b.keterangan, *b.sel, b.hari_kerja, b.persen_hadir]
    t = rekap.total
    yield ["", t.label, "", *t.sel, t.hari_kerja, t.persen_hadir]


def _attachment(response, nama):
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


def xlsx_response(rekap, *, desa=None, kecamatan=None):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"{BULAN[rekap.bulan - 1]} {rekap.tahun}")
    ws.append(xlsx_row(ws, [f"Rekap kehadiran perangkat {_wilayah(desa, kecamatan)}, {rekap.judul}"]))
    ws.append(xlsx_row(ws, [f"Hari kerja dihitung: {len(rekap.hari_kerja)}"]))
    ws.append([])
    ws.append(xlsx_row(ws, _kepala_kolom(desa)))
    for row in _baris(rekap):
        ws.append(xlsx_row(ws, row))
    buf = io.BytesIO()
    wb.save(buf)
    return _attachment(HttpResponse(buf.getvalue(), content_type=XLSX), _nama_berkas(rekap, desa, kecamatan, "xlsx"))


def pdf_bytes(rekap, *, desa=None, kecamatan=None, penanda_tangan=None, tanggal=None):
    tanggal = tanggal or timezone.localdate()
    gaya = getSampleStyleSheet()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Rekap kehadiran {_wilayah(desa, kecamatan)} {rekap.judul}",
    )
    judul = f"REKAP KEHADIRAN PERANGKAT {_wilayah(desa, kecamatan).upper()}"
    isi = [
        Paragraph(escape(judul), gaya["Title"]),
        Paragraph(escape(f"Bulan {rekap.judul} · {len(rekap.hari_kerja)} hari kerja dihitung"), gaya["Normal"]),
        Spacer(1, 6 * mm),
    ]
    sel = gaya["BodyText"].clone("sel", fontSize=8, leading=10)
    data = [[Paragraph(escape(str(k)), sel) for k in _kepala_kolom(desa)]]
    data += [[Paragraph(escape(str(v)), sel) for v in row] for row in _baris(rekap)]
    # "Tanpa keterangan" is the one long heading: wide enough to break between its words only.
    lebar = [10 * mm, 50 * mm, 36 * mm] + [16 * mm] * (len(KOLOM) - 1) + [25 * mm, 17 * mm, 14 * mm]
    tabel = Table(data, colWidths=lebar, repeatRows=1)
    tabel.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f4f6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    isi.append(tabel)
    if desa is not None:
        isi += _tanda_tangan(desa, penanda_tangan, tanggal, gaya)
    doc.build(isi)
    return buf.getvalue()


def _tanda_tangan(desa, perangkat, tanggal, gaya):
    """Place, date, office, room to sign and the kepala desa's name (and NIP when there is one)."""
    kanan = gaya["Normal"].clone("ttd", alignment=1)
    nama = perangkat.nama if perangkat is not None else "...................................."
    jabatan = perangkat.jabatan if perangkat is not None else f"{desa.sebutan_kepala}"
    baris = [
        f"{desa.nama}, {tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}",
        f"{jabatan} {desa.nama}",
    ]
    blok = [Paragraph(escape(t), kanan) for t in baris]
    blok += [Spacer(1, 18 * mm), Paragraph(f"<u><b>{escape(nama)}</b></u>", kanan)]
    if perangkat is not None and perangkat.nip:
        blok.append(Paragraph(escape(f"NIP. {perangkat.nip}"), kanan))
    ttd = Table([["", blok]], colWidths=[170 * mm, 90 * mm])
    return [Spacer(1, 10 * mm), ttd]


def pdf_response(rekap, *, desa=None, kecamatan=None, penanda_tangan=None):
    data = pdf_bytes(rekap, desa=desa, kecamatan=kecamatan, penanda_tangan=penanda_tangan)
    return _attachment(HttpResponse(data, content_type="application/pdf"), _nama_berkas(rekap, desa, kecamatan, "pdf"))
