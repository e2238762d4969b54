import re

import pytest
from playwright.sync_api import expect

from balai.akun.models import Peran
from conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_operator_publishes_pengumuman_and_residents_see_it(page, site, desa_a, make_user, browser):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    page.goto(site("selakambang", "/admin-desa/pengumuman/"))
    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/pengumuman/$"))

    page.get_by_role("link", name="+ Pengumuman baru").click()
    page.locator("#id_judul").fill("Jadwal Pencairan BLT Tahap 4")
    # The text editor offers no way to add a script; put one into the sent field as an attacker
    # would, to see the server drop it.
    hostile = "<p>Di Balai Desa pukul 08.00.</p><script>alert(1)</script>"
    page.locator("#id_isi").evaluate("(t, v) => { t.value = v; }", hostile)
    page.get_by_label("Penting").check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Pengumuman “Jadwal Pencairan BLT Tahap 4” disimpan.")).to_be_visible()

    # A resident, not signed in, on a phone.
    visitor = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}).new_page()
    dialogs = []
    visitor.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    visitor.goto(site("selakambang", "/pengumuman/"))
    visitor.get_by_role("link", name=re.compile("Jadwal Pencairan BLT Tahap 4")).click()
    expect(visitor.get_by_role("heading", name="Jadwal Pencairan BLT Tahap 4")).to_be_visible()
    expect(visitor.get_by_text("Di Balai Desa pukul 08.00.")).to_be_visible()
    assert dialogs == []
    visitor.context.close()
