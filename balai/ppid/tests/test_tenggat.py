"""Deadline arithmetic through the shared working-day calendar: weekends, national holidays,
the kabupaten's cuti bersama, year ends and the extension."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balai.core import kalender
from balai.core.kalender import hari_kerja, hari_kerja_antara
from balai.core.models import HariLibur
from balai.ppid import tenggat as tg

pytestmark = pytest.mark.django_db

tanggal = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(tanggal)
def test_answer_deadline_is_the_tenth_working_day(diterima):
    batas = tg.tenggat_jawab(diterima)
    assert hari_kerja(batas)
    assert hari_kerja_antara(diterima, batas) == 10
    # ten working days always hold two weekends (fewer calendar days only from a weekend arrival)
    assert (batas - diterima).days >= (14 if diterima.weekday() < 5 else 12)


@settings(max_examples=200, deadline=None)
@given(tanggal)
def test_extension_adds_seven_working_days_once(diterima):
    batas = tg.tenggat_jawab(diterima)
    diperpanjang = tg.tenggat_diperpanjang(batas)
    assert hari_kerja(diperpanjang)
    assert hari_kerja_antara(batas, diperpanjang) == 7
    assert hari_kerja_antara(diterima, diperpanjang) == 17


@settings(max_examples=200, deadline=None)
@given(tanggal, st.integers(min_value=0, max_value=60))
def test_objection_window_is_thirty_working_days_after_the_answer(diterima, hari_jawab):
    batas = tg.tenggat_jawab(diterima)
    dijawab = diterima + timedelta(days=hari_jawab)
    mulai, akhir = tg.jendela_keberatan(jawaban_tanggal=dijawab, tenggat=batas, hari=dijawab)
    assert mulai == dijawab and hari_kerja_antara(dijawab, akhir) == 30


@settings(max_examples=100, deadline=None)
@given(tanggal)
def test_unanswered_request_opens_the_window_only_after_the_deadline(diterima):
    batas = tg.tenggat_jawab(diterima)
    assert tg.jendela_keberatan(jawaban_tanggal=None, tenggat=batas, hari=batas) == (None, None)
    mulai, akhir = tg.jendela_keberatan(jawaban_tanggal=None, tenggat=batas, hari=batas + timedelta(days=1))
    assert mulai == batas and hari_kerja_antara(batas, akhir) == 30


@settings(max_examples=100, deadline=None)
@given(tanggal, st.integers(min_value=-40, max_value=40))
def test_state_and_days_left_agree(batas, geser):
    hari = batas + timedelta(days=geser)
    sisa = tg.sisa_hari_kerja(batas, hari)
    keadaan = tg.keadaan(batas, hari)
    if hari > batas:
        assert keadaan == "terlambat" and sisa <= 0
    else:
        assert sisa >= 0
        assert keadaan == ("segera" if sisa <= tg.HARI_SEGERA else "aman")


def test_weekend_and_new_year_are_skipped():
    # Arrives Monday 22 Dec 2025: 25 Dec (Natal) and 1 Jan 2026 (Tahun Baru) are holidays.
    batas = tg.tenggat_jawab(date(2025, 12, 22))
    assert batas.year == 2026
    hari = [date(2025, 12, 22) + timedelta(days=i) for i in range(1, (batas - date(2025, 12, 22)).days + 1)]
    kerja = [h for h in hari if hari_kerja(h)]
    assert len(kerja) == 10 and kerja[-1] == batas
    assert date(2025, 12, 25) not in kerja and date(2026, 1, 1) not in kerja


@pytest.mark.django_db
def test_cuti_bersama_moves_the_deadline():
    diterima = date(2026, 6, 1)  # a Monday
    sebelum = tg.tenggat_jawab(diterima)
    HariLibur.objects.create(tanggal=date(2026, 6, 3), nama="Cuti bersama uji")
    kalender.lupakan_libur_tambahan()
    sesudah = tg.tenggat_jawab(diterima)
    assert sesudah > sebelum
    assert hari_kerja_antara(diterima, sesudah) == 10
    assert not hari_kerja(date(2026, 6, 3))
