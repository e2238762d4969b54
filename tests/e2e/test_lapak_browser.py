"""Lapak on a 390 px phone: the product page with its WhatsApp order button (pressing it is
counted and opens wa.me with the message filled in) and the kabupaten market search with its
filters; nothing wider than the screen, no CSP errors. Set BALAI_SCREENSHOTS=<folder> to keep
screenshots."""

import io
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image
from playwright.sync_api import expect

from balai.lapak.models import Kategori, Pelapak, Produk, StatistikProduk
from balai.media.services import simpan_gambar

from .ponsel import pas

pytestmark = pytest.mark.browser


def _look(page, name):
    pas(page, name)


@pytest.fixture
def pasar(desa_a, desa_b, kabupaten):
    png = io.BytesIO()
    Image.new("RGB", (600, 600), (150, 80, 30)).save(png, "PNG")
    with scopes_disabled():
        gula = Kategori.objects.create(kabupaten=kabupaten, nama="Gula kelapa & gula jawa", slug="gula")
        kerajinan = Kategori.objects.create(kabupaten=kabupaten, nama="Kerajinan", slug="kerajinan")
        rows = []
        for desa, nama, kategori, harga in [
            (desa_a, "Gula semut organik kemasan oleh-oleh Selakambang yang panjang sekali namanya", gula, 35000),
            (desa_a, "Sapu glagah", kerajinan, 25000),
            (desa_b, "Gula jawa batok Karangpetir", gula, 16000),
        ]:
            pelapak = Pelapak.objects.create(
                desa=desa, nama=f"Lapak {desa.nama}", whatsapp="6281234567890", status=Pelapak.Status.DISETUJUI
            )
            gambar = simpan_gambar(desa=desa, actor=None, file=SimpleUploadedFile("f.png", png.getvalue()), alt=nama)
            rows.append(Produk.objects.create(
                desa=desa, pelapak=pelapak, kategori=kategori, nama=nama, slug=f"produk-{len(rows)}", harga=harga,
                satuan="kg", deskripsi="Gula kelapa asli dari nira, dimasak di tungku kayu. " * 4, sampul=gambar,
                status=Produk.Status.TAYANG, tayang_pada=timezone.now(),
            ))  # fmt: skip
    return rows


def test_product_page_on_a_phone_orders_by_whatsapp(page, site, pasar):
    produk = pasar[0]
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site("selakambang", f"/lapak/{produk.slug}/"))
    tombol = page.get_by_role("link", name="Pesan lewat WhatsApp")
    expect(tombol).to_be_visible()
    box = tombol.bounding_box()
    assert box["width"] >= 300 and box["height"] >= 44  # a big thumb target across the screen
    expect(page.get_by_role("link", name="Telepon 0812-3456-7890")).to_have_attribute("href", "tel:+6281234567890")
    expect(page.locator(".lapak-harga").first).to_contain_text("Rp 35.000")
    _look(page, "lapak-produk")
    assert not errors, errors
    # Pressing the button goes through the counter to wa.me (which tests cannot reach: the
    # request the browser makes is enough).
    with page.expect_request("https://wa.me/**") as request:
        tombol.click()
    target = urlparse(request.value.url)
    assert target.path == "/6281234567890"
    assert "Rp 35.000" in parse_qs(target.query)["text"][0]
    with scopes_disabled():
        statistik = StatistikProduk.objects.get(produk=produk)
    assert statistik.dipesan == 1 and statistik.dilihat == 1  # the page's counter picture loaded once


def test_kabupaten_market_search_on_a_phone(page, site, pasar):
    page.goto(site(None, "/lapak/"))
    _look(page, "lapak-kabupaten")
    expect(page.locator(".lapak-kartu")).to_have_count(3)
    page.get_by_label("Cari produk").fill("gula")
    page.get_by_label("Kategori").select_option("gula")
    page.get_by_label("sampai (Rp)").fill("20.000")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.locator(".lapak-kartu")).to_have_count(1)
    expect(page.locator(".lapak-kartu")).to_contain_text("Gula jawa batok Karangpetir")
    expect(page.locator(".lapak-kartu")).to_contain_text("Karangpetir, Kec. Kalimanah")
    _look(page, "lapak-kabupaten-cari")
    page.locator(".lapak-kartu a").click()
    expect(page).to_have_url(site("karangpetir", f"/lapak/{pasar[2].slug}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gula jawa batok Karangpetir")


def test_seller_adds_a_product_in_layanan_mandiri_on_a_phone(page, site, pasar, desa_a, operator_a, monkeypatch):
    from balai.mandiri import services
    from balai.mandiri.models import AkunWarga
    from balai.mandiri.pin import PinHasher
    from balai.penduduk.tests.factories import make_kk

    for name, value in (("time_cost", 1), ("memory_cost", 256), ("parallelism", 1)):
        monkeypatch.setattr(PinHasher, name, value)
    _kk, (kepala, *_rest) = make_kk(desa_a, nama="Darsih", anggota=0)
    with scopes_disabled():
        _akun, pin = services.terbitkan_pin(desa=desa_a, actor=operator_a, penduduk=kepala)
        AkunWarga.objects.filter(penduduk=kepala).update(wajib_ganti_pin=False)
        Pelapak.objects.filter(pk=pasar[0].pelapak_id).update(penduduk=kepala)  # the seller of the first product
    page.goto(site("selakambang", "/mandiri/lapak/"))
    page.get_by_label("NIK").fill(kepala.nik)
    page.get_by_label("PIN").fill(pin)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/mandiri/lapak/")
    _look(page, "lapak-mandiri")
    page.get_by_role("link", name="+ Tambah produk").click()
    page.get_by_label("Kategori").select_option(label="Kerajinan")
    page.get_by_label("Nama produk").fill("Besek bambu anyaman halus")
    page.get_by_label("Harga (Rp)").fill("5.000")
    page.get_by_label("Satuan").fill("buah")
    _look(page, "lapak-mandiri-produk")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/mandiri/lapak/")
    expect(page.get_by_text("menunggu persetujuan kantor desa")).to_be_visible()
    expect(page.locator(".m-kartu", has_text="Besek bambu anyaman halus")).to_contain_text("Menunggu persetujuan")
    _look(page, "lapak-mandiri-daftar")


def test_office_approves_a_product_on_a_phone(page, site, pasar, desa_a, operator_a, client_for):
    with scopes_disabled():
        Produk.objects.filter(pk=pasar[1].pk).update(status=Produk.Status.MENUNGGU)
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
    page.goto(site("selakambang", "/admin-desa/lapak/"))
    expect(page.get_by_text("Menunggu persetujuan: 1 produk")).to_be_visible()
    _look(page, "lapak-kantor")
    page.get_by_role("button", name="Setujui").click()
    expect(page.get_by_text("Status produk “Sapu glagah” diperbarui.")).to_be_visible()
    with scopes_disabled():
        assert Produk.objects.get(pk=pasar[1].pk).status == Produk.Status.TAYANG
    page.goto(site("selakambang", f"/admin-desa/lapak/produk/{pasar[0].pk}/"))
    _look(page, "lapak-kantor-produk")
