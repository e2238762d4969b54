"""A new operator kecamatan enrols an authenticator through the kabupaten's link, on a phone
(390 px): the link page, the set-up page and the kabupaten's users page fit the screen."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.akun.models import Peran

from .masuk import sign_in

pytestmark = pytest.mark.browser


def _fits(page):
    """Nothing wider than the screen, except inside a table's own scroll box."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(e => {
            if (e.closest('.table-wrap')) return false;
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.right > window.innerWidth + 1;
        }).map(e => e.tagName + '.' + e.className)"""
    )


def test_kabupaten_sends_a_link_and_the_operator_enrols_with_it(browser, site, make_user, kaligondang):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    device = TOTPDevice.objects.create(user=admin, name="hp", confirmed=True)
    op = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    kab = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}).new_page()
    sign_in(kab, site(None, "/masuk/"), admin.username, device)
    kab.goto(site(None, "/dasbor/pengguna/"))
    assert not _fits(kab), _fits(kab)
    row = kab.locator("tr", has_text=op.username)
    assert "belum" in row.inner_text()
    row.get_by_role("button", name="Buat tautan 2FA").click()
    kab.wait_for_load_state("networkidle")
    assert not _fits(kab), _fits(kab)
    link = re.search(r"http://\S+/akun/2fa/tautan/[\w-]+/", kab.content()).group(0)
    assert link.startswith(site("kec-kaligondang", "/akun/2fa/tautan/"))  # the live server's port

    phone = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}).new_page()
    sign_in(phone, site("kec-kaligondang", "/masuk/"), op.username)
    phone.goto(site("kec-kaligondang", "/akun/2fa/"))
    assert "tautan pendaftaran" in phone.content() and "<svg" not in phone.content()
    assert not _fits(phone), _fits(phone)
    phone.goto(link)
    phone.wait_for_load_state("networkidle")
    assert phone.url.endswith("/akun/2fa/") and phone.locator(".qr svg").count() == 1
    assert not _fits(phone), _fits(phone)
    pending = TOTPDevice.objects.get(user=op, confirmed=False)
    phone.get_by_label(re.compile("Kode 6 digit")).fill(f"{totp(pending.bin_key):06d}")
    phone.get_by_role("button", name="Aktifkan").click()
    phone.wait_for_load_state("networkidle")
    assert TOTPDevice.objects.filter(user=op, confirmed=True).exists()
    kab.goto(site(None, "/dasbor/pengguna/"))
    assert "sudah" in kab.locator("tr", has_text=op.username).inner_text()
