"""An operator on site with a phone records a progress update with a photo; a resident on a
phone reads the project's timeline. Both at 390 px, nothing wider than the screen.
Set BALAI_SCREENSHOTS=<folder> to keep a screenshot of every page looked at."""

import io
import os
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope
from PIL import Image
from playwright.sync_api import expect

from balai.akun.models import Peran
from balai.pembangunan import services
from balai.pembangunan.models import Proyek

from .masuk import sign_in
from .ponsel import pas

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BALAI_SCREENSHOTS")


def fits(page, name):
    pas(page, name)


def jpeg():
    buf = io.BytesIO()
    Image.new("RGB", (1200, 900), (150, 150, 140)).save(buf, "JPEG")
    return buf.getvalue()


def test_operator_mencatat_progres_warga_melihat_linimasa(page, site, desa_a, make_user, browser):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    with scope(desa=desa_a):
        proyek = services.simpan_proyek(
            desa=desa_a,
            actor=operator,
            proyek=Proyek(
                nama="Rabat beton jalan Dusun Krajan RT 02 sampai makam umum",
                tahun=timezone.localdate().year,
                anggaran=125_000_000,
                volume=150,
                satuan="m",
                pelaksana="TPK Desa Selakambang",
                lokasi="Dari pertigaan masjid Al-Ikhlas sampai makam umum Dusun Krajan",
                lat="-7.391234",
                lng="109.362345",
            ),
        )
        services.catat_progres(
            desa=desa_a,
            actor=operator,
            proyek=proyek,
            tanggal=timezone.localdate() - timedelta(days=30),
            persen=0,
            catatan="Lokasi sebelum dikerjakan.",
        )

    sign_in(page, site("selakambang", "/admin-desa/pembangunan/"), operator.username)
    fits(page, "pembangunan-kantor-daftar")
    page.get_by_role("link", name=re.compile("Rabat beton jalan Dusun Krajan")).click()
    fits(page, "pembangunan-kantor-detail")
    page.get_by_role("link", name="+ Catat progres").click()
    fits(page, "pembangunan-kantor-progres")
    expect(page.locator("input[type=file][accept='image/*']")).to_be_visible()
    page.get_by_label("Progres (%)").fill("50")
    page.get_by_label("Catatan").fill("Pengecoran 75 m dari 150 m.")
    page.locator("input[type=file]").set_input_files(
        [{"name": "kamera.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
    )
    page.get_by_role("button", name="Simpan progres").click()
    expect(page.get_by_text("Progres 50% dicatat dengan 1 foto.")).to_be_visible()
    expect(page.locator(".linimasa picture")).to_have_count(1)
    fits(page, "pembangunan-kantor-detail-progres")

    visitor = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}).new_page()
    visitor.goto(site("selakambang", "/pembangunan/"))
    fits(visitor, "pembangunan-publik-daftar")
    visitor.get_by_role("link", name=re.compile("Rabat beton jalan Dusun Krajan")).click()
    expect(visitor.get_by_role("heading", name=re.compile("Rabat beton jalan Dusun Krajan"))).to_be_visible()
    langkah = visitor.locator(".linimasa-persen")
    expect(langkah).to_have_text(["0%", "50%"])
    expect(visitor.get_by_text("Pengecoran 75 m dari 150 m.")).to_be_visible()
    expect(visitor.locator(".linimasa picture")).to_have_count(1)
    expect(visitor.get_by_text("Rp 125.000.000")).to_be_visible()
    expect(visitor.get_by_role("link", name=re.compile("OpenStreetMap"))).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/\?mlat=-7\.391234&mlon=109\.362345")
    )
    fits(visitor, "pembangunan-publik-detail")
    visitor.context.close()
