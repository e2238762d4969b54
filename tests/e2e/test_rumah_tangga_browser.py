"""The household pages in a real browser: forms without scripts of their own, under the
strict Content-Security-Policy."""

import re

import pytest
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.penduduk import kode
from balai.penduduk.tests.factories import make_keluarga, make_penduduk
from conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_operator_forms_a_household_adds_a_family_and_dissolves_it(page, site, desa_a, make_user):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    with scopes_disabled():
        kk = make_keluarga(desa_a)
        make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA, nama="Sutrisno Wibowo")
        make_penduduk(desa_a, keluarga=kk, shdk=4, nama="Rina Wibowo")
        kk2 = make_keluarga(desa_a)
        make_penduduk(desa_a, keluarga=kk2, shdk=kode.KEPALA_KELUARGA, nama="Joko Santoso")
        make_penduduk(desa_a, keluarga=kk2, shdk=3, nama="Tuti Santoso")
    problems = []
    page.on("console", lambda m: "Content Security Policy" in m.text and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(site("selakambang", "/masuk/"))
    page.get_by_label("Nama pengguna").fill(operator.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin-desa/$"))

    page.goto(site("selakambang", "/admin-desa/penduduk/rumah-tangga/"))
    page.get_by_role("link", name="+ Rumah tangga").click()
    page.get_by_label("Cari nama/NIK").fill("sutrisno")
    page.get_by_label("Cari nama/NIK").press("Enter")
    page.get_by_role("button", name="Jadikan kepala").click()
    page.get_by_role("heading", name="Rumah tangga RTM-0001").wait_for()
    assert "?" not in page.url
    page.get_by_role("link", name="Rina Wibowo").wait_for()

    page.get_by_role("link", name="+ Anggota").click()
    page.get_by_label("Cari nama/NIK").fill("tuti")
    page.get_by_label("Cari nama/NIK").press("Enter")
    page.get_by_role("button", name="Tambahkan se-KK").click()
    page.get_by_text("Ditambahkan ke rumah tangga RTM-0001: Joko Santoso, Tuti Santoso.").wait_for()
    page.get_by_text("4 orang hidup, dari 2 KK").wait_for()

    page.get_by_role("link", name="Bubarkan rumah tangga").click()
    page.get_by_role("button", name="Ya, bubarkan").click()
    page.get_by_text("Rumah tangga RTM-0001 dibubarkan").wait_for()
    page.get_by_text("Belum ada rumah tangga tercatat di desa ini.").wait_for()
    assert not problems, problems
