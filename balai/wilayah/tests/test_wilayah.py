from balai.wilayah.models import Desa, Kecamatan
from balai.wilayah.services import load_wilayah


def test_load_wilayah_loads_purbalingga_idempotently(db):
    assert load_wilayah() == {"kabupaten": 1, "kecamatan": 18, "desa": 239}
    load_wilayah()
    assert Kecamatan.objects.count() == 18
    assert Desa.objects.filter(jenis=Desa.Jenis.DESA).count() == 224
    assert Desa.objects.filter(jenis=Desa.Jenis.KELURAHAN).count() == 15
    selakambang = Desa.objects.get(kode="33.03.04.2006")
    assert (selakambang.slug, selakambang.kecamatan.slug) == ("selakambang", "kaligondang")


def test_villages_sharing_a_name_get_the_kecamatan_appended(db):
    load_wilayah()
    karangsari = Desa.objects.filter(nama="Karangsari").select_related("kecamatan")
    assert karangsari.count() >= 2
    for d in karangsari:
        assert d.slug == f"karangsari-{d.kecamatan.slug}"
    assert Desa.objects.get(nama="Selakambang").slug == "selakambang"
    assert len(set(Desa.objects.values_list("slug", flat=True))) == 239


def test_village_profile_refuses_coordinates_off_the_globe(client_for, admin_a, desa_a):
    client = client_for(desa_a, admin_a)
    body = client.post("/admin-desa/profil/", {"lat": "-97.5", "lng": "185"}).content.decode()
    assert "Lintang harus antara -90 dan 90" in body and "Bujur harus antara -180 dan 180" in body
    desa_a.refresh_from_db()
    assert desa_a.lat is None
    assert client.post("/admin-desa/profil/", {"lat": "-7.3712", "lng": "109.3521"}).status_code == 302
