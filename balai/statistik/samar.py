"""The public copy of a sensitive dimension's table (disabilitas, asuransi, agama, suku).

Who reads it: anyone, knowing the rules below (they are printed under the table) and the exact
number of residents N (the figures above the table, or the sum of any non-sensitive table).
What it must not give away: whether a small group (fewer than 5 people) exists and how large it
is, e.g. that a Hindu family or someone deaf lives in a village of 1,500.

1. One count per row: a laki-laki/perempuan split or a percentage is another, exact, sum over
   the same people.
2. Counts 0 to 4 read "< 5"; every other count, the total included, is rounded to the nearest
   multiple of 5.
3. A row shown only because someone has that value (a suku, a code missing from the reference
   list) is shown by name from 5 people on; rarer values are counted together in one row.
   For free text (suku) that row, LAINNYA, is always there, empty too, so "LAINNYA < 5" says
   neither which rare group lives here nor that one does. Rows of a fixed code list (agama,
   cacat, asuransi) are all shown, zeros included: their presence says nothing, and grouping
   them would hide nothing.
4. Every row holding at least T = N // k people (k rows) reads SISA ("selebihnya", see
   selectors.py) without a number, and the table is not broken down at all when T < 5 (a
   register of a few dozen people).

Why 4: rounding alone does not survive the exact total. If every other row sits at the same
end of its rounding range, N minus their sum pins a "< 5" row (10 to 18 of 2,000 random
tables; in some 40 more it rules out part of 0..4). With rule 4, take a "< 5" row with true
count a and any other value a' it could have by its text (0..4; 1..4 for a row shown only
because it is not empty). Keep every other row with a number and move a - a' people into or
out of the SISA rows. Those hold N minus the rows with a number, that is T each plus (N - kT)
plus, for every row with a number, T minus its count: together at least T - a >= 5 - a > a' - a
people more than T each. So they can give up the difference and all still read SISA: that
table gives the same page for the same N, and the exact total rules out no value of a "< 5"
row (nor of a rounded one, by the same argument). Some row always reaches T (k rows below
N / k cannot sum to N), and T follows from N and k, which are public anyway.
tests/test_samarkan.py checks this on random tables, building for every value a true table
that the real `samarkan` publishes identically.

The kecamatan and kabupaten sites publish no population figures; their back offices, like the
village's, keep the exact tables.
"""

from .selectors import Baris, Tabel

BATAS_SAMAR = 5  # counts below this read "< 5"
KELIPATAN = 5  # other counts are rounded to a multiple of this
LAINNYA = "LAINNYA"
KODE_LAIN = "KODE LAIN (TIDAK DIKENAL)"


def bulatkan(n):
    """The public figure of a sensitive count: "< 5" for 0 to 4, otherwise the nearest
    multiple of 5 (7 -> 5, 8 -> 10)."""
    if n < BATAS_SAMAR:
        return "< 5"
    return KELIPATAN * ((n + KELIPATAN // 2) // KELIPATAN)


def _jarang(b):
    """A row shown only because someone has the value, with too few people to be named. A value
    typed as "lainnya" counts too, rather than appearing next to the LAINNYA row."""
    return not b.tetap and b.kode is not None and (b.jumlah < BATAS_SAMAR or b.label.upper() == LAINNYA)


def _kelompokkan(baris):
    """Rule 3: the rare rows become one, placed before "belum mengisi" (whose presence only
    tells that a record is incomplete)."""
    daftar_tetap = any(b.tetap for b in baris)
    jarang = [b for b in baris if _jarang(b)]
    hasil = [b for b in baris if not _jarang(b)]
    if jarang or not daftar_tetap:
        lain = Baris("lainnya", KODE_LAIN if daftar_tetap else LAINNYA, jumlah=sum(b.jumlah for b in jarang))
        posisi = next((i for i, b in enumerate(hasil) if b.kode is None), len(hasil))
        hasil.insert(posisi, lain)
    return hasil


def _baris_samar(b, batas=None):
    if batas is not None and b.jumlah >= batas:
        return Baris(b.kode, b.label, samar=True, sisa=True)
    shown = bulatkan(b.jumlah)
    kecil = shown == "< 5"
    return Baris(b.kode, b.label, jumlah=0 if kecil else shown, samar=True, kecil=kecil)


def samarkan(tabel):
    """The public copy of a sensitive dimension's exact table, by the rules above. The exact
    figures are not in the copy at all, so a template or chart cannot print them by mistake.
    The back office keeps using the exact table."""
    jumlah = tabel.total.jumlah
    baris = _kelompokkan(tabel.baris) if jumlah else []
    batas = jumlah // len(baris) if baris else None
    sedikit = batas is not None and batas < BATAS_SAMAR
    return Tabel(
        tabel.dimensi,
        [] if sedikit else [_baris_samar(b, batas) for b in baris],
        _baris_samar(tabel.total),
        wilayah=tabel.wilayah,
        disamarkan=True,
        batas_sisa=None if sedikit else batas,
        tidak_dirinci=sedikit,
    )
