import datetime
import os
import re

import pytest
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.penduduk import kode
from balai.penduduk.models import Peristiwa
from balai.penduduk.tests.factories import make_keluarga, make_penduduk
from conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_operator_views_and_downloads_a_book(page, site, desa_a, make_user):
    with scopes_disabled():
        kk = make_keluarga(desa_a, alamat="Jl. Melati 3")
        make_penduduk(desa_a, nama="Slamet Widodo", keluarga=kk, shdk=1)
        bayi = make_penduduk(
            desa_a,
            nama="Putri Ayu",
            keluarga=kk,
            shdk=4,
            status_kawin=1,
            jenis_kelamin=kode.PEREMPUAN,
            tanggal_lahir=datetime.date(2025, 3, 5),
        )
        Peristiwa.objects.create(desa=desa_a, penduduk=bayi, jenis=Peristiwa.Jenis.LAHIR, tanggal=bayi.tanggal_lahir)
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site("selakambang", "/admin-desa/laporan/"))
    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/laporan/$"))
    page.get_by_role("link", name="Lihat").first.click()
    page.wait_for_url(re.compile(r"/admin-desa/laporan/induk/$"))
    assert page.get_by_role("cell", name="Slamet Widodo").is_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh XLSX").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    page.goto(site("selakambang", "/admin-desa/laporan/mutasi/?bulan=3&tahun=2025"))
    assert page.get_by_role("cell", name="Putri Ayu").is_visible()
    assert page.get_by_role("cell", name="Lahir").is_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh PDF").click()
    assert info.value.suggested_filename == "buku-mutasi-penduduk-desa-selakambang-2025-03.pdf"
    if os.environ.get("BALAI_SCREENSHOTS"):
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(site("selakambang", "/admin-desa/laporan/rekapitulasi/?bulan=3&tahun=2025"))
        page.screenshot(path=os.path.join(os.environ["BALAI_SCREENSHOTS"], "laporan-rekap.png"), full_page=True)
        page.goto(site("selakambang", "/admin-desa/laporan/"))
        page.screenshot(path=os.path.join(os.environ["BALAI_SCREENSHOTS"], "laporan-daftar.png"), full_page=True)
    assert not errors
