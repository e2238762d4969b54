"""The public copy of a sensitive dimension's table (disabilitas, asuransi, agama, suku)."""

from .selectors import Baris, Tabel

BATAS_SAMAR = 5  # counts 0..4 of sensitive dimensions are shown as "< 5" in public
KELIPATAN = 5  # other public counts of sensitive dimensions are rounded to a multiple of this


def bulatkan(n):
    """The public figure of a sensitive count: "< 5" for 0 to 4, otherwise the nearest
    multiple of 5 (7 -> 5, 8 -> 10)."""
    if n < BATAS_SAMAR:
        return "< 5"
    return KELIPATAN * ((n + KELIPATAN // 2) // KELIPATAN)


def _baris_samar(b):
    shown = bulatkan(b.jumlah)
    kecil = shown == "< 5"
    return Baris(b.kode, b.label, jumlah=0 if kecil else shown, samar=True, kecil=kecil)


def samarkan(tabel):
    """The public copy of a sensitive dimension's table: one count per category (no sex split,
    no percentage), every count 0..4 as "< 5" and every other count and the total rounded to
    the nearest multiple of 5. The exact figures are not in the copy at all, so a template or
    chart cannot print them by mistake. The back office keeps using the exact table."""
    return Tabel(
        tabel.dimensi,
        [_baris_samar(b) for b in tabel.baris],
        _baris_samar(tabel.total),
        wilayah=tabel.wilayah,
        disamarkan=True,
    )
