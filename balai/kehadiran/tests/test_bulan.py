"""The month asked in ?bulan=: anything malformed is this month, never an error."""

from datetime import date

import pytest

from balai.kehadiran.selectors import bulan_dari


@pytest.mark.parametrize("teks", ["", "2026-13", "abc", "1999-05", "99999999999999999999-01", "2026-1-1"])
def test_a_malformed_month_is_this_month(teks):
    assert bulan_dari(teks, hari_ini=date(2026, 12, 4)) == (2026, 12)


def test_a_month_is_read():
    assert bulan_dari("2026-11", hari_ini=date(2026, 12, 4)) == (2026, 11)
