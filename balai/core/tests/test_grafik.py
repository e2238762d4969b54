from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from balai.core.grafik import Skala, baris, desimal, legenda, maksimum, panjang, tinggi_grafik, ujung


def test_length_is_a_share_of_the_area_to_a_tenth():
    assert panjang(1, 3, 100) == 33.3
    assert panjang(3, 3, 100) == 100
    assert panjang(Decimal("1250000.50"), Decimal("5000000"), 360) == 90.0


def test_nothing_or_an_empty_axis_draws_nothing():
    assert panjang(0, 10, 100) == 0
    assert panjang(None, 10, 100) == 0
    assert panjang(5, 0, 100) == 0


def test_the_largest_value_has_a_floor():
    assert maksimum([3, 7, 2]) == 7
    assert maksimum([]) == 0
    assert maksimum([0, 0], paling_kecil=1) == 1
    assert maksimum(iter([Decimal("2.5")])) == Decimal("2.5")


def test_segments_are_laid_end_to_end():
    skala = Skala(10, 200)
    a, b, c = skala.tumpuk([2, 0, 5], x=50)
    assert (a.x, a.w) == (50, 40)
    assert (b.x, b.w) == (90, 0)
    assert (c.x, c.w) == (90, 100)
    assert ujung([a, b, c]) == 190
    assert ujung([], x=50) == 50


@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=12), st.integers(min_value=1, max_value=2000))
def test_stacked_segments_never_pass_the_area(nilai, area):
    """Scaled to their sum, segments end at the area's end (give or take the rounding to 0.1)."""
    total = sum(nilai)
    segmen = Skala(total, area).tumpuk(nilai)
    assert len(segmen) == len(nilai)
    assert all(s.w >= 0 for s in segmen)
    assert ujung(segmen) <= area + 0.05 * len(nilai) + 1e-9
    if total:
        assert abs(ujung(segmen) - area) <= 0.05 * len(nilai) + 1e-9


def test_rows_heights_and_legend():
    assert baris(0, tinggi=22, teks=15) == (0, 15)
    assert baris(3, tinggi=22, teks=15) == (66, 81)
    assert tinggi_grafik(0, tinggi_baris=22, tepi=24, minimal_baris=1) == 46
    assert tinggi_grafik(4, tinggi_baris=22, tepi=24, minimal_baris=1) == 112
    assert tinggi_grafik(0, tinggi_baris=24, tepi=18) == 18
    assert legenda([("hadir", "Hadir"), ("izin", "Izin")]) == [
        {"kelas": "hadir", "label": "Hadir", "x": 8, "tx": 24},
        {"kelas": "izin", "label": "Izin", "x": 112, "tx": 128},
    ]


def test_numbers_are_written_with_a_decimal_comma():
    assert desimal(12.345) == "12,3"
    assert desimal(Decimal("99.96")) == "100,0"
    assert desimal(5, 0) == "5"
