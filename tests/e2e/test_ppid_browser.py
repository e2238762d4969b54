"""A visitor on a 390 px phone files a request for information and reaches its status page;
the PPID pages fit the width. Set BALAI_SCREENSHOTS=<folder> to keep screenshots."""

import io
import os

import pytest
from django_scopes import scopes_disabled
from PIL import Image
from playwright.sync_api import expect

from balai.ppid.models import Permohonan

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BALAI_SCREENSHOTS")


def _pas(page, name):
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
        ".slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + (e.name || ''))"
    )
    assert width <= 390, f"{name} is {width}px wide on a 390px phone: {wide}"
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_visitor_files_a_request_and_sees_its_status(page, site, desa_a, tmp_path):
    foto = tmp_path / "ktp.jpg"
    out = io.BytesIO()
    Image.new("RGB", (80, 50), (180, 160, 140)).save(out, "JPEG")
    foto.write_bytes(out.getvalue())
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(site("selakambang", "/ppid/"))
    _pas(page, "ppid-profil")
    page.goto(site("selakambang", "/ppid/informasi/"))
    _pas(page, "ppid-informasi")

    page.goto(site("selakambang", "/ppid/permohonan/"))
    _pas(page, "ppid-permohonan")
    kotak = page.locator(".ppid-hp").bounding_box()  # the honeypot: there for robots only
    assert kotak is None or kotak["width"] <= 1
    page.locator("#id_nama").fill("Siti Rahayu")
    page.locator("#id_nomor_identitas").fill("3303044101900001")
    page.locator("#id_alamat").fill("RT 02 RW 01 Selakambang")
    page.locator("#id_telepon").fill("081234567890")
    page.locator("#id_rincian").fill("Salinan APBDes tahun berjalan")
    page.locator("#id_tujuan").fill("Bahan diskusi warga")
    page.get_by_label("Mendapatkan salinan hardcopy").check()
    page.get_by_label("Mengambil langsung").check()
    page.get_by_label("Foto/pindaian KTP").set_input_files(str(foto))
    page.get_by_role("button", name="Kirim permohonan").click()

    expect(page.get_by_role("heading", name="Status permohonan informasi")).to_be_visible()
    with scopes_disabled():
        item = Permohonan.objects.get()
    expect(page.locator("main")).to_contain_text(item.nomor)
    expect(page.locator("main")).to_contain_text("Sedang diproses")
    expect(page.locator("main")).not_to_contain_text("Siti Rahayu")
    assert page.url.endswith(f"/ppid/status/{item.token}/")
    _pas(page, "ppid-status")
    assert not errors, errors
