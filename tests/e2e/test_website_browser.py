import re

import pytest

from balai.akun.models import Peran
from conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_operator_writes_and_publishes_an_article(page, site, desa_a, make_user):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a, first_name="Wati")
    page.goto(site("selakambang", "/admin-desa/artikel/tambah/"))
    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/artikel/tambah/$"))

    page.locator("#id_judul").fill("Kerja bakti membersihkan saluran irigasi")
    # The rich-text editor (pell) replaces the textarea; type into it like an operator would.
    editor = page.locator(".rte .pell-content")
    editor.click()
    editor.type("Warga RW 02 bergotong royong sejak pagi.")
    page.get_by_role("button", name="Tebal").click()
    editor.type(" Terima kasih!")
    page.get_by_label("Terbitkan sekarang").check()
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Artikel “Kerja bakti membersihkan saluran irigasi” diterbitkan.").is_visible()

    public = page.context.browser.new_context().new_page()  # an anonymous visitor
    public.goto(site("selakambang", "/"))
    public.get_by_role("link", name="Kerja bakti membersihkan saluran irigasi").first.click()
    public.wait_for_url(re.compile(r"/artikel/kerja-bakti-membersihkan-saluran-irigasi/$"))
    assert public.get_by_role("heading", name="Kerja bakti membersihkan saluran irigasi").is_visible()
    assert public.get_by_text("Warga RW 02 bergotong royong sejak pagi.").is_visible()
    assert public.locator(".isi b, .isi strong").count() == 1
