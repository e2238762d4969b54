"""The kecamatan's table of villages and its read-only page of one village, on a phone (390 px)
and on a desktop (1280 px): nothing pushes the page sideways; on a desktop the wide table
scrolls inside its frame with the village name kept in view."""

from datetime import timedelta

import pytest
from django.utils import timezone

from balai.akun.models import Peran
from balai.wilayah.models import Desa
from tests.e2e.test_panel_browser import look, signed_in

pytestmark = pytest.mark.browser


@pytest.fixture
def kecamatan(kaligondang, desa_a, make_user, make_artikel):
    for i in range(4):
        Desa.objects.create(
            kecamatan=kaligondang, kode=f"33.03.04.20{10 + i}", nama=f"Sidanegara Kulon {i}", slug=f"sidanegara-{i}"
        )
    make_artikel(desa_a, "Kerja bakti", terbit_pada=timezone.now() - timedelta(days=2))
    make_user(Peran.OPERATOR_DESA, desa=desa_a)
    return make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)


def test_the_village_table_and_a_village_page_fit_a_phone(page, site, client_for, kaligondang, desa_a, kecamatan):
    signed_in(page, client_for(kaligondang, kecamatan), "kec-kaligondang.localhost")
    look(page, site("kec-kaligondang", "/dasbor/"), "kec-dasbor-desa")
    assert page.get_by_role("link", name="Selakambang").first.is_visible()
    look(page, site("kec-kaligondang", "/dasbor/?urut=situs.terakhir&arah=turun&bulan=2026-13"), "kec-dasbor-urut")
    assert page.get_by_text("tidak dikenali").is_visible()
    page.get_by_role("link", name="Selakambang").first.click()
    page.wait_for_url(f"**/dasbor/desa/{desa_a.pk}/**")
    assert page.get_by_role("heading", name="Akun petugas").is_visible()
    look(page, page.url, "kec-desa")


def test_the_kabupatens_table_of_a_kecamatan_fits_a_phone(page, site, client_for, make_user, kecamatan):
    signed_in(page, client_for(None, make_user(Peran.ADMIN_KABUPATEN)), "localhost")
    look(page, site(None, "/dasbor/desa/?kecamatan=kaligondang"), "kab-desa-kecamatan")
    page.get_by_role("link", name="Tampilkan angka setiap desa").click()
    page.wait_for_url("**angka=1**")
    look(page, page.url, "kab-desa-angka")
    assert page.locator("table.tabel-desa td.nama").count() == 5


def test_on_a_desktop_the_table_scrolls_in_its_frame_with_names_in_view(
    browser, site, client_for, kaligondang, desa_a, kecamatan
):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        signed_in(page, client_for(kaligondang, kecamatan), "kec-kaligondang.localhost")
        page.goto(site("kec-kaligondang", "/dasbor/"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        wrap = page.locator(".table-wrap:has(table.tabel-desa)")
        wrap.evaluate("e => { e.scrollLeft = 600; }")
        nama = page.locator("table.tabel-desa td.nama").first.bounding_box()
        frame = wrap.bounding_box()
        assert abs(nama["x"] - frame["x"]) < 3  # sticky: still at the left edge after scrolling
    finally:
        context.close()
