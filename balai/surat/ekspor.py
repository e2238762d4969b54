"""The letter registers as files: Buku Agenda Surat Keluar and the register of incoming mail,
as xlsx (openpyxl write-only, every text cell through core.spreadsheet.xlsx_row) and as a
landscape PDF (WeasyPrint, surat/register/cetak.html)."""

import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.template.loader import render_to_string
from openpyxl import Workbook

from balai.core.spreadsheet import xlsx_row

from .pdf import render_html

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Register:
    judul: str
    kolom: list
    baris: list  # lists of cell values, in kolom's order


def _tanggal(d):
    return d.strftime("%d-%m-%Y") if d else ""


def agenda_keluar(desa, tahun, surat) -> Register:
    kolom = ["No.", "Nomor surat", "Tanggal", "Jenis surat", "Untuk", "Penanda tangan", "Status"]
    baris = [
        [
            i,
            s.nomor_lengkap,
            _tanggal(s.tanggal_surat),
            s.spec.nama,
            s.penduduk.nama if s.penduduk else "",
            penanda_tangan(s),
            s.get_status_display(),
        ]  # fmt: skip
        for i, s in enumerate(surat, 1)
    ]
    return Register(f"Buku Agenda Surat Keluar {desa.nama} {tahun}", kolom, baris)


def surat_masuk(desa, tahun, daftar) -> Register:
    kolom = [
        "No. agenda", "Tanggal terima", "Nomor surat", "Tanggal surat", "Pengirim", "Perihal", "Disposisi kepada",
        "Isi disposisi", "Tindak lanjut", "Status",
    ]  # fmt: skip
    baris = [
        [
            m.nomor_agenda,
            _tanggal(m.tanggal_terima),
            m.nomor_surat,
            _tanggal(m.tanggal_surat),
            m.pengirim,
            m.perihal,
            m.disposisi_kepada.nama if m.disposisi_kepada else "",
            m.isi_disposisi,
            m.tindak_lanjut,
            m.get_status_display(),
        ]  # fmt: skip
        for m in daftar
    ]
    return Register(f"Buku Agenda Surat Masuk {desa.nama} {tahun}", kolom, baris)


def penanda_tangan(surat) -> str:
    ttd = surat.penanda_tangan
    if ttd is None:
        return ""
    return f"{surat.atas_nama} {ttd.nama} ({ttd.jabatan})".strip()


def xlsx_response(reg: Register, filename):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Register")
    ws.append(xlsx_row(ws, [reg.judul]))
    ws.append(xlsx_row(ws, reg.kolom))
    for row in reg.baris:
        ws.append(xlsx_row(ws, row))
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_response(reg: Register, filename):
    html = render_to_string("surat/register/cetak.html", {"reg": reg})
    response = HttpResponse(render_html(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
