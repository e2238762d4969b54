"""A visitor on a 390 px phone files a request for information and reaches its status page;
the PPID pages fit the width. Set BALAI_SCREENSHOTS=<folder> to keep screenshots."""

import io
import os

import pytest
from django_scopes import scopes_disabled
from PIL import Image
from playwright.sync_api import expect

from balai.ppid.models import Permohonan

from .ponsel import pas

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BALAI_SCREENSHOTS")


def _pas(page, name):
    pas(page, name)


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


def test_ppid_back_office_fits_a_phone(page, site, desa_a, make_user, client_for):
    from datetime import date

    from django_scopes import scope

    from balai.akun.models import Peran
    from balai.ppid import services

    from .test_panel_browser import signed_in

    petugas = make_user(Peran.PPID_DESA, desa=desa_a)
    with scope(desa=desa_a):
        lama = services.ajukan_permohonan(
            desa=desa_a,
            data={
                "nama": "Budi",
                "nomor_identitas": "3303",
                "alamat": "RT 01",
                "telepon": "0812",
                "email": "",
                "pekerjaan": "",
                "rincian": "Daftar penerima BLT Dana Desa tahun ini",
                "tujuan": "Pemantauan",
                "cara_memperoleh": "melihat",
                "cara_salinan": "",
            },  # fmt: skip
            hari=date(2025, 1, 6),
        )
    client = client_for(desa_a, petugas)
    client.get("/admin-desa/ppid/")
    signed_in(page, client, "selakambang.localhost")
    for path, name in (
        ("/admin-desa/ppid/", "ppid-antrean"),
        (f"/admin-desa/ppid/permohonan/{lama.pk}/", "ppid-permohonan-kantor"),
        ("/admin-desa/ppid/kelengkapan/", "ppid-kelengkapan"),
        ("/admin-desa/ppid/laporan/", "ppid-laporan"),
        ("/admin-desa/ppid/informasi/baru/", "ppid-informasi-baru"),
    ):
        page.goto(site("selakambang", path))
        _pas(page, name)
    page.goto(site("selakambang", "/admin-desa/ppid/"))
    expect(page.locator("tr.ppid-terlambat")).to_contain_text(lama.nomor)
