"""The content check (balai.core.konten) on the market: a gambling product waits, a normal one shows."""

from django.urls import reverse
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.keamanan import services as keamanan
from balai.keamanan.models import Penahanan
from balai.lapak import services
from balai.lapak.models import Produk

from .test_kantor import _data


def test_gambling_product_waits_normal_one_shows_and_release_shows_it(
    desa_a, operator_a, client_for, make_pelapak, make_produk, kategori, make_user
):
    client = client_for(desa_a, operator_a)
    data = _data(
        make_pelapak(desa_a), kategori, nama="Paket hemat", deskripsi="slot gacor maxwin daftar sekarang di mahkota88"
    )
    response = client.post(reverse("lapak:kantor_produk_tambah"), data, follow=True)
    assert "Perbaiki teksnya" in response.content.decode()  # the office is told why
    with scopes_disabled():
        produk = Produk.objects.get(nama="Paket hemat")
        assert produk.status == Produk.Status.MENUNGGU and produk.tayang_pada is None
        hold = Penahanan.objects.get(objek_id=str(produk.pk))
    assert client_for(desa_a).get(produk.get_absolute_url()).status_code == 404

    normal = make_produk(desa_a, nama="Gula semut organik", status=Produk.Status.MENUNGGU)
    normal.deskripsi = "Gula semut dari nira kelapa, dimasak di tungku kayu oleh ibu-ibu Dusun Krajan."
    normal.save()
    with scopes_disabled():
        services.ubah_status_produk(desa=desa_a, actor=operator_a, produk=normal, aksi="setujui")
        assert Produk.objects.get(pk=normal.pk).status == Produk.Status.TAYANG
        assert Penahanan.objects.count() == 1

        keamanan.lepaskan(penahanan=hold, actor=make_user(Peran.ADMIN_KABUPATEN, username="dinkominfo"))
        produk.refresh_from_db()
    assert produk.status == Produk.Status.TAYANG and produk.tayang_pada
    assert client_for(desa_a).get(produk.get_absolute_url()).status_code == 200
