"""Layanan Mandiri on a 390 px phone: a resident signs in with NIK + PIN from the slip,
replaces the PIN, reads their data and family, asks for a letter for a child with its
attachments and writes to the office about it; nothing is wider than the screen.
Set BALAI_SCREENSHOTS=<folder> to keep a screenshot of every page looked at."""

import io
import os
import re

import pytest
from django_scopes import scopes_disabled
from PIL import Image

from balai.mandiri import services
from balai.mandiri.pin import PinHasher
from balai.penduduk.tests.factories import make_kk

from .ponsel import pas

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BALAI_SCREENSHOTS")


@pytest.fixture(autouse=True)
def _argon2_murah(monkeypatch):
    monkeypatch.setattr(PinHasher, "time_cost", 1)
    monkeypatch.setattr(PinHasher, "memory_cost", 256)
    monkeypatch.setattr(PinHasher, "parallelism", 1)


def _png():
    buf = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 120, 60)).save(buf, "PNG")
    return buf.getvalue()


def _pas(page, name):
    pas(page, f"mandiri-{name}", tanpa_luapan=True)


def test_resident_signs_in_changes_pin_and_sees_their_family(page, site, desa_a, operator_a):
    _kk, (kepala, anak, _anak2) = make_kk(desa_a, nama="Sumarni Wulandari Kusumaningtyas", anggota=2)
    with scopes_disabled():
        _akun, pin = services.terbitkan_pin(desa=desa_a, actor=operator_a, penduduk=kepala)
    page.goto(site("selakambang", "/mandiri/"))
    assert page.url.endswith("/mandiri/masuk/?next=%2Fmandiri%2F")
    _pas(page, "masuk")
    page.get_by_label("NIK").fill(kepala.nik)
    page.get_by_label("PIN").fill("000001" if pin != "000001" else "000002")
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_text("NIK atau PIN salah.").is_visible()
    page.get_by_label("PIN").fill(pin)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/mandiri/pin/")
    _pas(page, "ganti-pin")
    page.get_by_label("PIN lama").fill(pin)
    page.get_by_label(re.compile("^PIN baru")).fill("123456")
    page.get_by_label("Ulangi PIN baru").fill("123456")
    page.get_by_role("button", name="Simpan PIN baru").click()
    assert page.get_by_text("terlalu mudah ditebak").is_visible()
    page.get_by_label("PIN lama").fill(pin)
    page.get_by_label(re.compile("^PIN baru")).fill("480613")
    page.get_by_label("Ulangi PIN baru").fill("480613")
    page.get_by_role("button", name="Simpan PIN baru").click()
    page.wait_for_url("**/mandiri/")
    assert page.get_by_text("PIN berhasil diganti").is_visible()
    assert page.get_by_role("heading", name=f"{kepala.nama}").is_visible()
    _pas(page, "beranda")
    page.get_by_role("link", name="Data saya", exact=True).click()
    assert page.get_by_text(kepala.nik[:4] + "••••••••" + kepala.nik[-4:]).is_visible()
    assert kepala.nik not in page.content()
    _pas(page, "data")
    page.get_by_role("link", name="Keluarga", exact=True).click()
    assert page.get_by_text(anak.nama).is_visible()
    _pas(page, "keluarga")
    # A letter for a member of the KK, with the attachments the type asks for.
    page.get_by_role("link", name="Surat", exact=True).click()
    page.get_by_role("link", name="Ajukan surat").click()
    _pas(page, "surat-jenis")
    page.get_by_role("link", name="Surat Keterangan Domisili").click()
    page.get_by_label("Surat untuk").select_option(label=anak.nama)
    page.get_by_label("Keperluan").fill("Melamar pekerjaan")
    png = _png()
    page.get_by_label("Foto/scan KTP-el").set_input_files({"name": "ktp.png", "mimeType": "image/png", "buffer": png})
    page.get_by_label("Foto/scan Kartu Keluarga").set_input_files(
        {"name": "kk.png", "mimeType": "image/png", "buffer": png}
    )
    _pas(page, "surat-ajukan")
    page.get_by_role("button", name="Kirim permohonan").click()
    assert page.get_by_text("Permohonan terkirim").is_visible()
    assert page.get_by_text(anak.nama).is_visible()
    _pas(page, "surat-detail")
    page.get_by_role("textbox", name="Pesan").fill("Kapan bisa diambil?")
    page.get_by_role("button", name="Kirim pesan").click()
    assert page.get_by_text("Kapan bisa diambil?").is_visible()
    page.get_by_role("link", name="Beranda", exact=True).click()
    assert page.get_by_text("Surat Keterangan Domisili").is_visible()
    _pas(page, "beranda-surat")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/mandiri/masuk/")
    page.goto(site("selakambang", "/mandiri/data/"))
    assert "/mandiri/masuk/" in page.url


def test_operator_issues_a_pin_on_a_phone(page, site, desa_a, operator_a, client_for):
    """The office side at 390 px: find the resident, issue the PIN, see it once."""
    _kk, (kepala, *_anak) = make_kk(desa_a, nama="Darsono Wiryo Atmodjo Sastrowardoyo", anggota=1)
    client = client_for(desa_a, operator_a)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": "selakambang.localhost",
                "path": "/",
            }
        ]
    )
    page.goto(site("selakambang", "/admin-desa/mandiri/"))
    _pas(page, "kantor-daftar")
    page.get_by_label("Nama atau NIK").fill("darsono")
    page.get_by_role("button", name="Cari").click()
    page.get_by_role("link", name=kepala.nama, exact=True).click()
    _pas(page, "kantor-detail")
    page.get_by_role("button", name="Buat PIN").click()
    pin = page.locator(".secret").inner_text()
    assert len(pin) == 6 and pin.isdigit()
    _pas(page, "kantor-pin")
    page.get_by_role("link", name="Selesai").click()
    assert pin not in page.content()
