"""APBDes on a 390 px phone: the public infographic fits and reads, and an operator uploads the
xlsx template, sees the dry run's messages (row, cell) and saves it.
Set BALAI_SCREENSHOTS=<folder> to keep screenshots."""

import os
import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from balai.akun.models import Peran
from balai.keuangan.models import Baris
from balai.keuangan.tests.fabrik import XLSX_BAIK, apbdes_contoh, xlsx
from conftest import PASSWORD

from .ponsel import pas

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BALAI_SCREENSHOTS")


def _fits(page, name):
    pas(page, name)


def test_apbdes_publik_di_ponsel(page, site, desa_a):
    with scopes_disabled():
        apbdes_contoh(desa_a, tahun=2025)
        apbdes_contoh(desa_a, tahun=2026)
    page.goto(site("selakambang", "/apbdes/"))
    expect(page.get_by_role("heading", name="APBDes 2026")).to_be_visible()
    expect(page.get_by_role("heading", name="Untuk apa uang desa")).to_be_visible()
    # the bars: drawn, with their labels inside the phone's width
    bars = page.locator("svg.keu-svg rect.realisasi")
    assert bars.count() >= 5
    box = page.locator("svg.keu-svg").first.bounding_box()
    assert box["width"] <= 390 and box["width"] > 300
    _fits(page, "apbdes-publik")
    page.get_by_role("link", name="2025").click()
    expect(page.get_by_role("heading", name="APBDes 2025")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh PDF").click()
    assert download.value.suggested_filename == "apbdes-selakambang-2025.pdf"


def test_operator_mengunggah_templat_dengan_uji_coba(page, site, desa_a, make_user, tmp_path):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    page.goto(site("selakambang", "/admin-desa/apbdes/impor/"))
    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/apbdes/impor/$"))
    _fits(page, "apbdes-impor")

    buruk = tmp_path / "apbdes-buruk.xlsx"
    buruk.write_bytes(xlsx([*XLSX_BAIK, ["4.2.4", "", "", "Bantuan provinsi", "PBP", "seratus juta", None, None]]))
    page.get_by_label("Tahun anggaran").select_option("2026")
    page.get_by_label("Templat Excel").check()
    page.get_by_label("Berkas").set_input_files(str(buruk))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_text("Berkas tidak dapat diimpor")).to_be_visible()
    expect(page.locator("#tabel-masalah")).to_contain_text("F9")
    expect(page.locator("#tabel-masalah")).to_contain_text("bukan angka rupiah")
    _fits(page, "apbdes-uji-ditolak")

    baik = tmp_path / "apbdes.xlsx"
    baik.write_bytes(xlsx(XLSX_BAIK))
    page.goto(site("selakambang", "/admin-desa/apbdes/impor/"))
    page.get_by_label("Tahun anggaran").select_option("2026")
    page.get_by_label("Templat Excel").check()
    page.get_by_label("Berkas").set_input_files(str(baik))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.locator("#tabel-peringatan")).to_contain_text("melebihi anggarannya")
    _fits(page, "apbdes-uji-baik")
    with scopes_disabled():
        assert not Baris.objects.exists()  # the dry run wrote nothing
    page.get_by_role("button", name=re.compile("Simpan ke APBDes 2026")).click()
    expect(page.get_by_role("heading", name="APBDes 2026")).to_be_visible()
    _fits(page, "apbdes-versi")
    with scopes_disabled():
        assert Baris.objects.filter(desa=desa_a).count() == 7
