from django_scopes import scopes_disabled

from balai.wilayah.models import RT, RW, Dusun


def test_village_api_returns_only_this_villages_regions(client_for, desa_a, desa_b):
    with scopes_disabled():
        for desa, nama in ((desa_a, "Krajan"), (desa_b, "Tetangga")):
            dusun = Dusun.objects.create(desa=desa, nama=nama)
            rw = RW.objects.create(desa=desa, dusun=dusun, nomor=1)
            RT.objects.create(desa=desa, rw=rw, nomor=1)
    data = client_for(desa_a).get("/api/v1/wilayah").json()
    assert [d["nama"] for d in data] == ["Krajan"]
    assert data[0]["rw"][0]["rt"] == [{"nomor": 1, "ketua": ""}]
    assert client_for(None).get("/api/v1/wilayah").status_code == 404


def test_kabupaten_api_lists_active_villages(client_for, desa_a, desa_b):
    desa_b.aktif = False
    desa_b.save()
    data = client_for(None).get("/api/v1/desa").json()
    assert [(d["kode"], d["url"]) for d in data] == [("33.03.04.2006", "http://selakambang.localhost/")]


def test_openapi_schema_is_served(client_for, kabupaten):
    schema = client_for(None).get("/api/v1/openapi.json").json()
    assert "/api/v1/wilayah" in schema["paths"]
