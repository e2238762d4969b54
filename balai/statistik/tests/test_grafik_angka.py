import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("dimensi", ["umur", "agama"])
def test_chart_lengths_use_a_decimal_point(desa_a, warga_a, client_for, dimensi):
    """SVG lengths need a decimal point whatever the page's locale (Indonesian writes a comma)."""
    body = client_for(desa_a).get(f"/statistik/?d={dimensi}").content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    lengths = re.findall(r'\b(?:x|y|width|height)="([^"]*)"', svg)
    assert lengths
    assert not [v for v in lengths if not re.fullmatch(r"-?\d+(\.\d+)?", v)], lengths


def test_bars_scale_on_shown_rows_only():
    """A hidden row as the longest bar would give its number away through the others' widths."""
    from balai.statistik import chart
    from balai.statistik.dimensi import DIMENSI
    from balai.statistik.selectors import Baris, Tabel

    rows = [Baris(1, "a", 60, 60, 120), Baris(2, "b", 1, 2, 3), Baris(3, "c", 40, 50, 90)]
    rows[0].tersembunyi = {"jumlah"}
    rows[1].kecil = {"laki_laki", "perempuan", "jumlah"}
    bars = chart.batang(Tabel(DIMENSI["agama"], rows, Baris("", "JUMLAH", 101, 112, 213)), lebar=400, label_w=100)
    widths = {b["label"]: b["w_lk"] + b["w_pr"] for b in bars["bars"]}
    assert widths["a"] == widths["b"] == 0
    assert widths["c"] == 230  # the full area: c is the longest shown bar
