"""The birth form and the move between villages in a real browser on a phone-wide screen
(390 px): nothing wider than the screen, no script errors under the strict CSP."""

import os
import re

import pytest
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.penduduk import kode
from balai.penduduk.tests.factories import make_keluarga, make_penduduk
from conftest import PASSWORD

pytestmark = pytest.mark.browser

# Set to a folder to keep screenshots of the pages (to look at them).
SCREENSHOTS = os.environ.get("BALAI_SCREENSHOTS")


def _masuk(page, site, slug, user):
    page.goto(site(slug, "/masuk/"))
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/$"))


def _muat_layar(page, name):
    page.wait_for_load_state("load")  # a form just sent: measure the page it led to, not a blank one
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 390, f"{name}: page is {lebar}px wide on a 390px screen"


def test_birth_form_on_a_phone(page, site, desa_a, make_user):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    with scopes_disabled():
        kk = make_keluarga(desa_a)
        make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA, nama="Budi Santoso")
        make_penduduk(desa_a, keluarga=kk, shdk=3, nama="Sri Wahyuni", jenis_kelamin=kode.PEREMPUAN)
    problems = []
    page.on("console", lambda m: "Content Security Policy" in m.text and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    _masuk(page, site, "selakambang", operator)

    page.goto(site("selakambang", "/admin-desa/penduduk/"))
    page.get_by_role("link", name="+ Kelahiran").click()
    page.get_by_label("Cari KK").fill("budi")
    page.get_by_label("Cari KK").press("Enter")
    page.get_by_role("link", name="Pilih KK ini").wait_for()
    _muat_layar(page, "lahir-pilih-kk")
    page.get_by_role("link", name="Pilih KK ini").click()
    page.get_by_role("heading", name="Catat kelahiran").wait_for()
    _muat_layar(page, "lahir-form")
    page.get_by_label("Nama:", exact=True).fill("Bayi Santoso")
    page.get_by_label("Jenis kelamin").select_option(label="LAKI-LAKI")
    page.get_by_label("Tanggal lahir").fill("2025-01-02")
    page.get_by_label("Tempat dilahirkan").select_option(label="Puskesmas")
    page.get_by_label("Penolong kelahiran").select_option(label="Bidan/perawat")
    page.get_by_label("Jenis kelahiran").select_option(label="Tunggal")
    page.get_by_role("button", name="Catat kelahiran").click()
    _muat_layar(page, "lahir-hasil")
    page.get_by_text("Kelahiran Bayi Santoso dicatat di KK ini.").wait_for()
    page.get_by_text("Sri Wahyuni").first.wait_for()
    _muat_layar(page, "lahir-detail")
    assert not problems, problems


def test_move_between_villages_on_a_phone(page, site, desa_a, desa_b, make_user):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    with scopes_disabled():
        kk = make_keluarga(desa_a)
        make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA, nama="Budi Santoso")
        rina = make_penduduk(desa_b, nama="Rina Pindahan", jenis_kelamin=kode.PEREMPUAN)
    _masuk(page, site, "selakambang", operator)
    page.goto(site("selakambang", "/admin-desa/penduduk/"))
    page.get_by_role("link", name="+ Datang dari desa lain").click()
    _muat_layar(page, "pindah-antar-desa-form")
    page.get_by_label("NIK penduduk yang pindah").fill(rina.nik)
    page.get_by_label("Tanggal pindah").fill("2025-01-02")
    page.get_by_label("Masuk ke KK desa ini (nomor KK)").fill(kk.no_kk)
    page.get_by_label("Hubungan dalam keluarga (SHDK)").select_option(label="FAMILI LAIN")
    page.get_by_label("Alasan pindah").select_option(label="Keluarga")
    page.get_by_role("button", name="Ajukan").click()
    page.get_by_text("Menunggu konfirmasi desa asal").wait_for()
    _muat_layar(page, "pindah-antar-desa-daftar")
