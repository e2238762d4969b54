"""Public masking of sensitive dimensions (`samar.samarkan`), checked like an attacker would:
from what the page shows, which true counts are still possible for each "< 5" cell?"""

from hypothesis import given, settings
from hypothesis import strategies as st

from balai.statistik import chart
from balai.statistik.dimensi import DIMENSI
from balai.statistik.samar import bulatkan, samarkan
from balai.statistik.selectors import Baris, Tabel


def _tabel(rows):
    baris = [Baris(i, f"K{i}", lk, pr, lk + pr) for i, (lk, pr) in enumerate(rows)]
    lk, pr = sum(r[0] for r in rows), sum(r[1] for r in rows)
    return Tabel(DIMENSI["cacat"], baris, Baris("", "JUMLAH", lk, pr, lk + pr), wilayah="X")


def _mungkin(shown):
    """Every true count that is published as `shown` (an interval of integers)."""
    values = [v for v in range(0, (0 if shown == "< 5" else shown) + 5) if bulatkan(v) == shown]
    return min(values), max(values)


def _nilai_mungkin(shown_cells, i, total):
    """True values of masked cell i consistent with the shown cells and a row sum in `total`
    (an interval). The other cells are integer intervals, so their sum is every integer in
    [sum of lows, sum of highs]: the check is exact, no enumeration needed."""
    ranges = [_mungkin(s) for j, s in enumerate(shown_cells) if j != i]
    lo, hi = sum(r[0] for r in ranges), sum(r[1] for r in ranges)
    low, high = _mungkin("< 5")
    return [a for a in range(low, high + 1) if a + lo <= total[1] and a + hi >= total[0]]


def _ujung(shown_cells, values, i):
    """Do all cells but i sit at the same end of their published range?"""
    pairs = [(_mungkin(s), v) for j, (s, v) in enumerate(zip(shown_cells, values, strict=True)) if j != i]
    return all(v == r[0] for r, v in pairs) or all(v == r[1] for r, v in pairs)


counts = st.integers(min_value=0, max_value=13)
tables = st.lists(st.tuples(counts, counts), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(min_value=0, max_value=400))
def test_masked_table_cannot_be_solved(rows, mayoritas):
    rows = [*rows, (mayoritas // 2, mayoritas - mayoritas // 2)]  # like "TIDAK CACAT"
    t = samarkan(_tabel(rows))
    values = [lk + pr for lk, pr in rows]
    shown = [b.sel_jumlah for b in t.baris]
    # No sex split and no percentage anywhere, not even in the (copied) data behind the page.
    for b in [*t.baris, t.total]:
        assert b.sel_lk is None and b.sel_pr is None and b.persen_tampil is None
        assert b.laki_laki == b.perempuan == 0
        s = b.sel_jumlah
        assert s == "< 5" or (isinstance(s, int) and s >= 5 and s % 5 == 0), s
    assert [_mungkin(s)[0] <= v <= _mungkin(s)[1] for s, v in zip(shown, values, strict=True)] == [True] * len(rows)
    exact_total = (sum(values), sum(values))  # the population is public elsewhere on the page
    for i, s in enumerate(shown):
        if s != "< 5":
            continue
        # Given the published cells and total, a "< 5" cell always keeps at least two values.
        assert len(_nilai_mungkin(shown, i, _mungkin(t.total.sel_jumlah))) >= 2 or _ujung(shown, values, i)
        # Even with the exact total, a cell is pinned down only when every other cell of the
        # table sits at the same end of its rounding range.
        possible = _nilai_mungkin(shown, i, exact_total)
        assert values[i] in possible
        assert len(possible) >= 2 or _ujung(shown, values, i), (rows, i, possible)


def test_reviewed_counterexamples_are_no_longer_solvable():
    for rows in (
        [(3, 4), (2, 4), (0, 10), (9, 4), (6, 0), (12, 7)],
        [(0, 2), (0, 5), (1, 0), (3, 5), (9, 5), (10, 12)],
        [(0, 20), (4, 0), (9, 1), (7, 12)],
    ):
        t = samarkan(_tabel(rows))
        shown = [b.sel_jumlah for b in t.baris]
        total = sum(lk + pr for lk, pr in rows)
        for i, s in enumerate(shown):
            if s == "< 5":
                assert len(_nilai_mungkin(shown, i, (total, total))) >= 2, (rows, i)


def test_rounding():
    assert [bulatkan(n) for n in (0, 1, 4, 5, 7, 8, 12, 13, 1502)] == ["< 5"] * 3 + [5, 5, 10, 10, 15, 1500]


def test_chart_of_masked_table_uses_published_numbers_only():
    t = samarkan(_tabel([(60, 61), (1, 2), (40, 52), (0, 0)]))
    g = chart.batang(t, lebar=400, label_w=100)
    assert g["samar"]
    assert [(b["label"], b["teks"], b["judul"]) for b in g["bars"]] == [("K0", 120, "K0: 120"), ("K2", 90, "K2: 90")]
    assert g["bars"][0]["w_lk"] == 230 and g["bars"][0]["w_pr"] == 0  # longest published bar
    assert g["bars"][1]["w_lk"] == round(230 * 90 / 120, 1)
