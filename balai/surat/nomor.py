"""Letter numbers: the village's format, checked when saved, and the allocation of the next
number from a counter row locked for the rest of the signing transaction.

A format is text with parts in braces: {kode} {nomor} {nomor:03} {kode_desa} {bulan}
{bulan_romawi} {tahun}. It is parsed here, never passed to str.format (which would allow
`{kode.__class__}` and friends)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from .bahasa import bulan_romawi
from .models import PengaturanSurat, PenghitungNomor

BAGIAN = re.compile(r"\{([a-z_]+)(?::(0[1-9]))?\}")
NAMA_BAGIAN = {"kode", "nomor", "kode_desa", "bulan", "bulan_romawi", "tahun"}
BERSAMA = "*"
SURAT_MASUK = "surat-masuk"  # the incoming-mail register's counter; no letter type has this code


def periksa_format(teks: str) -> str:
    """The format if usable, else ValidationError saying what is wrong."""
    masalah = []
    for match in BAGIAN.finditer(teks):
        if match.group(1) not in NAMA_BAGIAN:
            masalah.append(f"Bagian {match.group(0)} tidak dikenal.")
    sisa = BAGIAN.sub("", teks)
    if "{" in sisa or "}" in sisa:
        masalah.append("Kurung kurawal hanya untuk bagian yang tersedia, mis. {nomor:03}.")
    if "nomor" not in {m.group(1) for m in BAGIAN.finditer(teks)}:
        masalah.append("Format harus memuat {nomor}, agar setiap surat bernomor beda.")
    if "tahun" not in {m.group(1) for m in BAGIAN.finditer(teks)}:
        masalah.append("Format harus memuat {tahun}: nomor urut dimulai lagi setiap tahun.")
    if masalah:
        raise ValidationError(masalah)
    return teks


def susun(format_nomor: str, *, kode: str, nomor: int, desa, tanggal) -> str:
    nilai = {
        "kode": kode,
        "kode_desa": desa.kode.rsplit(".", 1)[-1],
        "bulan": f"{tanggal.month:02d}",
        "bulan_romawi": bulan_romawi(tanggal.month),
        "tahun": str(tanggal.year),
    }

    def ganti(match):
        nama, lebar = match.groups()
        if nama == "nomor":
            return f"{nomor:0{int(lebar)}d}" if lebar else str(nomor)
        return nilai[nama]

    return BAGIAN.sub(ganti, format_nomor)


def pengaturan(desa) -> PengaturanSurat:
    return PengaturanSurat.objects.filter(desa=desa).first() or PengaturanSurat(desa=desa)


def ambil_nomor(*, desa, jenis: str, tanggal) -> int:
    """The next number of the village's sequence for `jenis` in `tanggal`'s year. Must run
    inside the transaction that stores it: the counter row stays locked until it commits, so
    concurrent signers wait for each other (SELECT ... FOR UPDATE on PostgreSQL; SQLite
    serialises writers itself)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ambil_nomor harus dipanggil di dalam transaksi.")
    kunci = jenis if pengaturan(desa).penomoran == PengaturanSurat.Penomoran.PER_JENIS else BERSAMA
    return _naikkan(desa, tanggal.year, kunci)


def ambil_nomor_agenda_masuk(*, desa, tahun: int) -> int:
    """The next number of the village's Buku Agenda Surat Masuk for `tahun` (its own counter,
    locked like the letters' one; same transaction rule)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ambil_nomor_agenda_masuk harus dipanggil di dalam transaksi.")
    return _naikkan(desa, tahun, SURAT_MASUK)


def _naikkan(desa, tahun, kunci) -> int:
    # Create the row if this is the year's first letter; a concurrent creator makes this a
    # no-op (the unique constraint), and both then lock the same row.
    PenghitungNomor.objects.bulk_create([PenghitungNomor(desa=desa, tahun=tahun, kunci=kunci)], ignore_conflicts=True)
    row = PenghitungNomor.objects.select_for_update().get(desa=desa, tahun=tahun, kunci=kunci)
    row.terakhir += 1
    row.save(update_fields=["terakhir"])
    return row.terakhir
