"""The village office: products and sellers, approval, pause, bad input that saves nothing,
and the permission."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.lapak import services
from balai.lapak.models import FotoProduk, Pelapak, Produk
from balai.media.models import Gambar

from .conftest import png


def _data(pelapak, kategori, **extra):
    return {
        "pelapak": pelapak.pk, "kategori": kategori.pk, "nama": "Nopia isi gula jawa", "harga": "Rp 25.000",
        "satuan": "bungkus", "ketersediaan": "tersedia", "stok": "", "berat_gram": "500",
        "deskripsi": "Nopia khas Purbalingga.\n<b>Renyah</b>", **extra,
    }  # fmt: skip


def test_operator_adds_a_product_with_photos_and_it_shows(desa_a, operator_a, client_for, make_pelapak, kategori):
    pelapak = make_pelapak(desa_a)
    client = client_for(desa_a, operator_a)
    data = _data(pelapak, kategori, foto=[png("a.png"), png("b.png", color=(10, 10, 200))])
    response = client.post(reverse("lapak:kantor_produk_tambah"), data)
    assert response.status_code == 302
    with scopes_disabled():
        produk = Produk.objects.get(nama="Nopia isi gula jawa")
        assert produk.harga == 25000 and produk.status == Produk.Status.TAYANG and produk.tayang_pada
        assert produk.deskripsi == "Nopia khas Purbalingga.\n<b>Renyah</b>"  # kept as text, printed escaped
        fotos = list(FotoProduk.objects.filter(produk=produk))
        assert len(fotos) == 2 and produk.sampul_id == fotos[0].gambar_id
        assert AuditEntry.objects.filter(action="lapak.produk_dibuat", desa=desa_a).exists()
    page = client_for(desa_a).get(produk.get_absolute_url())
    assert page.status_code == 200
    assert b"&lt;b&gt;Renyah&lt;/b&gt;" in page.content and b"<b>Renyah" not in page.content


@pytest.mark.parametrize(
    "field,value,pesan",
    [
        ("harga", "0", "lebih dari Rp 0"),
        ("harga", "-1000", "negatif"),
        ("harga", "12,5", "bukan harga rupiah"),
        ("berat_gram", "0", ""),
        ("nama", "", "Nama produk wajib diisi"),
    ],
)
def test_bad_product_input_saves_nothing(field, value, pesan, desa_a, operator_a, client_for, make_pelapak, kategori):
    pelapak = make_pelapak(desa_a)
    response = client_for(desa_a, operator_a).post(
        reverse("lapak:kantor_produk_tambah"), _data(pelapak, kategori, **{field: value})
    )
    assert response.status_code == 200
    assert pesan in response.content.decode()
    with scopes_disabled():
        assert not Produk.objects.exists()


def test_a_photo_that_is_not_a_picture_refuses_the_whole_save(desa_a, operator_a, client_for, make_pelapak, kategori):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pelapak = make_pelapak(desa_a)
    palsu = SimpleUploadedFile("foto.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg")
    response = client_for(desa_a, operator_a).post(
        reverse("lapak:kantor_produk_tambah"), _data(pelapak, kategori, foto=[png("baik.png"), palsu])
    )
    assert response.status_code == 200
    assert "bukan gambar" in response.content.decode()
    with scopes_disabled():
        assert not Produk.objects.exists()
        assert not FotoProduk.objects.exists()
        assert not Gambar.objects.exists()  # the good photo went with the failed save


def test_seller_edit_goes_back_to_approval_and_office_approves(sin_cache, desa_a, operator_a, client_for, make_produk):
    produk = make_produk(desa_a)
    with scopes_disabled():
        produk.harga = 20000
        services.simpan_produk(desa=desa_a, actor=None, produk=produk, oleh_warga=True)
        assert Produk.objects.get(pk=produk.pk).status == Produk.Status.MENUNGGU
    visitor = client_for(desa_a)
    assert visitor.get(produk.get_absolute_url()).status_code == 404
    office = client_for(desa_a, operator_a)
    listing = office.get(reverse("lapak:kantor") + "?status=menunggu")
    assert produk.nama in listing.content.decode()
    office.post(reverse("lapak:kantor_produk_status", args=[produk.pk]), {"aksi": "setujui"})
    assert visitor.get(produk.get_absolute_url()).status_code == 200
    office.post(reverse("lapak:kantor_produk_status", args=[produk.pk]), {"aksi": "jeda"})
    assert visitor.get(produk.get_absolute_url()).status_code == 404
    office.post(reverse("lapak:kantor_produk_status", args=[produk.pk]), {"aksi": "lanjutkan"})
    assert visitor.get(produk.get_absolute_url()).status_code == 200
    with scopes_disabled():
        actions = set(AuditEntry.objects.filter(desa=desa_a).values_list("action", flat=True))
    assert {
        "lapak.produk_diubah",
        "lapak.produk_disetujui",
        "lapak.produk_dijeda",
        "lapak.produk_dilanjutkan",
    } <= actions


def test_refusing_keeps_the_reason_and_a_wrong_step_is_refused(desa_a, operator_a, client_for, make_produk):
    produk = make_produk(desa_a, status=Produk.Status.MENUNGGU)
    office = client_for(desa_a, operator_a)
    office.post(reverse("lapak:kantor_produk_status", args=[produk.pk]), {"aksi": "tolak", "catatan": "Foto buram"})
    with scopes_disabled():
        produk.refresh_from_db()
    assert produk.status == Produk.Status.DITOLAK and produk.catatan == "Foto buram"
    response = office.post(reverse("lapak:kantor_produk_status", args=[produk.pk]), {"aksi": "lanjutkan"}, follow=True)
    assert "tidak bisa" in response.content.decode()
    assert office.get(reverse("lapak:kantor_produk_status", args=[produk.pk])).status_code == 405


def test_a_seller_not_approved_shows_nothing(sin_cache, desa_a, operator_a, client_for, make_produk, make_pelapak):
    pelapak = make_pelapak(desa_a, status=Pelapak.Status.MENUNGGU)
    produk = make_produk(desa_a, pelapak=pelapak)
    visitor = client_for(desa_a)
    assert visitor.get(produk.get_absolute_url()).status_code == 404
    office = client_for(desa_a, operator_a)
    office.post(reverse("lapak:kantor_pelapak_status", args=[pelapak.pk]), {"aksi": "setujui"})
    assert visitor.get(produk.get_absolute_url()).status_code == 200
    office.post(reverse("lapak:kantor_pelapak_status", args=[pelapak.pk]), {"aksi": "nonaktifkan"})
    assert visitor.get(produk.get_absolute_url()).status_code == 404


def test_office_adds_a_seller_with_a_normalised_number(desa_a, operator_a, client_for):
    office = client_for(desa_a, operator_a)
    data = {"jenis": "umkm", "nama": "Knalpot Jaya", "kontak": "Pak Rasim", "whatsapp": "+62 857-1234-5678"}
    assert office.post(reverse("lapak:kantor_pelapak_tambah"), data).status_code == 302
    with scopes_disabled():
        pelapak = Pelapak.objects.get(nama="Knalpot Jaya")
    assert pelapak.whatsapp == "6285712345678" and pelapak.status == Pelapak.Status.DISETUJUI
    bad = office.post(reverse("lapak:kantor_pelapak_tambah"), {**data, "nama": "Lain", "whatsapp": "0812"})
    assert "terlalu pendek" in bad.content.decode()
    with scopes_disabled():
        assert Pelapak.objects.count() == 1


def test_linking_a_resident_by_nik_stays_in_the_village(desa_a, desa_b, operator_a, client_for):
    from model_bakery import baker

    from balai.penduduk.models import Penduduk

    with scopes_disabled():
        warga_b = baker.make(Penduduk, desa=desa_b, nik="3303050101900001", status_dasar=1)
        warga_a = baker.make(Penduduk, desa=desa_a, nik="3303040101900002", status_dasar=1)
    office = client_for(desa_a, operator_a)
    data = {"jenis": "warga", "nama": "Bulu mata Ibu Sri", "whatsapp": "081234567890", "nik": warga_b.nik}
    assert "Tidak ada warga" in office.post(reverse("lapak:kantor_pelapak_tambah"), data).content.decode()
    office.post(reverse("lapak:kantor_pelapak_tambah"), {**data, "nik": warga_a.nik})
    with scopes_disabled():
        assert Pelapak.objects.get(nama="Bulu mata Ibu Sri").penduduk_id == warga_a.pk


@pytest.mark.parametrize(
    "peran,status", [(Peran.OPERATOR_DESA, 200), (Peran.ADMIN_DESA, 200), (Peran.KEPALA_DESA, 403)]
)
def test_who_manages_the_market(peran, status, desa_a, make_user, client_for):
    client = client_for(desa_a, make_user(peran, desa=desa_a))
    assert client.get(reverse("lapak:kantor")).status_code == status
    assert client.get(reverse("lapak:kantor_pelapak")).status_code == status


def test_product_list_counts_and_query_count(
    desa_a, operator_a, client_for, make_produk, django_assert_max_num_queries
):
    produk = [make_produk(desa_a, nama=f"Keripik tempe {i}", foto=i < 2) for i in range(12)]
    for _ in range(3):
        services.catat(produk=produk[0], kolom="dilihat")
    services.catat(produk=produk[0], kolom="dipesan")
    client = client_for(desa_a, operator_a)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("lapak:kantor"))
    assert '<td data-label="Dilihat / dipesan">3 / 1</td>' in response.content.decode()


def test_kabupaten_edits_the_category_list(kabupaten, make_user, client_for, desa_a):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    client = client_for(None, admin)
    client.post(reverse("lapak:kategori_bawaan"))
    assert "Kerajinan" in client.get(reverse("lapak:kabupaten")).content.decode()
    response = client.post(reverse("lapak:kategori_tambah"), {"nama": "Kerajinan", "urutan": 3, "aktif": "on"})
    assert "sudah ada" in response.content.decode()
    assert client.post(reverse("lapak:kategori_tambah"), {"nama": "Durian", "urutan": 3}).status_code == 302
    assert (
        client_for(desa_a, make_user(Peran.ADMIN_DESA, desa=desa_a)).get(reverse("lapak:kabupaten")).status_code == 404
    )
