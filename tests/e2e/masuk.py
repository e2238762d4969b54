"""Signing in through the real form in a browser test (with the authenticator code when the
account has a device)."""

import re

from django_otp.oath import totp

from conftest import PASSWORD


def sign_in(page, url, username, device=None):
    page.goto(url)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state("networkidle")
    if device is not None:
        page.get_by_label(re.compile("Kode 6 digit")).fill(f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Verifikasi").click()
        page.wait_for_load_state("networkidle")
