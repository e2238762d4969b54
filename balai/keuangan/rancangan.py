"""What an import reads before anything is written: the lines and kegiatan of one year's
budget, with the problems (which stop the import) and warnings (which do not) found on the
way, each with its row and column. Both importers (xlsx template, Siskeudes export) fill one."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from . import kode as k

MAKS_PESAN = 500  # messages kept for display; the counts cover all of them


class BerkasTidakValid(Exception):
    """A problem with the whole file (not one row): nothing can be read."""


@dataclass
class KegiatanRancangan:
    kode: str
    nama: str
    sumber_dana: str = ""
    lokasi: str = ""
    keluaran: str = ""


@dataclass
class BarisRancangan:
    kode: str
    uraian: str
    anggaran: Decimal
    sumber_dana: str = ""
    kegiatan: str = ""  # kode of its kegiatan (belanja)
    realisasi: dict = field(default_factory=dict)  # (semester, bulan or None) -> Decimal
    asal: str = ""  # where it came from, for messages ("baris 12", "Ta_RABRinci baris 40")

    @property
    def jenis(self):
        return k.normal_kode(self.kode)[:1]

    @property
    def total_realisasi(self):
        return sum(self.realisasi.values(), Decimal(0))


@dataclass
class Rancangan:
    tahun: int
    baris: list = field(default_factory=list)
    kegiatan: dict = field(default_factory=dict)  # kode -> KegiatanRancangan
    galat: list = field(default_factory=list)
    peringatan: list = field(default_factory=list)
    jumlah_galat: int = 0
    jumlah_peringatan: int = 0
    nomor_perdes: str = ""
    keterangan: str = ""  # what the file holds, in words (village, year, version)

    def _catat(self, daftar, baris, kolom, pesan, sel=""):
        if len(daftar) < MAKS_PESAN:
            daftar.append({"baris": baris, "kolom": kolom, "sel": sel, "pesan": pesan})

    def tambah_galat(self, baris, kolom, pesan, sel=""):
        self.jumlah_galat += 1
        self._catat(self.galat, baris, kolom, pesan, sel)

    def tambah_peringatan(self, baris, kolom, pesan, sel=""):
        self.jumlah_peringatan += 1
        self._catat(self.peringatan, baris, kolom, pesan, sel)

    def ringkasan(self):
        total = {j: Decimal(0) for j in k.JENIS}
        for b in self.baris:
            total[b.jenis] = total.get(b.jenis, Decimal(0)) + b.anggaran
        return {
            "baris": len(self.baris),
            "kegiatan": len(self.kegiatan),
            "pendapatan": str(total[k.PENDAPATAN]),
            "belanja": str(total[k.BELANJA]),
            "pembiayaan": str(total[k.PEMBIAYAAN]),
            "keterangan": self.keterangan,
            "jumlah_galat": self.jumlah_galat,
            "jumlah_peringatan": self.jumlah_peringatan,
        }


_RIBUAN = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+(,\d{1,2})?$")  # 1.250.000 or 1.250.000,50
_RIBUAN_EN = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d{1,2})?$")  # 1,250,000.50


class BukanAngka(ValueError):
    pass


def rupiah(value):
    """A cell's value as a non-negative Decimal rupiah amount with at most two decimals; an empty
    cell is 0. Accepts numbers and text as people write it ("Rp 1.250.000", "1.250.000,50",
    "1250000"). Raises BukanAngka with an Indonesian reason."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, bool):
        raise BukanAngka("bukan angka")
    if isinstance(value, int | float | Decimal):
        try:
            d = Decimal(str(value))
        except InvalidOperation:
            raise BukanAngka("bukan angka") from None
    else:
        text = re.sub(r"\s+", "", str(value)).removeprefix("Rp").removeprefix("rp").removeprefix(".")
        negatif = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
        text = text.strip("-()")
        if _RIBUAN.match(text):
            text = text.replace(".", "").replace(",", ".")
        elif _RIBUAN_EN.match(text):
            text = text.replace(",", "")
        elif re.fullmatch(r"\d+,\d{1,2}", text):
            text = text.replace(",", ".")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise BukanAngka(f"“{str(value)[:30]}” bukan angka rupiah")
        d = Decimal(text)
        if negatif:
            d = -d
    if not d.is_finite():
        raise BukanAngka("bukan angka")
    if d < 0:
        raise BukanAngka(f"tidak boleh negatif ({value})")
    if d != d.quantize(Decimal("0.01")):
        raise BukanAngka(f"paling banyak dua angka di belakang koma ({value})")
    if d >= Decimal("1e13"):
        raise BukanAngka(f"terlalu besar ({value})")
    return d.quantize(Decimal("0.01"))


def rp(d):
    """Rp 1.250.000 (Indonesian grouping; sen shown only when there are any)."""
    d = Decimal(d or 0)
    whole = f"{int(d):,}".replace(",", ".")
    sen = int((d - int(d)) * 100)
    return f"Rp {whole}" + (f",{sen:02d}" if sen else "")


def periksa_realisasi(rancangan):
    """Realisation above the budget is accepted (a late SPJ, a budget not yet amended) but the
    operator sees it before saving."""
    for b in rancangan.baris:
        total = b.total_realisasi
        if total > b.anggaran:
            rancangan.tambah_peringatan(
                b.asal,
                "realisasi",
                f"Realisasi {b.kode} {b.uraian[:60]} ({rp(total)}) melebihi anggarannya ({rp(b.anggaran)}).",
            )
