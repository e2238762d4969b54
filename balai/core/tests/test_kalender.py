from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.core import kalender
from balai.core.models import HariLibur

pytestmark = pytest.mark.django_db

hari = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


def test_weekend_and_national_holidays_are_not_working_days():
    assert not kalender.hari_kerja(date(2026, 12, 5))  # Saturday
    assert not kalender.hari_kerja(date(2026, 12, 6))  # Sunday
    assert not kalender.hari_kerja(date(2026, 8, 17))  # Hari Kemerdekaan, a Monday
    assert kalender.nama_libur(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"
    assert kalender.hari_kerja(date(2026, 12, 4))


def test_ten_working_days_across_a_weekend():
    # Received Friday 4 December 2026: the 10th working day after it is Friday 18 December.
    assert kalender.tambah_hari_kerja(date(2026, 12, 4), 10) == date(2026, 12, 18)


def test_cuti_bersama_and_christmas_push_the_deadline_across_the_year_end():
    HariLibur.objects.create(tanggal=date(2026, 12, 24), nama="Cuti bersama Natal")
    # From Friday 18 December: 21, 22, 23 work; 24 cuti bersama; 25 Christmas; weekend;
    # 28-31 work; 1 January New Year; weekend; 4 works; 5 Isra Mikraj; 6 and 7 work.
    hasil = kalender.tambah_hari_kerja(date(2026, 12, 18), 10)
    dilewati = {date(2026, 12, 24), date(2026, 12, 25), date(2027, 1, 1), date(2027, 1, 5)}
    hari_kerja = [date(2026, 12, 18) + timedelta(days=i) for i in range(1, 40)]
    hari_kerja = [d for d in hari_kerja if d.weekday() < 5 and d not in dilewati]
    assert hasil == hari_kerja[9] == date(2027, 1, 7)


def test_extra_days_off_are_cached_until_forgotten():
    """Read once, then from the cache; the service that changes them forgets it
    (balai.pemerintahan.services, tested there)."""
    selasa = date(2026, 12, 22)
    assert kalender.hari_kerja(selasa)
    libur = HariLibur.objects.create(tanggal=selasa, nama="Cuti bersama")
    assert kalender.hari_kerja(selasa)  # still the cached calendar
    kalender.lupakan_libur_tambahan()
    assert not kalender.hari_kerja(selasa)
    assert kalender.nama_libur(selasa) == "Cuti bersama"
    libur.delete()
    kalender.lupakan_libur_tambahan()
    assert kalender.hari_kerja(selasa)


def test_the_cache_is_forgotten_again_when_the_change_commits(django_capture_on_commit_callbacks):
    """Another request may cache the old rows while the change is not yet committed."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        kalender.lupakan_libur_tambahan()
    assert kalender.hari_kerja(date(2026, 12, 22))  # cached again before the commit
    HariLibur.objects.create(tanggal=date(2026, 12, 22), nama="Cuti bersama")
    for callback in callbacks:
        callback()
    assert not kalender.hari_kerja(date(2026, 12, 22))


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        kalender.tambah_hari_kerja(date(2026, 1, 5), -1)


@settings(max_examples=150, deadline=None)
@given(mulai=hari, n=st.integers(min_value=0, max_value=60))
def test_deadline_lands_on_a_working_day_and_counts_back_to_n(mulai, n):
    akhir = kalender.tambah_hari_kerja(mulai, n)
    assert kalender.hari_kerja_antara(mulai, akhir) == n
    if n:
        assert kalender.hari_kerja(akhir)
        assert akhir > mulai
        # Never later than needed: one day earlier holds one working day fewer.
        assert kalender.hari_kerja_antara(mulai, akhir - timedelta(days=1)) == n - 1


@settings(max_examples=100, deadline=None)
@given(mulai=hari, a=st.integers(min_value=0, max_value=30), b=st.integers(min_value=0, max_value=30))
def test_deadlines_add_up(mulai, a, b):
    # 10 working days then 7 more (an extension) is the same as 17 at once.
    assert kalender.tambah_hari_kerja(kalender.tambah_hari_kerja(mulai, a), b) == kalender.tambah_hari_kerja(
        mulai, a + b
    )


@settings(max_examples=100, deadline=None)
@given(awal=hari, panjang=st.integers(min_value=0, max_value=45))
def test_working_days_in_a_range_agree_with_the_count(awal, panjang):
    akhir = awal + timedelta(days=panjang)
    dalam = kalender.hari_kerja_dalam(awal, akhir)
    assert len(dalam) == kalender.hari_kerja_antara(awal - timedelta(days=1), akhir)
    assert all(d.weekday() < 5 for d in dalam)
