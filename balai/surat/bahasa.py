"""Numbers and dates as a letter writes them: "5 Desember 2026", "Rp 1.500.000",
"satu juta lima ratus ribu rupiah", month XII. Pure functions, no Django."""

import datetime
from decimal import Decimal

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

_SATUAN = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_RIBUAN = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))
MAKS_TERBILANG = 10**15 - 1


def tanggal(value: datetime.date | None) -> str:
    """'5 Desember 2026'; '' for no date."""
    if value is None:
        return ""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def hari_tanggal(value: datetime.date) -> str:
    """'Sabtu, 5 Desember 2026'."""
    return f"{HARI[value.weekday()]}, {tanggal(value)}"


def bulan_romawi(month: int) -> str:
    return ROMAWI[month - 1]


def _ratusan(n: int) -> list[str]:
    """Words for 0 < n < 1000."""
    words = []
    ratus, sisa = divmod(n, 100)
    if ratus == 1:
        words.append("seratus")
    elif ratus:
        words += [_SATUAN[ratus], "ratus"]
    if sisa == 10:
        words.append("sepuluh")
    elif sisa == 11:
        words.append("sebelas")
    elif 12 <= sisa <= 19:
        words += [_SATUAN[sisa - 10], "belas"]
    elif sisa >= 20:
        puluh, satu = divmod(sisa, 10)
        words += [_SATUAN[puluh], "puluh"] + ([_SATUAN[satu]] if satu else [])
    elif sisa:
        words.append(_SATUAN[sisa])
    return words


def terbilang(n: int) -> str:
    """A whole number in Indonesian words: 1500 -> 'seribu lima ratus', 0 -> 'nol',
    -5 -> 'minus lima'. Up to 999 triliun (ValueError beyond)."""
    n = int(n)
    if abs(n) > MAKS_TERBILANG:
        raise ValueError("Angka terlalu besar untuk ditulis dengan huruf.")
    if n == 0:
        return "nol"
    if n < 0:
        return "minus " + terbilang(-n)
    words = []
    for besar, nama in _RIBUAN:
        bagian, n = divmod(n, besar)
        if not bagian:
            continue
        if bagian == 1 and besar == 1000:
            words.append("seribu")
        else:
            words += _ratusan(bagian) + [nama]
    if n:
        words += _ratusan(n)
    return " ".join(words)


def rupiah(amount) -> str:
    """'Rp 1.500.000' (whole rupiah; sen are not written on village letters)."""
    value = int(Decimal(amount))
    return "Rp " + f"{value:,}".replace(",", ".")


def rupiah_terbilang(amount) -> str:
    """'satu juta lima ratus ribu rupiah'."""
    return terbilang(int(Decimal(amount))) + " rupiah"
