"""Back-office pages changed for phones: each fits 390 px without cutting content off.
Set BALAI_SCREENSHOTS=<folder> to keep a screenshot of every page looked at."""

import os
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from balai.akun.models import Peran
from balai.core import audit

from .ponsel import pas

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BALAI_SCREENSHOTS")


def signed_in(page, client, host):
    """Give the browser the session of a test client that is already signed in (2FA done)."""
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host, "path": "/"}]
    )


def look(page, url, name):
    page.goto(url)
    pas(page, name)


@pytest.fixture
def data(desa_a, desa_b, make_user, make_artikel):
    make_artikel(desa_a, "Kerja bakti", terbit_pada=timezone.now() - timedelta(days=2))
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    for i in range(60):
        audit.record(
            action="penduduk.dilihat", actor=operator, desa=desa_a, label=f"Penduduk dengan nama cukup panjang {i}"
        )
    audit.record(
        action="artikel.diubah",
        actor=operator,
        desa=desa_a,
        label="Kerja bakti",
        changes={"judul": ["Kerja bakti membersihkan saluran irigasi desa", "Kerja bakti"]},
    )
    return operator


def test_kabupaten_pages_fit_a_phone(page, site, client_for, make_user, data, desa_a, live_server):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    signed_in(page, client_for(None, admin), "localhost")
    look(page, site(None, "/dasbor/"), "kab-dasbor")
    assert page.get_by_text("situs desa aktif basi").is_visible()
    look(page, site(None, "/dasbor/desa/?q=kaligondang"), "kab-desa-cari")
    assert page.get_by_role("link", name="Kecamatan Kaligondang").is_visible()
    look(page, site(None, "/dasbor/situs/"), "kab-situs")
    look(page, site(None, "/dasbor/pengguna/?2fa=belum"), "kab-pengguna-2fa")
    look(page, site(None, "/dasbor/log/"), "kab-log")

    look(page, site(None, f"/dasbor/desa/{desa_a.pk}/"), "kab-desa-detail")
    page.get_by_role("link", name=re.compile("Nonaktifkan")).click()
    look(page, page.url, "kab-desa-nonaktifkan")
    page.get_by_role("button", name="Ya, nonaktifkan situs Desa Selakambang").click()
    assert page.get_by_text("Situs Desa Selakambang dinonaktifkan").is_visible()

    visitor = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    response = visitor.goto(site("selakambang", "/"))
    assert response.status == 503
    look(visitor, site("selakambang", "/"), "desa-tidak-aktif")
    assert visitor.get_by_role("heading", name="Situs sedang tidak aktif").is_visible()
    visitor.context.close()


def test_village_pages_fit_a_phone(page, site, client_for, data, desa_a):
    signed_in(page, client_for(desa_a, data), "selakambang.localhost")
    look(page, site("selakambang", "/admin-desa/log/"), "desa-log")
    assert page.locator("table.log").get_by_text("Data penduduk dibuka").first.is_visible()
    look(page, site("selakambang", "/admin-desa/artikel/"), "desa-artikel")
    look(page, site("selakambang", "/admin-desa/situs/"), "desa-tampilan")
    swatch = page.locator("input[type=color]")
    assert swatch.bounding_box()["width"] >= 40 and swatch.bounding_box()["height"] >= 30  # not a grey line
    page.locator("#id_warna_tema").fill("#123abc")
    assert swatch.input_value() == "#123abc"
