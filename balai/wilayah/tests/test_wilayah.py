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
