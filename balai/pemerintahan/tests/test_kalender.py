from datetime import date

import pytest

from balai.akun.models import Peran
from balai.core import kalender
from balai.core.models import HariLibur
from balai.pemerintahan import services

pytestmark = pytest.mark.django_db

SELASA = date(2026, 12, 22)


def test_a_holiday_recorded_or_removed_counts_at_once_and_after_the_commit(
    make_user, django_capture_on_commit_callbacks
):
    """The calendar is cached (balai.core.kalender); the services that change it forget it, at
    once and when their change commits."""
    admin = make_user(Peran.ADMIN_KABUPATEN)
    assert kalender.hari_kerja(SELASA)  # cached as a working day
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        libur = services.catat_hari_libur(tanggal=SELASA, nama="Cuti bersama", jenis="cuti_bersama", actor=admin)
        assert not kalender.hari_kerja(SELASA)
    assert callbacks and not kalender.hari_kerja(SELASA)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.hapus_hari_libur(libur=libur, actor=admin)
        assert kalender.hari_kerja(SELASA)
    assert callbacks and kalender.hari_kerja(SELASA)
    assert not HariLibur.objects.exists()
