from datetime import date

import pytest
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.core import kalender
from balai.core.models import AuditEntry, HariLibur

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(Peran.ADMIN_KABUPATEN)


def test_the_kabupaten_records_a_cuti_bersama_and_deadlines_count_it(client_for, kabupaten, admin):
    client = client_for(kabupaten, admin)
    page = client.get("/dasbor/kalender/?tahun=2026")
    assert "Hari Kemerdekaan Republik Indonesia" in page.content.decode()
    assert kalender.tambah_hari_kerja(date(2026, 12, 21), 3) == date(2026, 12, 24)
    jawab = client.post(
        "/dasbor/kalender/", {"tanggal": "2026-12-24", "nama": "Cuti bersama Natal", "jenis": "cuti_bersama"}
    )
    assert jawab.status_code == 302
    assert kalender.tambah_hari_kerja(date(2026, 12, 21), 3) == date(2026, 12, 28)
    assert "Cuti bersama Natal" in client.get(jawab["Location"]).content.decode()
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="kalender.libur_ditambah").exists()


def test_a_date_recorded_twice_is_refused_with_the_reason(client_for, kabupaten, admin):
    HariLibur.objects.create(tanggal=date(2026, 12, 24), nama="Cuti bersama")
    jawab = client_for(kabupaten, admin).post(
        "/dasbor/kalender/", {"tanggal": "2026-12-24", "nama": "Lagi", "jenis": "cuti_bersama"}
    )
    assert jawab.status_code == 200
    assert "sudah tercatat sebagai hari libur" in jawab.content.decode()
    assert HariLibur.objects.count() == 1


def test_removing_a_holiday_makes_the_day_a_working_day_again(client_for, kabupaten, admin):
    libur = HariLibur.objects.create(tanggal=date(2026, 12, 24), nama="Cuti bersama")
    client = client_for(kabupaten, admin)
    assert client.get(f"/dasbor/kalender/{libur.pk}/hapus/").status_code == 405
    assert client.post(f"/dasbor/kalender/{libur.pk}/hapus/").status_code == 302
    assert kalender.hari_kerja(date(2026, 12, 24))
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="kalender.libur_dihapus").exists()


def test_odd_years_answer_a_clear_page(client_for, kabupaten, admin):
    client = client_for(kabupaten, admin)
    for tahun in ("abc", "-5", "999999999999"):
        assert client.get(f"/dasbor/kalender/?tahun={tahun}").status_code == 200
