import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from balai.lapak.models import Kategori, Pelapak, Produk
from balai.media.services import simpan_gambar


def png(name="foto.png", size=(40, 30), color=(200, 120, 40)):
    data = io.BytesIO()
    Image.new("RGB", size, color).save(data, "PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


@pytest.fixture
def kategori(kabupaten):
    return Kategori.objects.create(kabupaten=kabupaten, nama="Gula kelapa & gula jawa", slug="gula")


@pytest.fixture
def kategori_lain(kabupaten):
    return Kategori.objects.create(kabupaten=kabupaten, nama="Kerajinan", slug="kerajinan")


@pytest.fixture
def make_pelapak():
    def make(desa, nama="Gula Semut Bu Darsih", status=Pelapak.Status.DISETUJUI, **extra):
        with scopes_disabled():
            return Pelapak.objects.create(desa=desa, nama=nama, whatsapp="6281234567890", status=status, **extra)

    return make


@pytest.fixture
def make_produk(kategori, make_pelapak):
    def make(
        desa, nama="Gula kelapa cetak", harga=18000, pelapak=None, status=Produk.Status.TAYANG, foto=False, **extra
    ):
        with scopes_disabled():
            pelapak = pelapak or make_pelapak(desa)
            extra.setdefault("kategori", kategori)
            produk = Produk.objects.create(
                desa=desa, pelapak=pelapak, nama=nama, slug=extra.pop("slug", None) or _slug(desa, nama),
                harga=harga, satuan="kg", status=status,
                tayang_pada=timezone.now() if status == Produk.Status.TAYANG else None, **extra,
            )  # fmt: skip
            if foto:
                produk.sampul = simpan_gambar(desa=desa, actor=None, file=png(), alt=nama)
                produk.save(update_fields=["sampul"])
            return produk

    return make


def _slug(desa, nama):
    from django.utils.text import slugify

    base = slugify(nama)
    with scopes_disabled():
        n = Produk.objects.filter(desa=desa, slug__startswith=base).count()
    return base if n == 0 else f"{base}-{n + 1}"


@pytest.fixture
def sin_cache(settings):
    """Pages built afresh on every request (flows that check what the public sees step by step)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
