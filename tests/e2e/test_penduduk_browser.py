import csv
import datetime
import io
import random
import re

import pytest

from balai.akun.models import Peran
from balai.penduduk.opensid import KOLOM
from balai.penduduk.synth import Generator, opensid_row
from conftest import PASSWORD

from .ponsel import pas

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def privat_root(settings, tmp_path):
    settings.BALAI_PRIVAT_ROOT = str(tmp_path / "privat")


def _csv(rows):
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(KOLOM)
    w.writerows(opensid_row(r) for r in rows)
    return out.getvalue().encode()


def test_operator_checks_then_imports_a_register_and_searches_it(page, site, desa_a, make_user):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    gen = Generator(random.Random(7), today=datetime.date(2025, 6, 1))
    rows = list(gen.penduduk("330304", [("Krajan", 1, 1), ("Sindang", 2, 3)], 30))
    csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp_errors.append(m.text))

    page.goto(site("selakambang", "/masuk/"))
    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/$"))

    page.goto(site("selakambang", "/admin-desa/penduduk/impor/"))
    page.get_by_label("Berkas OpenSID").set_input_files(
        {"name": "penduduk.csv", "mimeType": "text/csv", "buffer": _csv(rows)}
    )
    page.get_by_label("Periksa saja").check()
    page.get_by_role("button", name="Unggah").click()
    page.get_by_text("semuanya valid").wait_for()
    assert page.locator("progress").get_attribute("value") == "100"
    page.get_by_role("button", name="Impor berkas ini sekarang").click()
    page.get_by_text(f"Selesai: {len(rows)} penduduk baru").wait_for()

    page.goto(site("selakambang", "/admin-desa/penduduk/"))
    target = rows[0]["nama"]
    page.get_by_label("Cari nama/NIK").fill(target)
    page.get_by_label("Cari nama/NIK").press("Enter")
    page.get_by_role("link", name=target).first.wait_for()
    assert "?" not in page.url, "search text must not end up in the address bar"
    page.get_by_role("link", name=target).first.click()
    page.get_by_role("heading", name=target).wait_for()
    assert not csp_errors, csp_errors


def test_resident_list_pages_on_a_phone(page, site, desa_a, make_user):
    """The list's pager on a 390 px screen: next, last and back to the start through htmx, the
    page never wider than the screen, and no search text in the address bar."""
    from django_scopes import scopes_disabled

    from balai.penduduk.tests.factories import make_penduduk

    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    with scopes_disabled():
        for i in range(120):
            make_penduduk(desa_a, nama=f"Warga {i:03d}")
    page.goto(site("selakambang", "/masuk/"))
    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/$"))

    page.goto(site("selakambang", "/admin-desa/penduduk/"))
    page.get_by_text("Halaman 1 dari 3").wait_for()
    page.get_by_role("button", name="Berikutnya ›").click()
    page.get_by_text("Halaman 2 dari 3").wait_for()
    assert page.get_by_role("link", name="Warga 050").is_visible()
    page.get_by_role("button", name="Akhir »").click()
    page.get_by_text("Halaman 3 dari 3").wait_for()
    assert page.get_by_role("link", name="Warga 119").count() == 1
    pager = page.locator("form.pager").bounding_box()
    assert pager["x"] >= 0 and pager["x"] + pager["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="‹ Sebelumnya").click()
    page.get_by_text("Halaman 2 dari 3").wait_for()
    page.get_by_role("button", name="« Awal").click()
    page.get_by_text("Halaman 1 dari 3").wait_for()
    page.get_by_label("Cari nama/NIK").fill("warga 11")
    page.get_by_label("Cari nama/NIK").press("Enter")
    page.get_by_role("link", name="Warga 119").wait_for()
    assert "?" not in page.url
    # A search's pages are chosen in the name index and read by key: the pager walks them too.
    page.get_by_label("Cari nama/NIK").fill("ARGA 0")
    page.get_by_label("Cari nama/NIK").press("Enter")
    page.get_by_role("link", name="Warga 049").wait_for()
    page.get_by_role("button", name="Berikutnya ›").click()
    page.get_by_role("link", name="Warga 099").wait_for()
    assert page.get_by_role("link", name="Warga 049").count() == 0
    pas(page, "penduduk-cari")
    page.get_by_role("link", name="Warga 050").click()
    page.get_by_role("heading", name="Warga 050").wait_for()
    pas(page, "penduduk-detail")
    page.goto(site("selakambang", "/admin-desa/penduduk/keluarga/"))
    pas(page, "keluarga-daftar")
