import os
import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from balai.akun.models import Peran
from balai.penduduk import kode
from balai.penduduk.tests.factories import make_penduduk
from conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def warga(desa_a):
    import datetime
    from importlib import import_module

    from django.apps import apps

    # Browser tests run on a live server, so the database is flushed after each one, reference
    # codes (loaded by a data migration) included: load them again for the labels.
    import_module("balai.penduduk.migrations.0002_kode_referensi").muat_kode(apps, None)
    kode.reset()
    with scopes_disabled():
        for i in range(40):
            make_penduduk(
                desa_a,
                tanggal_lahir=datetime.date(1950 + i, 1 + i % 12, 1 + i % 27),
                jenis_kelamin=kode.PEREMPUAN if i % 3 else kode.LAKI_LAKI,
                agama=1 if i % 10 else 2,
                cacat=2 if i == 5 else 7,
            )


def _csp_errors(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    return errors


def test_public_statistics_charts(page, site, desa_a, warga):
    errors = _csp_errors(page)
    page.goto(site("selakambang", "/statistik/"))
    assert page.get_by_role("img", name=re.compile("Piramida penduduk")).is_visible()
    # On a phone the data is chosen from a drop-down, not from two dozen chips.
    expect(page.get_by_role("link", name="Disabilitas")).to_be_hidden()
    page.get_by_label("Data yang ditampilkan").select_option("cacat")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(r"\?d=cacat$"))
    assert page.get_by_role("cell", name="< 5").first.is_visible()
    if os.environ.get("BALAI_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["BALAI_SCREENSHOTS"], "statistik-publik.png"), full_page=True)
    assert not errors


def test_back_office_statistics_and_export(page, site, desa_a, warga, make_user):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    errors = _csp_errors(page)
    page.goto(site("selakambang", "/admin-desa/statistik/"))
    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/statistik/$"))
    page.get_by_label("Dimensi").select_option("agama")
    page.get_by_role("button", name="Tampilkan").click()
    # expect() waits for the new table; is_visible() would read the page as it is this instant.
    expect(page.get_by_role("rowheader", name="KRISTEN")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh CSV").click()
    assert info.value.suggested_filename.endswith(".csv")
    if os.environ.get("BALAI_SCREENSHOTS"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=os.path.join(os.environ["BALAI_SCREENSHOTS"], "statistik-desa.png"), full_page=True)
    assert not errors
