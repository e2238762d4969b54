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
