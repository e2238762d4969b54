import random
from io import StringIO

from django.core.files.storage import default_storage
from django_scopes import scopes_disabled
from faker import Faker

from balai.demo import lapak
from balai.lapak.models import FotoProduk, Kategori, Pelapak, Produk, StatistikProduk


def test_lapak_demo_fills_the_market_with_pictured_products(desa_a, desa_b, client_for):
    with scopes_disabled():
        lapak.seed(
            villages=[desa_a, desa_b], showcase=desa_a, rng=random.Random(1), fake=Faker("id_ID"), stdout=StringIO()
        )
        assert Kategori.objects.filter(kabupaten=desa_a.kecamatan.kabupaten).count() == len(lapak.KATEGORI_BAWAAN)
        showcase = Produk.objects.filter(desa=desa_a)
        assert showcase.count() >= 50 and Produk.objects.filter(desa=desa_b).count() >= 2
        assert showcase.filter(status=Produk.Status.MENUNGGU).exists()
        assert Pelapak.objects.filter(desa=desa_a, status=Pelapak.Status.MENUNGGU).exists()
        assert not Produk.objects.filter(sampul__isnull=True).exists()
        assert FotoProduk.objects.count() == Produk.objects.count()
        assert StatistikProduk.objects.filter(desa=desa_a).exists()
        produk = showcase.filter(status=Produk.Status.TAYANG).select_related("sampul").first()
        assert default_storage.exists(produk.sampul.thumb.name)
    page = client_for(desa_a).get(produk.get_absolute_url())
    assert page.status_code == 200 and "Pesan lewat WhatsApp" in page.content.decode()
    with scopes_disabled():
        jumlah = Produk.objects.count()
        lapak.seed(
            villages=[desa_a, desa_b], showcase=desa_a, rng=random.Random(1), fake=Faker("id_ID"), stdout=StringIO()
        )
        assert Produk.objects.count() == jumlah  # re-runnable, nothing doubled
