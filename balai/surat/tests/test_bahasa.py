import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balai.surat.bahasa import bulan_romawi, rupiah, rupiah_terbilang, tanggal, terbilang


@pytest.mark.parametrize(
    "n, words",
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (15, "lima belas"),
        (20, "dua puluh"),
        (99, "sembilan puluh sembilan"),
        (100, "seratus"),
        (101, "seratus satu"),
        (110, "seratus sepuluh"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1500, "seribu lima ratus"),
        (2000, "dua ribu"),
        (11000, "sebelas ribu"),
        (100000, "seratus ribu"),
        (1000000, "satu juta"),
        (1_250_000, "satu juta dua ratus lima puluh ribu"),
        (2_001_000_011, "dua miliar satu juta sebelas"),
        (1_000_000_000_000, "satu triliun"),
        (-7, "minus tujuh"),
    ],
)
def test_terbilang(n, words):
    assert terbilang(n) == words


@given(st.integers(min_value=1, max_value=10**15 - 1))
def test_terbilang_is_clean_words(n):
    words = terbilang(n)
    assert words == words.strip() and "  " not in words
    assert "nol" not in words
    assert "satu ratus" not in words and "satu puluh" not in words and "satu belas" not in words


def test_terbilang_refuses_too_large():
    with pytest.raises(ValueError):
        terbilang(10**15)


def test_rupiah_and_dates():
    assert rupiah(1500000) == "Rp 1.500.000"
    assert rupiah_terbilang(1500000) == "satu juta lima ratus ribu rupiah"
    assert tanggal(datetime.date(2026, 12, 5)) == "5 Desember 2026"
    assert tanggal(None) == ""
    assert [bulan_romawi(m) for m in (1, 4, 9, 12)] == ["I", "IV", "IX", "XII"]
