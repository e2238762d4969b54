"""Who may use which attendance page, the dashboard card and the menus, and the query counts of
the pages an official opens every day."""

import pytest
from django.urls import reverse
from django_scopes import scope

from balai.akun.izin import PERAN_IZIN
from balai.akun.models import Peran
from balai.kehadiran import kode, selectors, services


@pytest.mark.parametrize(
    "peran,boleh",
    [
        (Peran.ADMIN_DESA, True),
        (Peran.KEPALA_DESA, True),
        (Peran.SEKDES, True),
        (Peran.OPERATOR_DESA, False),
        (Peran.PERANGKAT_DESA, False),
        (Peran.PPID_DESA, False),
        (Peran.OPERATOR_KECAMATAN, False),
    ],
)
def test_who_manages_attendance(peran, boleh):
    assert ("kehadiran.kelola" in PERAN_IZIN[peran]) is boleh


@pytest.mark.parametrize("peran", [Peran.ADMIN_DESA, Peran.OPERATOR_DESA, Peran.KEPALA_DESA, Peran.SEKDES,
                                   Peran.PERANGKAT_DESA, Peran.PPID_DESA])  # fmt: skip
def test_every_village_role_records_its_own_attendance(peran):
    assert "kehadiran.catat" in PERAN_IZIN[peran]


@pytest.mark.parametrize("nama", ["layar", "layar_kode", "rekap", "pengaturan", "izin_daftar"])
def test_management_pages_refuse_an_official(client_for, desa_a, kaur_a, nama):
    assert client_for(desa_a, kaur_a.pengguna).get(reverse(f"kehadiran:{nama}")).status_code == 403


def test_another_villages_staff_are_refused_on_this_host(client_for, desa_a, desa_b, orang):
    asing = orang(desa_b)
    assert client_for(desa_a, asing.pengguna).get(reverse("kehadiran:saya")).status_code == 403


def test_settings_form_refuses_a_geofence_without_a_point(client_for, desa_a, admin_a):
    data = {"jam_masuk": "07:30", "jam_pulang": "15:30", "toleransi_menit": 15, "geofence_aktif": "on",
            "radius_meter": 100}  # fmt: skip
    response = client_for(desa_a, admin_a).post(reverse("kehadiran:pengaturan"), data)
    assert "Isi titik kantor untuk memakai geofence" in response.text
    data.update(lintang="-7.3942", bujur="109.4298", radius_meter=5)
    response = client_for(desa_a, admin_a).post(reverse("kehadiran:pengaturan"), data)
    assert "radius" in response.text.lower() and response.status_code == 200
    data.update(radius_meter=80, jam_pulang="07:00")
    assert (
        "Jam pulang harus setelah jam masuk"
        in client_for(desa_a, admin_a).post(reverse("kehadiran:pengaturan"), data).text
    )
    data.update(jam_pulang="15:30")
    response = client_for(desa_a, admin_a).post(reverse("kehadiran:pengaturan"), data, follow=True)
    assert "Pengaturan kehadiran disimpan" in response.text
    with scope(desa=desa_a):
        aturan = services.pengaturan_desa(desa_a)
    assert aturan.geofence_aktif and aturan.radius_meter == 80 and not aturan.wajib_qr


def test_dashboard_card_shows_who_is_in(client_for, desa_a, admin_a, kaur_a, kepala_a):
    with scope(desa=desa_a):
        services.absen(desa=desa_a, perangkat=kaur_a, aksi=services.MASUK, kode=kode.buat(desa_a.pk)[0])
    response = client_for(desa_a, admin_a).get("/admin-desa/")
    assert "Kehadiran hari ini" in response.text and "1</strong> dari 2 perangkat" in response.text


def test_dashboard_card_is_not_shown_to_an_official(client_for, desa_a, kaur_a):
    assert "Kehadiran hari ini" not in client_for(desa_a, kaur_a.pengguna).get("/admin-desa/").text


def test_daily_pages_in_bounded_queries(client_for, desa_a, kaur_a, admin_a, orang, django_assert_max_num_queries):
    for i in range(8):
        orang(desa_a, jabatan=f"Kadus {i}")
    hp = client_for(desa_a, kaur_a.pengguna)
    with django_assert_max_num_queries(16):
        assert hp.get(reverse("kehadiran:saya")).status_code == 200
    with django_assert_max_num_queries(14):
        assert hp.get(reverse("kehadiran:absen") + "?kode=" + kode.buat(desa_a.pk)[0]).status_code == 200
    kantor = client_for(desa_a, admin_a)
    with django_assert_max_num_queries(12):
        assert kantor.get(reverse("kehadiran:layar_kode")).status_code == 200


def test_papan_counts_in_fixed_queries(desa_a, orang, django_assert_num_queries):
    for i in range(5):
        orang(desa_a, jabatan=f"Kadus {i}")
    with scope(desa=desa_a), django_assert_num_queries(4):  # 3 + the calendar's table, then cached
        papan = selectors.papan_hari_ini(desa=desa_a)
    assert len(papan["papan"]) == 5
