"""The seller's own pages in Layanan Mandiri: a resident asks to sell, then manages only their
own products, in their own village; every new or edited product waits for the office."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from balai.lapak.models import FotoProduk, Pelapak, Produk
from balai.mandiri import services as mandiri_services
from balai.mandiri.pin import PinHasher
from balai.mandiri.tests.conftest import PIN_BARU, ganti, masuk
from balai.penduduk.tests.factories import make_kk

from .conftest import png


@pytest.fixture(autouse=True)
def _argon2_murah(monkeypatch):
    monkeypatch.setattr(PinHasher, "time_cost", 1)
    monkeypatch.setattr(PinHasher, "memory_cost", 256)
    monkeypatch.setattr(PinHasher, "parallelism", 1)


@pytest.fixture
def sign_in(operator_a):
    """A client of `desa` signed in to Layanan Mandiri as `penduduk` (first PIN changed)."""

    def make(desa, penduduk):
        with scopes_disabled():
            _akun, pin = mandiri_services.terbitkan_pin(desa=desa, actor=operator_a, penduduk=penduduk)
        client = Client(HTTP_HOST=f"{desa.slug}.localhost")
        assert masuk(client, penduduk.nik, pin).status_code == 302
        assert ganti(client, pin, PIN_BARU).status_code == 302
        return client

    return make


@pytest.fixture
def warga(desa_a):
    kk = make_kk(desa_a, nama="Darsih", anggota=1)
    return kk[1][0], kk[1][1]  # two residents of village A


@pytest.fixture
def penjual(desa_a, warga, make_pelapak):
    """An approved seller who is resident warga[0]."""
    return make_pelapak(desa_a, nama="Gula Semut Mbok Darsih", penduduk=warga[0])


def _produk(kategori, **extra):
    data = {"kategori": kategori.pk, "nama": "Gula semut", "harga": "30.000", "satuan": "kg",
            "ketersediaan": "tersedia", "stok": "", "berat_gram": "1000", "deskripsi": "Dari nira."}  # fmt: skip
    return {**data, **extra}


def test_a_resident_asks_to_sell_and_waits_for_the_office(sign_in, desa_a, warga, operator_a, client_for, kategori):
    client = sign_in(desa_a, warga[0])
    page = client.get(reverse("lapak:warga"))
    assert "Daftar sebagai pelapak" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    bad = client.post(reverse("lapak:warga"), {"nama": "Keripik Bu Darsih", "whatsapp": "+1 555 0100"})
    assert "Hanya nomor Indonesia" in bad.content.decode()
    client.post(reverse("lapak:warga"), {"nama": "Keripik Bu Darsih", "whatsapp": "0812 3456 7890"})
    with scopes_disabled():
        pelapak = Pelapak.objects.get(penduduk=warga[0])
    assert (pelapak.status, pelapak.whatsapp, pelapak.desa_id) == (Pelapak.Status.MENUNGGU, "6281234567890", desa_a.pk)
    assert "sedang diperiksa" in client.get(reverse("lapak:warga")).content.decode()
    assert client.get(reverse("lapak:warga_produk_tambah")).status_code == 404  # not approved yet
    client_for(desa_a, operator_a).post(reverse("lapak:kantor_pelapak_status", args=[pelapak.pk]), {"aksi": "setujui"})
    assert client.get(reverse("lapak:warga_produk_tambah")).status_code == 200


def test_seller_adds_and_edits_products_that_wait_for_approval(
    sin_cache, sign_in, desa_a, warga, penjual, kategori, client_for
):
    client = sign_in(desa_a, warga[0])
    response = client.post(reverse("lapak:warga_produk_tambah"), _produk(kategori, foto=[png()]))
    assert response.status_code == 302
    with scopes_disabled():
        produk = Produk.objects.get(pelapak=penjual)
        assert produk.status == Produk.Status.MENUNGGU and produk.harga == 30000 and produk.sampul_id
    assert client_for(desa_a).get(produk.get_absolute_url()).status_code == 404
    with scopes_disabled():
        Produk.objects.filter(pk=produk.pk).update(status=Produk.Status.TAYANG)
    assert client_for(desa_a).get(produk.get_absolute_url()).status_code == 200
    client.post(reverse("lapak:warga_produk_ubah", args=[produk.pk]), _produk(kategori, harga="1"))
    with scopes_disabled():
        produk.refresh_from_db()
    assert produk.harga == 1 and produk.status == Produk.Status.MENUNGGU  # back to the office
    assert client_for(desa_a).get(produk.get_absolute_url()).status_code == 404
    # pausing a product that waits keeps it from showing when resumed before approval
    client.post(reverse("lapak:warga_produk_status", args=[produk.pk]), {"aksi": "jeda"})
    client.post(reverse("lapak:warga_produk_status", args=[produk.pk]), {"aksi": "lanjutkan"})
    with scopes_disabled():
        produk.refresh_from_db()
    assert produk.status == Produk.Status.MENUNGGU
    # a seller cannot approve
    response = client.post(reverse("lapak:warga_produk_status", args=[produk.pk]), {"aksi": "setujui"}, follow=True)
    assert "tidak dikenal" in response.content.decode()
    with scopes_disabled():
        assert Produk.objects.get(pk=produk.pk).status == Produk.Status.MENUNGGU


def test_another_sellers_product_and_another_villages_are_404(
    sign_in, desa_a, desa_b, warga, penjual, make_pelapak, make_produk, kategori
):
    mine = make_produk(desa_a, pelapak=penjual, nama="Milik saya")
    tetangga = make_produk(desa_a, pelapak=make_pelapak(desa_a, nama="Lapak tetangga"), nama="Milik tetangga")
    with scopes_disabled():
        foto_tetangga = FotoProduk.objects.create(
            desa=desa_a, produk=tetangga, gambar=make_produk(desa_a, foto=True).sampul
        )
    kk_b = make_kk(desa_b, nama="Warga B", anggota=0)
    desa_lain = make_produk(desa_b, pelapak=make_pelapak(desa_b, penduduk=kk_b[1][0]), nama="Milik desa lain")
    client = sign_in(desa_a, warga[0])
    assert client.get(reverse("lapak:warga_produk_ubah", args=[mine.pk])).status_code == 200
    for produk in (tetangga, desa_lain):
        assert client.get(reverse("lapak:warga_produk_ubah", args=[produk.pk])).status_code == 404
        assert client.post(reverse("lapak:warga_produk_ubah", args=[produk.pk]), _produk(kategori)).status_code == 404
        assert client.post(reverse("lapak:warga_produk_status", args=[produk.pk]), {"aksi": "jeda"}).status_code == 404
    assert client.post(reverse("lapak:warga_foto_hapus", args=[foto_tetangga.pk])).status_code == 404
    listing = client.get(reverse("lapak:warga")).content.decode()
    assert "Milik saya" in listing and "Milik tetangga" not in listing and "Milik desa lain" not in listing
    with scopes_disabled():
        assert Produk.objects.get(pk=tetangga.pk).nama == "Milik tetangga"
        assert Produk.objects.get(pk=desa_lain.pk).status == Produk.Status.TAYANG
        assert FotoProduk.objects.filter(pk=foto_tetangga.pk).exists()
    # A resident without a seller record sees the sign-up form, never anyone's products.
    other = sign_in(desa_a, warga[1])
    assert other.get(reverse("lapak:warga_produk_ubah", args=[mine.pk])).status_code == 404


def test_pages_need_a_signed_in_resident(desa_a, client_for, operator_a, make_produk):
    produk = make_produk(desa_a)
    for path in (reverse("lapak:warga"), reverse("lapak:warga_produk_ubah", args=[produk.pk])):
        response = client_for(desa_a).get(path)
        assert response.status_code == 302 and response["Location"].startswith("/mandiri/masuk/")
        # staff are not residents: the office's account does not open a seller's page
        assert client_for(desa_a, operator_a).get(path)["Location"].startswith("/mandiri/masuk/")
    assert client_for(None).get(reverse("lapak:warga")).status_code == 404


def test_layanan_mandiri_links_to_the_sellers_pages(sign_in, desa_a, warga):
    client = sign_in(desa_a, warga[0])
    assert f'href="{reverse("lapak:warga")}">Lapak saya</a>' in client.get("/mandiri/").content.decode()
