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


def test_masked_chart_draws_published_counts_only(desa_a, warga_a, client_for):
    """The chart of a sensitive dimension: one bar per category from the rounded count, no
    laki-laki/perempuan bars, and no exact count in titles, labels or attributes."""
    body = client_for(desa_a).get("/statistik/?d=cacat").content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert 'class="lk"' not in svg and 'class="pr"' not in svg
    assert "dibulatkan ke kelipatan 5" in svg
    numbers = {int(n) for n in re.findall(r">\s*(\d+)\s*<", svg)} | {
        int(n) for n in re.findall(r"<title>[^<]*?(\d+)[^<]*</title>", svg)
    }
    assert all(n % 5 == 0 for n in numbers), numbers
