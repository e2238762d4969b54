"""Check-in and check-out: proof by the screen's code and/or the geofence, refusals with their
reason, late and early flags, and the page a phone opens from the QR code."""

from datetime import time

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from balai.core.models import AuditEntry
from balai.kehadiran import kode, services
from balai.kehadiran.models import Kehadiran, Metode, NonceQR, PengaturanKehadiran
from balai.kehadiran.services import MASUK, PULANG, AbsenDitolak, Lokasi

from .conftest import KANTOR, waktu

SENIN = (2026, 11, 30)  # a Monday


def _kode(desa, sekarang):
    return kode.buat(desa.pk, sekarang=sekarang.timestamp())[0]


def _absen(desa, perangkat, aksi, sekarang, *, kode_teks=None, lokasi=None):
    with scope(desa=desa):
        return services.absen(
            desa=desa,
            perangkat=perangkat,
            aksi=aksi,
            kode=_kode(desa, sekarang) if kode_teks is None else kode_teks,
            lokasi=lokasi,
            sekarang=sekarang,
        )


def test_check_in_with_the_screen_code_on_time(desa_a, kaur_a):
    hadir = _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 40))
    assert hadir.metode == Metode.QR and hadir.jarak_meter is None
    assert not hadir.terlambat and hadir.tanggal.isoformat() == "2026-11-30"
    with scopes_disabled():
        assert NonceQR.objects.filter(perangkat=kaur_a).count() == 1
        assert AuditEntry.objects.filter(action="kehadiran.masuk", desa=desa_a).exists()


def test_late_after_the_tolerance_counts_minutes_from_the_start(desa_a, kaur_a, aturan_a):
    assert not _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 45)).terlambat  # 15 min: within tolerance
    with scopes_disabled():
        Kehadiran.objects.all().delete()
    hadir = _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 46))
    assert hadir.terlambat and hadir.terlambat_menit == 16


def test_check_out_early_and_on_time(desa_a, kaur_a, aturan_a):
    _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 30))
    hadir = _absen(desa_a, kaur_a, PULANG, waktu(*SENIN, 14, 50))
    assert hadir.pulang_cepat and hadir.pulang_cepat_menit == 40 and hadir.metode_pulang == Metode.QR


def test_friday_has_its_own_closing_time(desa_a, kaur_a, aturan_a):
    with scope(desa=desa_a):
        PengaturanKehadiran.objects.filter(pk=aturan_a.pk).update(jam_pulang_jumat=time(11, 0))
    _absen(desa_a, kaur_a, MASUK, waktu(2026, 12, 4, 7, 30))
    assert not _absen(desa_a, kaur_a, PULANG, waktu(2026, 12, 4, 11, 5)).pulang_cepat


def test_twice_in_a_row_is_refused_with_the_way_out(desa_a, kaur_a):
    _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 30))
    with pytest.raises(AbsenDitolak, match="sudah absen masuk hari ini pukul 07.30.*Absen pulang"):
        _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 35))
    _absen(desa_a, kaur_a, PULANG, waktu(*SENIN, 15, 40))
    with pytest.raises(AbsenDitolak, match="sudah absen pulang hari ini pukul 15.40"):
        _absen(desa_a, kaur_a, PULANG, waktu(*SENIN, 15, 45))
    with scopes_disabled():
        assert Kehadiran.objects.count() == 1


def test_check_out_before_check_in_is_refused(desa_a, kaur_a):
    with pytest.raises(AbsenDitolak, match="belum absen masuk"):
        _absen(desa_a, kaur_a, PULANG, waktu(*SENIN, 15, 40))


def test_replayed_code_is_refused_but_a_colleague_may_scan_the_same_screen(desa_a, kaur_a, sekdes_a):
    sekarang = waktu(*SENIN, 7, 30)
    teks = _kode(desa_a, sekarang)
    _absen(desa_a, kaur_a, MASUK, sekarang, kode_teks=teks)
    _absen(desa_a, sekdes_a, MASUK, sekarang, kode_teks=teks)  # everyone in the office scans it
    with pytest.raises(AbsenDitolak, match="sudah Anda pakai"):
        _absen(
            desa_a,
            kaur_a,
            PULANG,
            waktu(
                *SENIN,
                7,
                30,
            ),
            kode_teks=teks,
        )
    with scopes_disabled():
        assert Kehadiran.objects.filter(pulang__isnull=False).count() == 0


def test_expired_code_is_refused_and_nothing_is_recorded(desa_a, kaur_a):
    lama = _kode(desa_a, waktu(*SENIN, 7, 28))
    with pytest.raises(AbsenDitolak, match="kedaluwarsa"):
        _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 30), kode_teks=lama)
    with scopes_disabled():
        assert not Kehadiran.objects.exists() and not NonceQR.objects.exists()


def test_other_villages_code_is_refused(desa_a, desa_b, kaur_a):
    sekarang = waktu(*SENIN, 7, 30)
    with pytest.raises(AbsenDitolak, match="bukan kode kantor desa ini"):
        _absen(desa_a, kaur_a, MASUK, sekarang, kode_teks=_kode(desa_b, sekarang))


def test_another_villages_official_cannot_be_checked_in_here(desa_a, desa_b, orang):
    asing = orang(desa_b)
    with pytest.raises(AbsenDitolak, match="bukan perangkat desa ini"):
        _absen(desa_a, asing, MASUK, waktu(*SENIN, 7, 30))


# --- geofence --------------------------------------------------------------------------------


def test_inside_the_geofence_records_the_distance(desa_a, kaur_a, geofence_a):
    dekat = Lokasi(KANTOR[0] - 0.0005, KANTOR[1], 12)  # ≈ 55 m south
    hadir = _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 30), lokasi=dekat)
    assert hadir.metode == Metode.QR_LOKASI and hadir.jarak_meter == 56


def test_outside_the_geofence_says_how_far(desa_a, kaur_a, geofence_a):
    jauh = Lokasi(KANTOR[0] - 0.0030, KANTOR[1])  # ≈ 334 m
    with pytest.raises(AbsenDitolak, match=r"Anda berada 334 m dari kantor desa.*radius 100 m"):
        _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 30), lokasi=jauh)
    rumah = Lokasi(-7.42, 109.37)
    with pytest.raises(AbsenDitolak, match=r"Anda berada 5,8 km dari kantor desa"):
        _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 31), lokasi=rumah)
    with scopes_disabled():
        assert not Kehadiran.objects.exists() and not NonceQR.objects.exists()


def test_no_location_when_the_village_asks_for_it(desa_a, kaur_a, geofence_a):
    with pytest.raises(AbsenDitolak, match="Lokasi ponsel belum terkirim"):
        _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 30))


def test_geofence_only_village_needs_no_code(desa_a, kaur_a, geofence_a):
    with scope(desa=desa_a):
        PengaturanKehadiran.objects.filter(pk=geofence_a.pk).update(wajib_qr=False)
    hadir = _absen(desa_a, kaur_a, MASUK, waktu(*SENIN, 7, 30), kode_teks="", lokasi=Lokasi(*KANTOR))
    assert hadir.metode == Metode.LOKASI and hadir.jarak_meter == 0


# --- the pages ---------------------------------------------------------------------------------


@pytest.fixture
def hp_kaur(client_for, desa_a, kaur_a):
    return client_for(desa_a, kaur_a.pengguna)


def test_opening_the_qr_link_checks_the_code_and_uses_nothing(hp_kaur, desa_a):
    teks, _ = kode.buat(desa_a.pk)
    response = hp_kaur.get(reverse("kehadiran:absen") + "?kode=" + teks)
    assert response.status_code == 200
    assert "Absen masuk sekarang" in response.text and teks in response.text
    with scopes_disabled():
        assert not NonceQR.objects.exists()


def test_opening_a_stale_link_says_scan_again(hp_kaur, desa_a):
    import time as t

    teks, _ = kode.buat(desa_a.pk, sekarang=t.time() - 600)
    response = hp_kaur.get(reverse("kehadiran:absen") + "?kode=" + teks)
    assert "kedaluwarsa" in response.text and "Absen masuk sekarang" not in response.text


def test_check_in_and_out_through_the_form(hp_kaur, desa_a, kaur_a):
    url = reverse("kehadiran:absen")
    response = hp_kaur.post(url, {"aksi": "masuk", "kode": kode.buat(desa_a.pk)[0]}, follow=True)
    assert "Absen masuk tercatat pukul" in response.text
    again = hp_kaur.post(url, {"aksi": "masuk", "kode": kode.buat(desa_a.pk)[0]})
    assert again.status_code == 400 and "sudah absen masuk hari ini" in again.text
    # The server's clock decides: the phone cannot send a time.
    response = hp_kaur.post(url, {"aksi": "pulang", "kode": kode.buat(desa_a.pk)[0], "masuk": "07:00"}, follow=True)
    assert "Absen pulang tercatat pukul" in response.text


def test_form_outside_the_geofence_shows_the_distance(hp_kaur, desa_a, geofence_a):
    data = {"aksi": "masuk", "kode": kode.buat(desa_a.pk)[0], "lintang": KANTOR[0] - 0.003, "bujur": KANTOR[1]}
    response = hp_kaur.post(reverse("kehadiran:absen"), data)
    assert response.status_code == 400 and "Anda berada 334 m dari kantor desa" in response.text


def test_staff_without_a_perangkat_get_a_clear_message(client_for, desa_a, operator_a):
    response = client_for(desa_a, operator_a).get(reverse("kehadiran:absen"))
    assert response.status_code == 200 and "belum terhubung dengan data perangkat desa" in response.text


def test_the_screen_shows_a_qr_that_leads_to_the_absen_page(client_for, desa_a, admin_a):
    client = client_for(desa_a, admin_a)
    response = client.get(reverse("kehadiran:layar"))
    assert response.status_code == 200 and "<svg" in response.text and "layar.js" in response.text
    assert "<script>" not in response.text  # no inline script: strict CSP
    partial = client.get(reverse("kehadiran:layar_kode"))
    assert partial.status_code == 200 and "data-sisa" in partial.text and "<html" not in partial.text
    assert partial["Cache-Control"].count("no-store")


def test_the_screen_is_for_those_who_manage_attendance(client_for, desa_a, kaur_a):
    assert client_for(desa_a, kaur_a.pengguna).get(reverse("kehadiran:layar")).status_code == 403
