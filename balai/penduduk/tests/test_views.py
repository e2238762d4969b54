import datetime

import pytest
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.penduduk import kode
from balai.penduduk.models import Penduduk, Peristiwa
from balai.wilayah.models import RT, RW, Dusun

from .factories import make_keluarga, make_penduduk, nik_for


@pytest.fixture
def wilayah_a(desa_a, no_scopes):
    du = Dusun.objects.create(desa=desa_a, nama="Krajan")
    rw = RW.objects.create(desa=desa_a, dusun=du, nomor=1)
    return RT.objects.create(desa=desa_a, rw=rw, nomor=3)


def test_list_filters_masks_and_has_bounded_queries(
    desa_a, operator_a, make_user, client_for, wilayah_a, django_assert_max_num_queries
):
    with scopes_disabled():
        for i in range(30):
            make_penduduk(desa_a, nama=f"Warga {i:02d}", rt=wilayah_a, rw=wilayah_a.rw, dusun=wilayah_a.rw.dusun)
        target = make_penduduk(desa_a, nama="Sutrisno Wibowo")
        make_penduduk(desa_a, nama="Almarhum Darmo", status_dasar=kode.MATI)
    client = client_for(desa_a, operator_a)
    with django_assert_max_num_queries(12):
        body = client.get("/admin-desa/penduduk/").content.decode()
    assert "Sutrisno Wibowo" in body and target.nik in body and "Almarhum Darmo" not in body
    body = client.post("/admin-desa/penduduk/", {"q": "sutrisno"}).content.decode()
    assert "Sutrisno Wibowo" in body and "Warga 01" not in body
    # Search text never travels in a URL: a GET ?q= is ignored.
    body = client.get("/admin-desa/penduduk/", {"q": "sutrisno"}).content.decode()
    assert "Warga 01" in body
    # Page 2 is asked for by POST with the filters.
    body = client.post("/admin-desa/penduduk/", {"hal": "2", "q": "warga"}).content.decode()
    # 30 matches fit on one page of 50: page 2 is past the end, so the last page is shown.
    assert "Halaman 1</span>" in body and "Warga 29" in body
    body = client.get("/admin-desa/penduduk/", {"rt": wilayah_a.pk}).content.decode()
    assert "Warga 01" in body and "Sutrisno Wibowo" not in body
    body = client.get("/admin-desa/penduduk/", {"status_dasar": kode.MATI}).content.decode()
    assert "Almarhum Darmo" in body and "Sutrisno" not in body
    # Perangkat desa reads the register with numbers masked.
    perangkat = make_user(Peran.PERANGKAT_DESA, desa=desa_a)
    body = client_for(desa_a, perangkat).post("/admin-desa/penduduk/", {"q": "sutrisno"}).content.decode()
    assert target.nik not in body and f"{target.nik[:4]}••••••••{target.nik[-4:]}" in body
    # PPID has no access at all.
    ppid = make_user(Peran.PPID_DESA, desa=desa_a)
    assert client_for(desa_a, ppid).get("/admin-desa/penduduk/").status_code == 403


def test_detail_view_is_audited(desa_a, operator_a, client_for):
    with scopes_disabled():
        p = make_penduduk(desa_a, nama="Painem")
    response = client_for(desa_a, operator_a).get(f"/admin-desa/penduduk/{p.pk}/")
    assert response.status_code == 200 and "Painem" in response.content.decode()
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="penduduk.dilihat")
    assert entry.actor == operator_a and entry.object_id == str(p.pk)


def test_detail_names_the_place_and_costs_the_same_whatever_the_history(
    desa_a, operator_a, client_for, wilayah_a, django_assert_num_queries
):
    with scopes_disabled():
        du = wilayah_a.rw.dusun
        di_rt = make_penduduk(desa_a, nama="Painem", rt=wilayah_a, rw=wilayah_a.rw, dusun=du)
        di_dusun = make_penduduk(desa_a, nama="Paijo", dusun=Dusun.objects.create(desa=desa_a, nama="Kali <Bening>"))
        tanpa = make_penduduk(desa_a, nama="Parmin")
    client = client_for(desa_a, operator_a)
    client.get(f"/admin-desa/penduduk/{tanpa.pk}/")  # the place choices are cached from here
    # The session, the user, the resident with KK and household, the audit entry, the history.
    with django_assert_num_queries(5):
        body = client.get(f"/admin-desa/penduduk/{di_rt.pk}/").content.decode()
    assert "· RT 003 / RW 001 · Dusun Krajan</dd>" in body
    body = client.get(f"/admin-desa/penduduk/{di_dusun.pk}/").content.decode()
    assert "· Dusun Kali &lt;Bening&gt;</dd>" in body
    body = client.get(f"/admin-desa/penduduk/{tanpa.pk}/").content.decode()
    assert "Dusun" not in body.split("<dt>Alamat</dt>")[1].split("</dd>")[0]


def _post_data(desa, **kw):
    lahir = kw.pop("tanggal_lahir", datetime.date(2001, 4, 9))
    data = {
        "nik": nik_for(desa, lahir, perempuan=True),
        "nama": "Dewi Lestari",
        "jenis_kelamin": 2,
        "tempat_lahir": "Purbalingga",
        "tanggal_lahir": lahir.isoformat(),
        "agama": 1,
        "pendidikan_kk": 5,
        "pekerjaan": 3,
        "status_kawin": 1,
        "shdk": 4,
        "warganegara": 1,
        "status_dasar": 1,
        "status_penduduk": 1,
    }
    data.update(kw)
    return data


def test_create_edit_and_mutate_through_forms(desa_a, operator_a, client_for, wilayah_a):
    client = client_for(desa_a, operator_a)
    with scopes_disabled():
        kk = make_keluarga(desa_a, rt=wilayah_a)
    response = client.post("/admin-desa/penduduk/tambah/", _post_data(desa_a, no_kk=kk.no_kk))
    assert response.status_code == 302, response.content.decode()[:3000]
    with scopes_disabled():
        p = Penduduk.objects.get(nama="Dewi Lestari")
    assert p.keluarga == kk and p.rt == wilayah_a and p.dusun_id == wilayah_a.rw.dusun_id
    # A NIK whose date part disagrees is refused with the reason on the NIK field.
    bad = _post_data(desa_a, nama="Salah Tanggal", tanggal_lahir=datetime.date(2001, 4, 10))
    bad["nik"] = nik_for(desa_a, datetime.date(2001, 4, 9), perempuan=True)
    body = client.post("/admin-desa/penduduk/tambah/", bad).content.decode()
    assert "Tanggal lahir pada NIK" in body
    response = client.post(
        f"/admin-desa/penduduk/{p.pk}/pindah/",
        {
            "tanggal": "2025-01-05",
            "asal_tujuan": "Jakarta",
            "no_dokumen": "SKPWNI/1",
            "jenis_pindah": 3,
            "alasan_pindah": 1,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        p.refresh_from_db()
        assert p.status_dasar == kode.PINDAH
        assert Peristiwa.objects.get(penduduk=p).asal_tujuan == "Jakarta"


def test_family_with_two_heads_is_refused_in_the_form(desa_a, operator_a, client_for):
    with scopes_disabled():
        kk = make_keluarga(desa_a)
        make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA, nama="Kepala Lama")
    client = client_for(desa_a, operator_a)
    body = client.post("/admin-desa/penduduk/tambah/", _post_data(desa_a, no_kk=kk.no_kk, shdk=1)).content.decode()
    assert "sudah punya kepala keluarga: Kepala Lama" in body
    page = client.get(f"/admin-desa/penduduk/keluarga/{kk.pk}/").content.decode()
    assert "Kepala Lama" in page and "KEPALA KELUARGA" in page
    assert "Kepala Lama" in client.get("/admin-desa/penduduk/keluarga/").content.decode()


def test_lahir_and_datang_forms(desa_a, operator_a, client_for):
    client = client_for(desa_a, operator_a)
    with scopes_disabled():
        kk = make_keluarga(desa_a)
        ibu = make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA, jenis_kelamin=kode.PEREMPUAN)
    lahir = datetime.date.today() - datetime.timedelta(days=3)
    data = {
        "ibu": ibu.pk,
        "nama": "Bayi Baru",
        "jenis_kelamin": 2,
        "tempat_lahir": "Purbalingga",
        "tanggal_lahir": lahir.isoformat(),
        "tempat_dilahirkan": 1,
        "penolong_kelahiran": 2,
        "jenis_kelahiran": 1,
        "shdk": 4,
    }
    response = client.post(f"/admin-desa/penduduk/lahir/?keluarga={kk.pk}", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    data = _post_data(desa_a, nama="Pendatang", nik="3171015708450001", tanggal_lahir=datetime.date(1945, 8, 17))
    data.update({"datang-tanggal": "2025-02-01", "datang-asal_tujuan": "Jakarta Pusat"})
    response = client.post("/admin-desa/penduduk/datang/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    with scopes_disabled():
        assert sorted(Peristiwa.objects.values_list("jenis", flat=True)) == [1, 5]


def test_dashboard_card_counts_the_register(desa_a, operator_a, client_for, django_assert_max_num_queries):
    with scopes_disabled():
        kk = make_keluarga(desa_a)
        make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA)
        make_penduduk(
            desa_a, keluarga=kk, shdk=3, jenis_kelamin=kode.PEREMPUAN, tanggal_lahir=datetime.date(1990, 1, 2)
        )
    body = client_for(desa_a, operator_a).get("/admin-desa/").content.decode()
    assert "Buka data penduduk" in body and '<span class="num">2</span> jiwa' in body
    assert '<span class="num">1</span> KK' in body


def test_edit_form_keeps_history_in_audit(desa_a, operator_a, client_for):
    with scopes_disabled():
        p = make_penduduk(desa_a, nama="Nama Lama", tanggal_lahir=datetime.date(2001, 4, 9))
    data = _post_data(desa_a, nama="Nama Baru", nik=p.nik, jenis_kelamin=1)
    response = client_for(desa_a, operator_a).post(f"/admin-desa/penduduk/{p.pk}/ubah/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="penduduk.diubah")
    assert entry.changes["nama"] == ["Nama Lama", "Nama Baru"]


def test_rumah_tangga_list_and_members(
    desa_a, desa_b, operator_a, make_user, client_for, django_assert_max_num_queries
):
    from balai.core.models import AuditEntry
    from balai.penduduk.models import RumahTangga

    with scopes_disabled():
        rtm = RumahTangga.objects.create(desa=desa_a, no_rtm="RTM-0007")
        kosong = RumahTangga.objects.create(desa=desa_a, no_rtm="RTM-0008")
        for i in range(12):
            RumahTangga.objects.create(desa=desa_a, no_rtm=f"RTM-1{i:03d}")
        RumahTangga.objects.create(desa=desa_b, no_rtm="RTM-LAIN")
        k = make_keluarga(desa_a)
        kepala = make_penduduk(desa_a, nama="Kepala Rumah", keluarga=k, rumah_tangga=rtm)
        make_penduduk(desa_a, nama="Anggota Dua", rumah_tangga=rtm)
        make_penduduk(desa_a, nama="Sudah Wafat", rumah_tangga=rtm, status_dasar=kode.MATI)
        make_penduduk(desa_a, nama="Bukan Anggota")
    perangkat = make_user(Peran.PERANGKAT_DESA, desa=desa_a)
    client = client_for(desa_a, perangkat)
    with django_assert_max_num_queries(12):
        body = client.get("/admin-desa/penduduk/rumah-tangga/").content.decode()
    assert "RTM-0007" in body and "RTM-0008" in body and "RTM-LAIN" not in body
    assert 'href="/admin-desa/penduduk/rumah-tangga/"' in body, "in the village menu"
    body = client.post("/admin-desa/penduduk/rumah-tangga/", {"q": "0007"}).content.decode()
    assert "RTM-0007" in body and "RTM-0008" not in body

    with django_assert_max_num_queries(12):
        body = client.get(f"/admin-desa/penduduk/rumah-tangga/{rtm.pk}/").content.decode()
    assert "Kepala Rumah" in body and "Anggota Dua" in body and "Sudah Wafat" in body
    assert "Bukan Anggota" not in body
    body = client.get(f"/admin-desa/penduduk/{kepala.pk}/").content.decode()
    assert f'href="/admin-desa/penduduk/rumah-tangga/{rtm.pk}/"' in body
    assert kepala.nik not in body and k.no_kk not in body, "numbers masked for perangkat"
    assert (
        kepala.nik
        in client_for(desa_a, operator_a).get(f"/admin-desa/penduduk/rumah-tangga/{rtm.pk}/").content.decode()
    )
    assert "Belum ada anggota" in client.get(f"/admin-desa/penduduk/rumah-tangga/{kosong.pk}/").content.decode()
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="rumahtangga.dilihat", object_id=str(rtm.pk)).exists()


@pytest.mark.parametrize(
    "url", ["/admin-desa/penduduk/", "/admin-desa/penduduk/keluarga/", "/admin-desa/penduduk/rumah-tangga/"]
)
def test_search_with_a_nul_character_is_no_server_error(desa_a, operator_a, client_for, url):
    """PostgreSQL refuses NUL in text parameters; the middleware only guards query strings."""
    response = client_for(desa_a, operator_a).post(url, {"q": "a\x00b"})
    assert response.status_code in (200, 400)


def test_reading_ability_in_the_form_and_on_the_record(desa_a, operator_a, client_for):
    client = client_for(desa_a, operator_a)
    form = client.get("/admin-desa/penduduk/tambah/").content.decode()
    assert "Dapat membaca huruf" in form and "ARAB, LATIN DAN DAERAH" in form
    body = client.post("/admin-desa/penduduk/tambah/", _post_data(desa_a, bahasa=9)).content.decode()
    assert "Masukkan pilihan yang valid. 9 bukan salah satu dari pilihan" in body  # Django's, in Indonesian
    with scopes_disabled():
        assert not Penduduk.objects.exists()
    response = client.post("/admin-desa/penduduk/tambah/", _post_data(desa_a, bahasa=4))
    assert response.status_code == 302
    with scopes_disabled():
        p = Penduduk.objects.get(nama="Dewi Lestari")
    assert p.bahasa == 4
    page = client.get(f"/admin-desa/penduduk/{p.pk}/").content.decode()
    assert "Dapat membaca huruf</dt><dd>ARAB DAN LATIN" in page
    # Left empty, it stays empty (a young child, or not recorded).
    data = _post_data(desa_a, nik=p.nik, bahasa="")
    assert client.post(f"/admin-desa/penduduk/{p.pk}/ubah/", data).status_code == 302
    with scopes_disabled():
        p.refresh_from_db()
    assert p.bahasa is None


def test_kk_print_date_in_the_form_and_on_the_page(desa_a, operator_a, client_for):
    client = client_for(desa_a, operator_a)
    with scopes_disabled():
        kk = make_keluarga(desa_a, alamat="Jl. Melati 1")
    url = f"/admin-desa/penduduk/keluarga/{kk.pk}/ubah/"
    assert "Tanggal cetak KK" in client.get(url).content.decode()
    data = {"no_kk": kk.no_kk, "alamat": kk.alamat}
    body = client.post(url, {**data, "tanggal_cetak_kk": "31-02-2020"}).content.decode()
    assert "Masukkan tanggal yang valid" in body
    besok = datetime.date.today() + datetime.timedelta(days=2)
    body = client.post(url, {**data, "tanggal_cetak_kk": besok.isoformat()}).content.decode()
    assert "Tanggal cetak KK tidak boleh di masa depan." in body
    assert client.post(url, {**data, "tanggal_cetak_kk": "2021-07-14"}).status_code == 302
    with scopes_disabled():
        kk.refresh_from_db()
        entry = AuditEntry.objects.get(action="keluarga.diubah")
    assert kk.tanggal_cetak_kk == datetime.date(2021, 7, 14)
    assert "tanggal_cetak_kk" in entry.changes
    page = client.get(f"/admin-desa/penduduk/keluarga/{kk.pk}/").content.decode()
    assert "Tanggal cetak KK</dt><dd>14-07-2021" in page
