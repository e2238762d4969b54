"""The public sites on a phone (390 px wide): a folding menu, charts and tables that fit or
scroll, the kabupaten directory that can be filtered, the search box in the header."""

import os
import re

import pytest
from playwright.sync_api import expect

from .test_statistik_browser import warga  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

LEBAR = 390


def _shot(page, name):
    if os.environ.get("BALAI_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["BALAI_SCREENSHOTS"], f"{name}.png"), full_page=True)


def _csp_errors(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def _lebar_halaman(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_phone_menu_folds_and_the_header_search_finds(page, site, desa_a):
    errors = _csp_errors(page)
    page.goto(site("selakambang", "/"))
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Navigasi situs")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Pengumuman")).to_be_hidden()
    assert page.locator(".site-header").bounding_box()["height"] < 120  # one row, not four
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Pengumuman")).to_be_visible()
    _shot(page, "publik-menu-terbuka")
    page.get_by_role("searchbox", name="Cari di situs ini").fill("musyawarah")
    page.get_by_role("searchbox", name="Cari di situs ini").press("Enter")
    page.wait_for_url(re.compile(r"/cari/\?q=musyawarah$"))
    expect(page.get_by_role("status")).to_contain_text("musyawarah")
    assert _lebar_halaman(page) <= LEBAR
    assert not errors, errors


def test_phone_menu_without_javascript_stays_open(browser, site, desa_a):
    context = browser.new_context(viewport={"width": LEBAR, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site("selakambang", "/"))
    expect(page.get_by_role("navigation", name="Navigasi situs").get_by_role("link", name="Pengumuman")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    context.close()


def test_statistics_fit_a_phone(page, site, desa_a, warga):  # noqa: F811
    page.goto(site("selakambang", "/statistik/"))
    pyramid = page.get_by_role("img", name=re.compile("Piramida penduduk"))
    box = pyramid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= LEBAR, box  # the whole pyramid is on the screen
    assert _lebar_halaman(page) <= LEBAR
    # The table is wider than the phone: its box scrolls sideways (and says so).
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")
    wrap.evaluate("el => { el.scrollLeft = 1000; }")
    assert wrap.evaluate("el => el.scrollLeft") > 0
    expect(page.get_by_text("Geser tabel ke samping")).to_be_visible()
    _shot(page, "publik-statistik-ponsel")


def test_kabupaten_directory_filters_as_you_type(page, site, desa_a, desa_b):
    errors = _csp_errors(page)
    page.goto(site(None, "/"))
    kotak = page.get_by_label("Cari desa, kelurahan, kecamatan atau berita")
    expect(page.get_by_role("link", name="Desa Selakambang")).to_be_hidden()  # folded per kecamatan
    page.get_by_text("Kecamatan Kaligondang", exact=True).click()
    expect(page.get_by_role("link", name="Desa Selakambang")).to_be_visible()
    kotak.type("karangp")
    expect(page.get_by_role("link", name="Desa Karangpetir")).to_be_visible()
    expect(page.get_by_role("link", name="Desa Selakambang")).to_be_hidden()
    expect(page.locator("#direktori-status")).to_have_text(re.compile(r"^1 desa/kelurahan cocok"))
    _shot(page, "publik-direktori-ponsel")
    kotak.press("Enter")  # the same box searches on the server too
    page.wait_for_url(re.compile(r"/cari/\?q=karangp$"))
    expect(page.get_by_role("link", name="Desa Karangpetir")).to_be_visible()
    assert not errors, errors
