import re

import pytest
from django_scopes import scopes_disabled

from balai.penduduk.tests.factories import make_penduduk

pytestmark = pytest.mark.django_db


@pytest.fixture
def kristen(desa_a, warga_banyak):
    """Four more Christians: 6 in 64 residents, a public agama row with a number (5) and a bar,
    below 64 // k for any agama code list of up to 9 codes."""
    with scopes_disabled():
        for _ in range(4):
            make_penduduk(desa_a, agama=2)


@pytest.mark.parametrize("dimensi", ["umur", "agama"])
def test_chart_lengths_use_a_decimal_point(desa_a, kristen, client_for, dimensi):
    """SVG lengths need a decimal point whatever the page's locale (Indonesian writes a comma)."""
    body = client_for(desa_a).get(f"/statistik/?d={dimensi}").content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    lengths = re.findall(r'\b(?:x|y|width|height)="([^"]*)"', svg)
    assert lengths and [v for v in lengths if "." in v]
    assert not [v for v in lengths if not re.fullmatch(r"-?\d+(\.\d+)?", v)], lengths


@pytest.mark.parametrize("dimensi", ["agama", "cacat"])
def test_masked_chart_shows_the_table_numbers_only(desa_a, kristen, client_for, dimensi):
    """The chart of a sensitive dimension: one bar per category from the published count, no
    laki-laki/perempuan bars, and no number in titles, labels or attributes other than the
    table's own; bar lengths are shares of the published total."""
    body = client_for(desa_a).get(f"/statistik/?d={dimensi}").content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    table = body[body.index('<table class="statistik">') : body.index("</table>")]
    assert 'class="lk"' not in svg and 'class="pr"' not in svg
    assert "dibulatkan ke kelipatan 5" in svg
    cells = re.findall(r'<td class="num">([^<]*)</td>', table)
    angka = re.findall(r'<text class="angka"[^>]*>([^<]*)</text>', svg)
    judul = re.findall(r"<g><title>[^<]*: ([^<]*)</title>", svg)
    assert angka and angka == judul and set(angka) <= set(cells), (angka, judul, cells)
    legend = "Jumlah, dibulatkan ke kelipatan 5"
    rest = re.sub(r'<text class="angka"[^>]*>[^<]*</text>|<title>[^<]*</title>|' + legend, "", svg)
    assert not re.findall(r">[^<]*\d[^<]*<", rest)  # no other number in any text
    total = int(cells[-1])
    for title, width in re.findall(r'<title>[^<]*: (\d+)</title>.*?<rect class="jml" [^>]*width="([^"]+)"', svg, re.S):
        assert float(width) == round(340 * int(title) / total, 1)
