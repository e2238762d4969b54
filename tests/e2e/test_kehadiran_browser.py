"""An official's phone at 390 px: the camera opens the link in the office screen's QR code, the
official signs in, the browser sends its location, the check-in is recorded, and the history
shows it; no page is wider than the phone."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.kehadiran import kode
from balai.kehadiran.models import Kehadiran, PengaturanKehadiran
from balai.website.models import Perangkat
from tests.e2e.masuk import sign_in
from tests.e2e.test_panel_browser import look

pytestmark = pytest.mark.browser
KANTOR = {"latitude": -7.3942, "longitude": 109.4298}


def test_official_checks_in_from_the_qr_link_and_sees_it(page, site, desa_a, make_user):
    user = make_user(Peran.PERANGKAT_DESA, desa=desa_a, username="kaur.umum", first_name="Wati")
    with scopes_disabled():
        Perangkat.objects.create(desa=desa_a, nama="Wati Rahayu", jabatan="Kaur Umum", pengguna=user)
        PengaturanKehadiran.objects.create(
            desa=desa_a, geofence_aktif=True, lintang=KANTOR["latitude"], bujur=KANTOR["longitude"], radius_meter=100
        )
    # Standing in the office, about 30 m from the point the village set.
    page.context.grant_permissions(["geolocation"], origin=site("selakambang", "/")[:-1])
    page.context.set_geolocation({"latitude": KANTOR["latitude"] + 0.00027, "longitude": KANTOR["longitude"]})

    # What the screen's QR code holds: this village's absen page with a fresh signed code.
    teks, _ = kode.buat(desa_a.pk)
    tautan = site("selakambang", reverse("kehadiran:absen") + "?kode=" + teks)
    sign_in(page, tautan, "kaur.umum")  # not signed in yet: the link survives the sign-in
    assert "/admin-desa/kehadiran/absen/" in page.url
    page.get_by_text(re.compile("Lokasi ditemukan")).wait_for()
    look(page, page.url, "kehadiran-absen")
    page.get_by_text(re.compile("Lokasi ditemukan")).wait_for()
    page.get_by_role("button", name="Absen masuk sekarang").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text(re.compile(r"Absen masuk tercatat pukul \d\d\.\d\d")).is_visible()
    with scopes_disabled():
        hadir = Kehadiran.objects.get(perangkat__pengguna=user)
    assert hadir.metode == "qr_lokasi" and 25 <= hadir.jarak_meter <= 35

    # The same link again is a replayed code, and the page says so.
    page.goto(tautan)
    page.get_by_role("button", name="Absen pulang sekarang").click()
    assert page.get_by_text(re.compile("sudah Anda pakai")).is_visible()

    look(page, site("selakambang", reverse("kehadiran:saya")), "kehadiran-saya")
    assert page.get_by_text("Riwayat").first.is_visible()
    baris = page.locator("table.riwayat tbody tr").first
    assert re.search(r"\d\d\.\d\d", baris.inner_text()) and "Kode QR + lokasi" in baris.inner_text()
    look(page, site("selakambang", reverse("kehadiran:izin_ajukan")), "kehadiran-izin")


def test_office_screen_rotates_its_code_and_the_recap_fits_a_phone(page, site, desa_a, admin_a, client_for):
    from tests.e2e.test_panel_browser import signed_in

    signed_in(page, client_for(desa_a, admin_a), "selakambang.localhost")
    page.goto(site("selakambang", reverse("kehadiran:layar")))
    pertama = page.locator("[data-layar-kode] svg").inner_html()
    # layar.js (self-hosted, allowed by the CSP) fetches the next code when the slot ends.
    page.wait_for_function(
        "awal => document.querySelector('[data-layar-kode] svg').innerHTML !== awal",
        arg=pertama,
        timeout=(kode.SLOT_DETIK + 10) * 1000,
    )
    assert page.locator("[data-layar-galat]").is_hidden()
    look(page, site("selakambang", reverse("kehadiran:layar")), "kehadiran-layar")
    look(page, site("selakambang", reverse("kehadiran:rekap")), "kehadiran-rekap")
    look(page, site("selakambang", reverse("kehadiran:pengaturan")), "kehadiran-pengaturan")
