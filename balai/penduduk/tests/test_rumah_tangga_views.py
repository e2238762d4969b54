"""The household pages: what an operator does with them, what other roles see, other
villages' residents refused, and a list whose queries do not grow with its length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.penduduk import services
from balai.penduduk.models import Penduduk, RumahTangga
from balai.wilayah.models import RT, RW, Dusun

from .factories import anggota_ids, make_kk

BASE = "/admin-desa/penduduk/rumah-tangga/"


@pytest.fixture
def tempat(desa_a, no_scopes):
    du = Dusun.objects.create(desa=desa_a, nama="Krajan")
    rw = RW.objects.create(desa=desa_a, dusun=du, nomor=2)
    return RT.objects.create(desa=desa_a, rw=rw, nomor=5)


def test_operator_forms_a_household_and_manages_it_through_the_pages(desa_a, operator_a, client_for, tempat):
    kk, (kepala, anak, _) = make_kk(desa_a, nama="Sutrisno", rt=tempat)
    kk2, (menantu, *_) = make_kk(desa_a, nama="Wagiman", anggota=1)
    client = client_for(desa_a, operator_a)
    assert client.get(BASE + "tambah/").status_code == 200
    body = client.post(BASE + "tambah/", {"q": "sutrisno", "sekeluarga": "on"}).content.decode()
    assert f'name="kepala" value="{kepala.pk}"' in body and kepala.nik in body
    assert "Wagiman" not in body
    response = client.post(BASE + "tambah/", {"q": "sutrisno", "sekeluarga": "on", "kepala": kepala.pk})
    assert response.status_code == 302
    with scopes_disabled():
        r = RumahTangga.objects.get(desa=desa_a)
    assert response["Location"] == f"{BASE}{r.pk}/"
    body = client.get(f"{BASE}{r.pk}/").content.decode()
    assert "Sutrisno Anak 2" in body and "KEPALA KELUARGA" in body and kk.no_kk in body
    assert "Kepala rumah tangga" in body and "Dusun Krajan" in body and "RT 005/RW 002" in body
    # Searching again shows the head as a member, no longer as a candidate.
    body = client.post(BASE + "tambah/", {"q": "sutrisno"}).content.decode()
    assert f'name="kepala" value="{kepala.pk}"' not in body and r.no_rtm in body

    body = client.post(f"{BASE}{r.pk}/anggota/", {"q": "wagiman"}).content.decode()
    assert f'name="keluarga" value="{kk2.pk}"' in body
    response = client.post(f"{BASE}{r.pk}/anggota/", {"q": "wagiman", "keluarga": kk2.pk})
    assert response.status_code == 302
    body = client.get(f"{BASE}{r.pk}/").content.decode()
    assert "Ditambahkan ke rumah tangga RTM-0001" in body and "Wagiman Anak 1" in body
    assert "dari 2 KK" in body

    client.post(f"{BASE}{r.pk}/kepala/", {"penduduk": menantu.pk})
    client.post(f"{BASE}{r.pk}/keluarkan/", {"penduduk": anak.pk})
    body = client.get(f"{BASE}{r.pk}/").content.decode()
    assert "Sutrisno Anak 1 dikeluarkan dari rumah tangga RTM-0001." in body
    assert f'href="/admin-desa/penduduk/{anak.pk}/"' not in body
    with scopes_disabled():
        r.refresh_from_db()
        assert r.kepala_id == menantu.pk
    body = client.post(f"{BASE}{r.pk}/keluarkan/", {"penduduk": menantu.pk}, follow=True).content.decode()
    assert "Wagiman adalah kepala rumah tangga ini" in body
    assert client.get(f"{BASE}{r.pk}/keluarkan/").status_code == 405

    assert "Bubarkan rumah tangga RTM-0001?" in client.get(f"{BASE}{r.pk}/bubarkan/").content.decode()
    response = client.post(f"{BASE}{r.pk}/bubarkan/")
    assert response.status_code == 302 and response["Location"] == BASE
    with scopes_disabled():
        assert not RumahTangga.objects.exists()


def test_pages_refuse_other_villages_residents_and_answer_in_indonesian(desa_a, desa_b, operator_a, client_for):
    _, (kepala, *_) = make_kk(desa_a, anggota=0)
    kk_b, (warga_b, *_) = make_kk(desa_b, nama="Warga Karangpetir", anggota=1)
    client = client_for(desa_a, operator_a)
    body = client.post(BASE + "tambah/", {"kepala": warga_b.pk}).content.decode()
    assert "Penduduk ini bukan warga desa ini." in body
    body = client.post(BASE + "tambah/", {"q": "Karangpetir"}).content.decode()
    assert "Warga Karangpetir" not in body
    client.post(BASE + "tambah/", {"kepala": kepala.pk})
    with scopes_disabled():
        r = RumahTangga.objects.get(desa=desa_a)
    for data in ({"penduduk": warga_b.pk}, {"keluarga": kk_b.pk}):
        body = client.post(f"{BASE}{r.pk}/anggota/", data).content.decode()
        assert "bukan warga desa ini" in body or "bukan milik desa ini" in body
    with scopes_disabled():
        assert not Penduduk.objects.filter(desa=desa_b, rumah_tangga__isnull=False).exists()


def test_roles_without_write_rights_read_masked_and_get_403_on_writes(
    desa_a, operator_a, make_user, client_for, tempat
):
    kk, (kepala, anak, anak2) = make_kk(desa_a, nama="Sutrisno", rt=tempat)
    with scope(desa=desa_a):
        r = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
    perangkat = make_user(Peran.PERANGKAT_DESA, desa=desa_a)
    client = client_for(desa_a, perangkat)
    body = client.get(f"{BASE}{r.pk}/").content.decode()
    assert "Sutrisno Anak 1" in body and kepala.nik not in body and kk.no_kk not in body
    assert f"{kepala.nik[:4]}••••••••{kepala.nik[-4:]}" in body
    assert "Keluarkan" not in body and "Bubarkan" not in body
    assert "+ Rumah tangga" not in client.get(BASE).content.decode()
    for url in ("tambah/", f"{r.pk}/anggota/", f"{r.pk}/keluarkan/", f"{r.pk}/kepala/", f"{r.pk}/bubarkan/"):
        assert client.post(BASE + url, {"penduduk": anak.pk}).status_code == 403, url
    ppid = make_user(Peran.PPID_DESA, desa=desa_a)
    assert client_for(desa_a, ppid).get(BASE).status_code == 403
    assert anggota_ids(r) == {kepala.pk, anak.pk, anak2.pk}


def test_kabupaten_admin_writes_but_sees_numbers_masked(desa_a, make_user, client_for):
    kk, (kepala, *_) = make_kk(desa_a, nama="Sutrisno", anggota=1)
    admin = make_user(Peran.ADMIN_KABUPATEN)
    client = client_for(desa_a, admin)
    body = client.post(BASE + "tambah/", {"q": "sutrisno"}).content.decode()
    assert f'name="kepala" value="{kepala.pk}"' in body
    assert kepala.nik not in body and kk.no_kk not in body
    # A prefix of a NIK finds nothing for a role that sees numbers masked.
    body = client.post(BASE + "tambah/", {"q": kepala.nik[:8]}).content.decode()
    assert f'value="{kepala.pk}"' not in body
    body = client.post(BASE + "tambah/", {"q": kepala.nik}).content.decode()
    assert f'value="{kepala.pk}"' in body
    assert client.post(BASE + "tambah/", {"kepala": kepala.pk}).status_code == 302


def test_list_shows_head_members_and_place_filters_and_has_constant_queries(desa_a, operator_a, client_for, tempat):
    with scopes_disabled():
        lain = RT.objects.create(
            desa=desa_a,
            rw=RW.objects.create(desa=desa_a, dusun=Dusun.objects.create(desa=desa_a, nama="Sindang"), nomor=7),
            nomor=1,
        )
    client = client_for(desa_a, operator_a)

    def bentuk(n, rt):
        for i in range(n):
            _, (kepala, *_) = make_kk(desa_a, nama=f"Kepala {rt.rw.dusun.nama} {i:02d}", anggota=1, rt=rt)
            with scope(desa=desa_a):
                services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(BASE).status_code == 200
        return len(ctx.captured_queries)

    bentuk(2, tempat)
    queries()  # first request of the process fills caches (reference codes, site)
    few = queries()
    bentuk(25, lain)
    assert queries() == few <= 12
    body = client.get(BASE).content.decode()
    assert "Kepala Krajan 01" in body and "Sindang" in body and "007" in body
    body = client.post(BASE, {"dusun": tempat.rw.dusun_id}).content.decode()
    assert "Kepala Krajan 01" in body and "Kepala Sindang" not in body
    body = client.post(BASE, {"q": "sindang 1"}).content.decode()
    assert "Kepala Sindang 10" in body and "Kepala Sindang 09" not in body
    with scopes_disabled():
        p = Penduduk.objects.get(nama="Kepala Sindang 03 Anak 1")
    body = client.post(BASE, {"q": p.nik}).content.decode()
    assert "Kepala Sindang 03" in body and "Kepala Sindang 04" not in body
    assert "Halaman 1 dari 1 · 27 rumah tangga" in client.get(BASE).content.decode()


def test_household_page_warns_when_the_head_has_died(desa_a, operator_a, client_for):
    _, (kepala, anak, _) = make_kk(desa_a, nama="Darmo")
    with scope(desa=desa_a):
        r = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
    client = client_for(desa_a, operator_a)
    body = client.post(
        f"/admin-desa/penduduk/{kepala.pk}/mati/",
        {"tanggal": "2025-01-05", "sebab_kematian": 1, "pelapor": "Sutrisno", "hubungan_pelapor": "anak"},
        follow=True,
    ).content.decode()
    assert "Darmo adalah kepala rumah tangga RTM-0001" in body
    body = client.get(f"{BASE}{r.pk}/").content.decode()
    assert "Kepala rumah tangga ini, Darmo, sudah tercatat mati" in body
    assert "2 orang hidup, dari 1 KK" in body
    daftar = client.get(BASE).content.decode()
    assert 'Darmo <span class="badge off">MATI</span>' in daftar


def test_dashboard_and_register_count_households(desa_a, operator_a, client_for):
    _, (kepala, *_) = make_kk(desa_a)
    with scope(desa=desa_a):
        services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
    client = client_for(desa_a, operator_a)
    assert '<span class="num">1</span> rumah tangga' in client.get("/admin-desa/").content.decode()
    assert "<strong>1</strong> rumah tangga" in client.get("/admin-desa/penduduk/").content.decode()
