"""The PPID registers (permohonan, keberatan, DIP) and the upward summary as rows, for the
page, the xlsx download and the PDF alike. Free text goes through balai.core.spreadsheet, so a
requester's `=HYPERLINK(...)` stays text in the village's spreadsheet."""

import io
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook

from balai.core.spreadsheet import xlsx_row

from .models import InformasiPublik, Keberatan, Permohonan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Register:
    judul: str
    kolom: list
    baris: list


def _tgl(d):
    return d.strftime("%d-%m-%Y") if d else ""


def _register_permohonan(desa, tahun):
    qs = Permohonan.objects.filter(desa=desa).order_by("tahun", "urut")
    if tahun:
        qs = qs.filter(tahun=tahun)
    kolom = [
        "Nomor", "Tanggal diterima", "Nama pemohon", "Pekerjaan", "Kontak", "Informasi yang diminta", "Tujuan",
        "Cara memperoleh", "Tenggat", "Diperpanjang", "Jawaban", "Tanggal jawaban", "Dasar pengecualian",
    ]  # fmt: skip
    baris = [
        [
            p.nomor,
            _tgl(p.diterima),
            p.nama,
            p.pekerjaan,
            p.telepon or p.email,
            p.rincian,
            p.tujuan,
            p.get_cara_memperoleh_display(),
            _tgl(p.tenggat),
            _tgl(p.diperpanjang),
            p.get_jawaban_display(),
            _tgl(p.jawaban_tanggal),
            p.dasar_pengecualian,
        ]  # fmt: skip
        for p in qs
    ]
    return Register("Register permohonan informasi publik", kolom, baris)


def _register_keberatan(desa, tahun):
    qs = Keberatan.objects.filter(desa=desa).select_related("permohonan").order_by("tahun", "urut")
    if tahun:
        qs = qs.filter(tahun=tahun)
    kolom = [
        "Nomor", "Tanggal diterima", "Nomor permohonan", "Nama pemohon", "Alasan", "Kasus posisi", "Tenggat",
        "Putusan atasan PPID", "Tanggal tanggapan",
    ]  # fmt: skip
    baris = [
        [
            k.nomor,
            _tgl(k.diterima),
            k.permohonan.nomor,
            k.permohonan.nama,
            k.get_alasan_display(),
            k.uraian,
            _tgl(k.tenggat),
            k.get_putusan_display(),
            _tgl(k.tanggapan_tanggal),
        ]  # fmt: skip
        for k in qs
    ]
    return Register("Register keberatan informasi publik", kolom, baris)


def _register_informasi(desa, tahun):
    qs = InformasiPublik.objects.filter(desa=desa).order_by("kategori", "-tanggal", "pk")
    if tahun:
        qs = qs.filter(tanggal__year=tahun)
    kolom = [
        "Kategori", "Judul", "Ringkasan", "Pejabat/unit penguasa", "Penanggung jawab", "Waktu dan tempat pembuatan",
        "Bentuk", "Jangka waktu penyimpanan", "Dasar hukum pengecualian", "Uji konsekuensi",
    ]  # fmt: skip
    baris = [
        [
            i.get_kategori_display(),
            i.judul,
            i.ringkasan,
            i.penguasa,
            i.penanggung_jawab,
            ", ".join(x for x in (_tgl(i.tanggal), i.tempat) if x),
            i.get_bentuk_display(),
            i.jangka_simpan,
            i.dasar_hukum,
            i.uji_konsekuensi,
        ]  # fmt: skip
        for i in qs
    ]
    return Register("Daftar informasi publik", kolom, baris)


REGISTER = {"permohonan": _register_permohonan, "keberatan": _register_keberatan, "informasi": _register_informasi}


def register(jenis, *, desa, tahun=None) -> Register:
    return REGISTER[jenis](desa, tahun)


def ringkasan_wilayah(baris) -> Register:
    kolom = [
        "Kode desa", "Desa", "Kecamatan", "Kelengkapan DIP (%)", "Permohonan terbuka", "Segera jatuh tempo",
        "Terlambat", "Dijawab (12 bulan)", "Rata-rata waktu jawab (hari kerja)", "Keberatan terbuka",
    ]  # fmt: skip
    isi = [
        [
            b.desa.kode,
            b.desa.nama,
            b.desa.kecamatan.nama,
            b.kelengkapan,
            b.terbuka,
            b.segera,
            b.terlambat,
            b.dijawab,
            b.rata_rata_hari if b.rata_rata_hari is not None else "",
            b.keberatan_terbuka,
        ]  # fmt: skip
        for b in baris
    ]
    return Register("Layanan informasi publik desa", kolom, isi)


def xlsx_response(reg: Register, filename):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(reg.judul[:31])
    ws.append(xlsx_row(ws, [reg.judul]))
    ws.append(xlsx_row(ws, reg.kolom))
    for row in reg.baris:
        ws.append(xlsx_row(ws, row))
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
