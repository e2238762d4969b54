"""Downloads of a published APBDes: the table as xlsx (numbers as numbers, for whoever wants
to add them up) and a PDF of the summary and the lines (ReportLab)."""

import io
from functools import lru_cache

from django.http import HttpResponse

from balai.core.spreadsheet import xlsx_row

from . import kode as k
from .rancangan import rp

REKAP_KOLOM = [
    "kecamatan",
    "desa",
    "kode desa",
    "APBDes ada",
    "diterbitkan",
    "versi",
    "pendapatan (Rp)",
    "realisasi pendapatan (Rp)",
    "belanja (Rp)",
    "realisasi belanja (Rp)",
    "realisasi belanja (%)",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _nama_berkas(desa, apbdes, ext):
    return f"apbdes-{desa.slug}-{apbdes.tahun}{'-p' + str(apbdes.versi) if apbdes.versi else ''}.{ext}"


def baris_tabel(data):
    """The table rows of a version: (level, kode, uraian, sumber dana, anggaran, realisasi,
    persen), headings of jenis, bidang and kegiatan included."""
    rows = []
    total = {k.PENDAPATAN: data["total_pendapatan"], k.BELANJA: data["total_belanja"]}
    lines = data["baris"]
    for jenis, label in k.JENIS.items():
        mine = [b for b in lines if b.jenis == jenis]
        if not mine:
            continue
        t = total.get(jenis)
        rows.append(
            (
                0,
                jenis,
                label.upper(),
                "",
                t.anggaran if t else None,
                t.realisasi if t else None,
                t.persen if t else None,
            )
        )
        if jenis == k.BELANJA:
            for bidang in data["bidang"]:
                rows.append(
                    (1, bidang.kode, f"Bidang {bidang.label}", "", bidang.anggaran, bidang.realisasi, bidang.persen)
                )
                for sub in bidang.anak:
                    for keg in sub.anak:
                        rows.append((2, keg.kode, keg.label, keg.sumber_dana, keg.anggaran, keg.realisasi, keg.persen))
                        for b in keg.anak:
                            rows.append(_line(b, 3))
        else:
            rows.extend(_line(b, 1) for b in mine)
    return rows


def _line(b, level):
    from .selectors import persen

    real = b.realisasi_total or 0
    return (level, b.kode, b.uraian, b.sumber_dana, b.anggaran, real, persen(real, b.anggaran))


def xlsx_response(desa, data):
    from openpyxl import Workbook

    apbdes = data["apbdes"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("APBDes")
    ws.append([f"{apbdes.nama_versi} {apbdes.tahun} · Desa {desa.nama}"])
    ws.append(["kode", "uraian", "sumber dana", "anggaran (Rp)", "realisasi (Rp)", "realisasi (%)"])
    for level, kode, uraian, sumber, anggaran, realisasi, persen in baris_tabel(data):
        ws.append(xlsx_row(ws, [kode, "  " * level + uraian, sumber, anggaran, realisasi, persen]))
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_nama_berkas(desa, apbdes, "xlsx")}"'
    return response


@lru_cache(maxsize=1)
def _huruf():
    """DejaVu Sans when the system has it, else the Vera that ships with ReportLab."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for nama, biasa, tebal in (
        ("DejaVuSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("Vera", "Vera.ttf", "VeraBd.ttf"),
    ):
        try:
            pdfmetrics.registerFont(TTFont(nama, biasa))
            pdfmetrics.registerFont(TTFont(f"{nama}-Bold", tebal))
        except TTFError:
            continue
        return nama, f"{nama}-Bold"
    raise RuntimeError("No TrueType font for the APBDes PDF")


def pdf_bytes(desa, data):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    biasa, tebal = _huruf()
    apbdes = data["apbdes"]
    judul = ParagraphStyle("judul", fontName=tebal, fontSize=13, leading=16)
    teks = ParagraphStyle("teks", fontName=biasa, fontSize=7.5, leading=9)
    teks_tebal = ParagraphStyle("tebal", parent=teks, fontName=tebal)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
        title=f"{apbdes.nama_versi} {apbdes.tahun} Desa {desa.nama}", author=f"Pemerintah Desa {desa.nama}",
    )  # fmt: skip
    isi = [
        Paragraph(f"{apbdes.nama_versi} Tahun Anggaran {apbdes.tahun}", judul),
        Paragraph(f"Desa {desa.nama}, Kecamatan {desa.kecamatan.nama}" + (
            f" · Perdes {apbdes.nomor_perdes}" if apbdes.nomor_perdes else ""), teks),
        Spacer(1, 4 * mm),
    ]  # fmt: skip
    ringkas = [
        ["", "Anggaran", "Realisasi", "%"],
        ["Pendapatan", *_angka(data["total_pendapatan"])],
        ["Belanja", *_angka(data["total_belanja"])],
        ["Surplus/(defisit)", rp(data["surplus"]), "", ""],
        ["Pembiayaan netto", rp(data["pembiayaan_netto"]), "", ""],
    ]
    isi.append(_tabel(ringkas, [50 * mm, 45 * mm, 45 * mm, 20 * mm], biasa, tebal))
    isi.append(Spacer(1, 5 * mm))
    rows = [["Kode", "Uraian", "SD", "Anggaran", "Realisasi", "%"]]
    styles = []
    for i, (level, kode, uraian, sumber, anggaran, realisasi, persen) in enumerate(baris_tabel(data), start=1):
        style = teks_tebal if level < 3 and (level == 0 or len(kode) <= 1 or level == 2) else teks
        rows.append([kode, Paragraph("&nbsp;&nbsp;" * level + _esc(uraian), style), sumber,
                     rp(anggaran) if anggaran is not None else "", rp(realisasi) if realisasi is not None else "",
                     "" if persen is None else f"{persen:.1f}".replace(".", ",")])  # fmt: skip
        if level == 0:
            styles.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#e8eef3")))
    t = _tabel(rows, [18 * mm, 76 * mm, 12 * mm, 29 * mm, 29 * mm, 12 * mm], biasa, tebal, extra=styles)
    isi.append(t)
    isi.append(Spacer(1, 4 * mm))
    isi.append(Paragraph("SD: sumber dana. " + "; ".join(f"{a} = {b}" for a, b in k.SUMBER_DANA.items()) + ".", teks))
    doc.build(isi)
    return out.getvalue()


def _esc(teks):
    return str(teks).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _angka(pos):
    persen = pos.persen
    return [rp(pos.anggaran), rp(pos.realisasi), "" if persen is None else f"{persen:.1f}".replace(".", ",")]


def _tabel(rows, widths, biasa, tebal, extra=()):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), biasa, 7.5),
                ("FONT", (0, 0), (-1, 0), tebal, 7.5),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (-3, 1), (-1, -1), "RIGHT"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d5dde5")),
                *extra,
            ]
        )
    )
    return t


def pdf_response(desa, data):
    response = HttpResponse(pdf_bytes(desa, data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_nama_berkas(desa, data["apbdes"], "pdf")}"'
    return response


def rekap_xlsx_response(rekap, tahun, nama_wilayah):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"APBDes {tahun}")
    ws.append([f"APBDes {tahun} per desa · {nama_wilayah}"])
    ws.append(REKAP_KOLOM)
    for r in rekap:
        ws.append(
            xlsx_row(
                ws,
                [r.desa.kecamatan.nama, r.desa.nama, r.desa.kode, "ya" if r.ada else "tidak",
                 "ya" if r.terbit else "tidak", r.versi, r.pendapatan, r.realisasi_pendapatan, r.belanja,
                 r.realisasi_belanja, r.persen_belanja],
            )
        )  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="apbdes-{tahun}-per-desa.xlsx"'
    return response
