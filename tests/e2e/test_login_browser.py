import re

import pytest

from balai.akun.models import Peran
from conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_village_operator_signs_in_and_reaches_dashboard(page, site, desa_a, make_user):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a, first_name="Wati")
    page.goto(site("selakambang", "/admin-desa/"))
    assert "/masuk/" in page.url

    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill("keliru-sekali")
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_text("Nama pengguna atau kata sandi salah").is_visible()

    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/$"))
    assert page.get_by_role("heading", name="Dasbor Desa Selakambang").is_visible()
    # On a phone the menu is behind a button; it opens and leads to the module pages.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Wilayah").click()
    assert page.get_by_role("heading", name="Wilayah administratif").is_visible()


def test_operator_of_other_village_is_refused(page, site, desa_a, desa_b, make_user):
    other = make_user(Peran.OPERATOR_DESA, desa=desa_b)
    page.goto(site("selakambang", "/masuk/"))
    page.get_by_label("Nama pengguna").fill(other.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_text("tidak terdaftar untuk situs ini").is_visible()
