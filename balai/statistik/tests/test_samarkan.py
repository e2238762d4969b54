"""Public masking of sensitive dimensions (`samar.samarkan`), checked like an attacker would.

The attacker has the published table, the published rules and the exact number of residents N
(shown on the same page). The solver below finds every true table consistent with all of that:
each row can hold the counts its text allows under the rules (`_dibaca`), and the rows must sum
to N (subset sums over all rows, exact, kept as bitsets). The criterion:

    For every row with a number or "< 5", the exact total rules nothing out: each count its text
    allows is still possible. For "< 5" that is 0 to 4 (1 to 4 for a row shown only because it
    is not empty: "belum mengisi", an unknown code).

Every count the solver calls possible comes with a true table (`_tabel_dari`) that the real
`samarkan` must publish exactly as the original, with the same N. So neither a solver more
generous than the rules nor a difference between the rules as read here and the code can let
the test pass; a solver stricter than the rules makes it fail.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.statistik import chart
from balai.statistik.dimensi import DIMENSI, KOSONG
from balai.statistik.samar import BATAS_SAMAR, KELIPATAN, KODE_LAIN, LAINNYA, bulatkan, samarkan
from balai.statistik.selectors import SISA, Baris, Tabel, _tabel

pytestmark = pytest.mark.django_db  # rows are labelled from the reference codes

CONTOH = 2000  # random tables per run
SUKU = ["JAWA", "SUNDA", "BATAK", "BUGIS", "MADURA", "BALI", "DAYAK", "MINANG", "BETAWI", "ACEH"]
KODE_ASING = [90, 91, 92]  # codes missing from every sensitive code list


def _publik(dim, counts):
    """The public copy of the table with these true counts ({value: residents})."""
    rows, total = _tabel(dim, [(k, n // 2, n - n // 2, n) for k, n in counts.items() if n])
    return samarkan(Tabel(dim, rows, total, wilayah="X"))


def _halaman(t):
    """Everything the page shows of a masked table."""
    return [(b.label, b.sel_jumlah) for b in t.baris], t.total.sel_jumlah, t.batas_sisa, t.tidak_dirinci


def _minimum(dim, b):
    """The fewest people a published row can have: rows of the fixed list and the always-present
    LAINNYA may be empty; "belum mengisi" and KODE LAIN are shown only when not; a value
    shown by name has 5 or more."""
    if b.label == LAINNYA or (dim.tampil_nol and b.label in dict(dim.daftar_label()).values()):
        return 0
    if b.label in (KOSONG, KODE_LAIN):
        return 1
    return BATAS_SAMAR


def _dibaca(dim, b, batas, jumlah):
    """The counts row `b` can hold by its own text and the rules."""
    lo = _minimum(dim, b)
    if b.sisa:
        return set(range(max(lo, batas), jumlah + 1))
    return {v for v in range(lo, b.jumlah + KELIPATAN) if bulatkan(v) == b.sel_jumlah and (batas is None or v < batas)}


def _tambah(bits, nilai):
    """Subset sums: bit x of `bits` set -> bits x + v for every v in `nilai`. Each run of
    consecutive values is one OR of shifts, built by doubling."""
    hasil = 0
    nilai = sorted(nilai)
    while nilai:
        lo = hi = nilai.pop(0)
        while nilai and nilai[0] == hi + 1:
            hi = nilai.pop(0)
        blok, lebar = bits, 1
        while lebar * 2 <= hi - lo + 1:
            blok, lebar = blok | blok << lebar, lebar * 2
        hasil |= (blok | blok << (hi - lo + 1 - lebar)) << lo
    return hasil


def _mungkin(dim, t, jumlah, i):
    """{count: true counts of every row} for each count row i of table `t` can hold in a true
    table with `jumlah` residents that publishes `t`."""
    dibaca = [_dibaca(dim, b, t.batas_sisa, jumlah) for b in t.baris]
    lain = dibaca[:i] + dibaca[i + 1 :]
    awalan = [1]  # bit x of awalan[j]: the first j other rows can sum to x
    for s in lain:
        awalan.append(_tambah(awalan[-1], s) & ((2 << jumlah) - 1))
    hasil = {}
    for a in sorted(dibaca[i]):
        sisa = jumlah - a
        if sisa < 0 or not awalan[-1] >> sisa & 1:
            continue
        nilai = []
        for j in range(len(lain), 0, -1):  # walk back through the subset sums
            v = next(v for v in sorted(lain[j - 1]) if v <= sisa and awalan[j - 1] >> (sisa - v) & 1)
            nilai.insert(0, v)
            sisa -= v
        hasil[a] = nilai[:i] + [a] + nilai[i:]
    return hasil


def _tabel_dari(t, nilai):
    """True counts per value for a table whose published rows hold `nilai`; a grouped row
    becomes rare values of at most 4 people each."""
    counts = {}
    for b, v in zip(t.baris, nilai, strict=True):
        if b.kode != "lainnya":
            counts[b.kode] = v
            continue
        for n, awal in enumerate(range(0, v, BATAS_SAMAR - 1)):
            counts[f"~LANGKA {n}" if b.label == LAINNYA else 900 + n] = min(BATAS_SAMAR - 1, v - awal)
    return counts


def _benar(t, counts):
    """The true count behind each published row."""
    dikenal = {b.kode for b in t.baris}
    return [
        sum(n for k, n in counts.items() if k not in dikenal) if b.kode == "lainnya" else counts.get(b.kode, 0)
        for b in t.baris
    ]


banyak = st.integers(0, 13) | st.integers(0, 13) | st.integers(0, 400)


@st.composite
def tabel_acak(draw):
    dim = DIMENSI[draw(st.sampled_from(["agama", "cacat", "asuransi", "suku"]))]
    if dim.key == "suku":
        names = draw(st.lists(st.sampled_from(SUKU), unique=True, max_size=8))
        counts = {name: draw(st.integers(1, 13) | st.integers(1, 400)) for name in names}
    else:
        counts = {k: draw(banyak) for k, _label in dim.daftar_label()}
        counts |= {k: draw(st.integers(1, 13)) for k in draw(st.lists(st.sampled_from(KODE_ASING), unique=True))}
    counts[None] = draw(banyak)  # belum mengisi
    return dim, counts


@settings(max_examples=CONTOH, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tabel_acak())
def test_exact_total_rules_out_no_published_count(tabel):
    dim, counts = tabel
    t = _publik(dim, counts)
    jumlah = sum(counts.values())
    for b in [*t.baris, t.total]:
        assert b.sel_lk is None and b.sel_pr is None and b.persen_tampil is None
        assert b.laki_laki == b.perempuan == 0
        s = b.sel_jumlah
        assert s in ("< 5", SISA) or (isinstance(s, int) and s >= 5 and s % 5 == 0), s
    labels = {b.label for b in t.baris}
    assert not labels & {k for k, n in counts.items() if n < BATAS_SAMAR}, "a rare value is named"
    benar = _benar(t, counts)
    for i, b in enumerate(t.baris):
        if b.sisa:
            continue
        mungkin = _mungkin(dim, t, jumlah, i)
        assert benar[i] in mungkin
        assert set(mungkin) == _dibaca(dim, b, t.batas_sisa, jumlah), (counts, b.label, sorted(mungkin))
        if b.kecil:
            assert len(mungkin) >= 4
        for nilai in mungkin.values():
            lain = _tabel_dari(t, nilai)
            assert sum(lain.values()) == jumlah
            assert _halaman(_publik(dim, lain)) == _halaman(t), (counts, lain)


def test_solver_pins_a_cell_when_every_row_has_a_number():
    """Rounding alone, as published before: 5, 10, 15 and "< 5" with exactly 26 residents leave
    only 5 + 8 + 13 + 0. The solver must see that, or the test above proves nothing."""
    dim = DIMENSI["cacat"]
    published = [(1, "CACAT FISIK", 5), (2, "CACAT NETRA/BUTA", 10), (7, "TIDAK CACAT", 15)]
    rows = [Baris(k, label, jumlah=n, samar=True) for k, label, n in published]
    rows.append(Baris(3, "CACAT RUNGU/WICARA", samar=True, kecil=True))
    t = Tabel(dim, rows, Baris("", "JUMLAH", jumlah=25, samar=True), disamarkan=True)
    assert _mungkin(dim, t, 26, 3) == {0: [5, 8, 13, 0]}
    assert set(_mungkin(dim, t, 27, 3)) == {0, 1}


def test_reviewed_counterexamples_keep_every_small_value():
    for counts in ({1: 7, 2: 6, 3: 10, 4: 13, 5: 6, 7: 19}, {1: 2, 2: 5, 3: 1, 4: 8, 5: 14, 7: 22}):
        dim = DIMENSI["cacat"]
        t = _publik(dim, counts)
        for i, b in enumerate(t.baris):
            if b.kecil:
                assert set(_mungkin(dim, t, sum(counts.values()), i)) == {0, 1, 2, 3, 4}


def test_rounding():
    assert [bulatkan(n) for n in (0, 1, 4, 5, 7, 8, 12, 13, 1502)] == ["< 5"] * 3 + [5, 5, 10, 10, 15, 1500]


def test_large_rows_carry_no_number():
    dim = DIMENSI["agama"]
    t = _publik(dim, {1: 1480, 2: 12, 4: 3})
    labels = [label for _k, label in dim.daftar_label()]
    cells = {"ISLAM": SISA, "KRISTEN": 10}
    assert _halaman(t) == ([(label, cells.get(label, "< 5")) for label in labels], 1495, 1495 // len(labels), False)


def test_rare_suku_are_counted_together():
    dim = DIMENSI["suku"]
    t = _publik(dim, {"JAWA": 300, "SUNDA": 6, "BATAK": 2, "BUGIS": 1, None: 40})
    assert _halaman(t)[0] == [("JAWA", SISA), ("SUNDA", 5), (LAINNYA, "< 5"), (KOSONG, 40)]
    # Present even when empty, so it does not tell that some rare suku lives here.
    assert _halaman(_publik(dim, {"JAWA": 300, "SUNDA": 10}))[0] == [("JAWA", SISA), ("SUNDA", 10), (LAINNYA, "< 5")]
    assert _halaman(_publik(dim, {"JAWA": 300, "BATAK": 3, "BUGIS": 3, "BALI": 3}))[0] == [
        ("JAWA", SISA),
        (LAINNYA, 10),
    ]
    assert _halaman(_publik(dim, {"JAWA": 300, "Lainnya": 6, "BALI": 3}))[0] == [("JAWA", SISA), (LAINNYA, 10)]


def test_unknown_codes_are_named_from_five_people_on():
    assert _halaman(_publik(DIMENSI["agama"], {1: 500, 90: 2}))[0][-1] == (KODE_LAIN, "< 5")
    assert _halaman(_publik(DIMENSI["agama"], {1: 500, 90: 7}))[0][-1] == ("KODE 90 (TIDAK DIKENAL)", 5)
    assert KODE_LAIN not in dict(_halaman(_publik(DIMENSI["agama"], {1: 500}))[0])


def test_small_register_is_not_broken_down():
    t = _publik(DIMENSI["agama"], {1: 30, 2: 4})  # 34 people in 7 rows: fewer than 5 per row
    assert _halaman(t) == ([], 35, None, True)
    assert _halaman(_publik(DIMENSI["agama"], {})) == ([], "< 5", None, False)


def test_chart_of_masked_table_uses_published_numbers_only():
    t = _publik(DIMENSI["agama"], {1: 400, 2: 30, 3: 3})
    g = chart.batang(t, lebar=400, label_w=100)
    assert g["samar"]
    assert [(b["label"], b["teks"], b["judul"], b["w_lk"], b["w_pr"]) for b in g["bars"]] == [
        ("ISLAM", SISA, f"ISLAM: {SISA}", 0, 0),
        ("KRISTEN", 30, "KRISTEN: 30", round(230 * 30 / 435, 1), 0),  # a share of the published total
    ]
