"""Hostile input in every field a village can fill renders inert on the public pages."""

import pytest
from django_scopes import scope, scopes_disabled

from balai.core.tests.xss import PAYLOADS, assert_inert
from balai.website import services
from balai.website.models import Artikel, Komentar, MenuSitus, Perangkat

# The sanitiser and templates meet the hostile text the content check would otherwise hold first.
pytestmark = pytest.mark.usefixtures("tanpa_pemeriksaan_konten")


@pytest.fixture
def hostile_site(desa_a, admin_a):
    """Every payload in every field of the village site, written through the services."""
    with scope(desa=desa_a):
        services.simpan_pengaturan(
            desa=desa_a,
            actor=admin_a,
            data={"slogan": PAYLOADS[2], "judul_sambutan": PAYLOADS[4], "sambutan": "".join(PAYLOADS)},
        )
        for i, p in enumerate(PAYLOADS):
            kategori = services.simpan_kategori(desa=desa_a, actor=admin_a, data={"nama": f"{p} {i}"})
            artikel = services.simpan_artikel(
                desa=desa_a,
                actor=admin_a,
                data={"judul": p, "ringkasan": p, "isi": p, "kategori": kategori, "status": Artikel.Status.TERBIT},
                tags=[p],
            )
            services.simpan_halaman(desa=desa_a, actor=admin_a, data={"judul": p, "isi": p, "slug": f"h{i}"})
            services.simpan_perangkat(desa=desa_a, actor=admin_a, data={"nama": p, "jabatan": p, "urutan": i})
            services.simpan_menu(desa=desa_a, actor=admin_a, data={"label": p[:40], "url": f"/halaman/h{i}/"})
            k = services.kirim_komentar(artikel=artikel, nama=p[:80], isi=p, ip=f"10.1.{i}.1")
            services.moderasi_komentar(komentar=k, actor=admin_a, status=Komentar.Status.DISETUJUI)
    with scopes_disabled():
        assert Komentar.objects.filter(desa=desa_a, status="disetujui").count() == len(PAYLOADS)
        return list(Artikel.objects.filter(desa=desa_a).values_list("slug", flat=True))


def test_sanitised_bodies_keep_no_dangerous_markup(desa_a, hostile_site):
    with scopes_disabled():
        for isi in Artikel.objects.filter(desa=desa_a).values_list("isi", flat=True):
            assert_inert(isi, fragment=True)
            assert "<script" not in isi.lower() and "evil.example" not in isi


def test_every_public_page_is_inert(client_for, desa_a, hostile_site):
    client = client_for(desa_a)
    paths = ["/", "/artikel/", "/pemerintahan/", "/wilayah/", "/kontak/", "/artikel/?q=alert"]
    paths += [f"/artikel/{slug}/" for slug in hostile_site]
    paths += [f"/halaman/h{i}/" for i in range(len(PAYLOADS))]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.content.decode())


def test_portals_are_inert(client_for, desa_a, hostile_site):
    assert_inert(client_for(None).get("/").content.decode())
    assert_inert(client_for(None).get("/cari/?q=alert").content.decode())
    assert_inert(client_for(desa_a.kecamatan).get("/").content.decode())


def test_back_office_lists_are_inert(client_for, desa_a, admin_a, hostile_site):
    client = client_for(desa_a, admin_a)
    for path in [
        "/admin-desa/artikel/",
        "/admin-desa/komentar/?status=disetujui",
        "/admin-desa/halaman/",
        "/admin-desa/perangkat/",
        "/admin-desa/menu/",
        "/admin-desa/kategori/",
        "/admin-desa/",
    ]:
        assert_inert(client.get(path).content.decode())


def test_rows_written_around_the_services_are_escaped(client_for, desa_a):
    """Plain-text fields are escaped by the templates even if a row skipped the services."""
    with scopes_disabled():
        for i, p in enumerate(PAYLOADS):
            Perangkat.objects.create(desa=desa_a, nama=p, jabatan=p, urutan=i)
            MenuSitus.objects.create(desa=desa_a, label=p[:40], url="/")
    assert_inert(client_for(desa_a).get("/pemerintahan/").content.decode())


def test_search_query_is_escaped(client_for, desa_a):
    for p in PAYLOADS:
        assert_inert(client_for(desa_a).get("/artikel/", {"q": p}).content.decode())
        assert_inert(client_for(None).get("/cari/", {"q": p}).content.decode())
