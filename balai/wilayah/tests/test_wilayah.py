import re
from io import StringIO

from django.core.management import call_command
from django_scopes import scopes_disabled

from balai.akun.models import User
from balai.penduduk.models import Keluarga, Penduduk
from balai.wilayah.models import RT, RW, Desa, Dusun, Kecamatan
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


def test_seed_demo_builds_every_village_and_prints_logins(db, settings):
    settings.BALAI_PUBLIC_PORT = 8000  # as `make demo` sets it
    out = StringIO()
    call_command("seed_demo", "--seed", "3", stdout=out)
    text = out.getvalue()
    assert "selakambang.localhost:8000" in text and "admin.kabupaten" in text
    # Accounts that must use 2FA get their one-time enrolment link, on the demo's port.
    assert re.search(r"admin\.kabupaten\s+http://localhost:8000/akun/2fa/tautan/[\w-]+/", text)
    assert re.search(r"op\.kaligondang\s+http://kec-kaligondang\.localhost:8000/akun/2fa/tautan/[\w-]+/", text)
    with scopes_disabled():
        assert Dusun.objects.values("desa").distinct().count() == 239
        assert RW.objects.count() >= 239 and RT.objects.count() >= RW.objects.count()
        assert Dusun.objects.filter(desa__slug="selakambang").count() == 6
        # The columns of the population books that OpenSID's sheet lacks are filled too.
        assert Keluarga.objects.filter(desa__slug="selakambang", tanggal_cetak_kk__isnull=False).exists()
        assert Penduduk.objects.filter(desa__slug="selakambang", bahasa=4).exists()
    admin = User.objects.get(username="admin.kabupaten")
    password = next(line.split()[1] for line in text.splitlines() if line.strip().startswith("admin.kabupaten"))
    assert admin.check_password(password) and len(password) >= 12
    call_command("seed_demo", "--seed", "3", stdout=StringIO())  # re-runnable
    assert not admin.__class__.objects.get(pk=admin.pk).check_password(password)  # fresh passwords each run


def test_village_profile_refuses_coordinates_off_the_globe(client_for, admin_a, desa_a):
    client = client_for(desa_a, admin_a)
    body = client.post("/admin-desa/profil/", {"lat": "-97.5", "lng": "185"}).content.decode()
    assert "Lintang harus antara -90 dan 90" in body and "Bujur harus antara -180 dan 180" in body
    desa_a.refresh_from_db()
    assert desa_a.lat is None
    assert client.post("/admin-desa/profil/", {"lat": "-7.3712", "lng": "109.3521"}).status_code == 302
