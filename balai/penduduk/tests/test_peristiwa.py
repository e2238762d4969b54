"""The mutation forms: a birth in a KK with its parents and details, a death and a move with
theirs, adding a resident without a preselected SHDK, and moves between two villages of the
kabupaten confirmed by the sending village or its kecamatan."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.laporan.buku import BukuMutasi, Periode
from balai.penduduk import choices, kode
from balai.penduduk.models import Keluarga, Penduduk, Peristiwa, PindahAntarDesa
from balai.wilayah.models import RT, RW, Desa, Dusun

from .factories import make_keluarga, make_penduduk, nik_for, no_kk_for

HARI_INI = timezone.localdate()
KEMARIN = HARI_INI - datetime.timedelta(days=1)


@pytest.fixture
def rt_a(desa_a, no_scopes):
    du = Dusun.objects.create(desa=desa_a, nama="Krajan")
    rw = RW.objects.create(desa=desa_a, dusun=du, nomor=1)
    return RT.objects.create(desa=desa_a, rw=rw, nomor=3)


@pytest.fixture
def keluarga_a(desa_a, rt_a, no_scopes):
    """A KK with a father (head), a mother and an older child."""
    kk = make_keluarga(desa_a, rt=rt_a)
    place = {"rt": rt_a, "rw": rt_a.rw, "dusun": rt_a.rw.dusun}
    ayah = make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA, nama="Budi Santoso", agama=2, **place)
    ibu = make_penduduk(desa_a, keluarga=kk, shdk=3, nama="Sri Wahyuni", jenis_kelamin=kode.PEREMPUAN, agama=2, **place)
    return kk, ayah, ibu


def _lahir(**kw):
    data = {
        "nama": "Bayi Santoso",
        "jenis_kelamin": kode.LAKI_LAKI,
        "tempat_lahir": "Purbalingga",
        "tanggal_lahir": KEMARIN.isoformat(),
        "waktu_lahir": "06:45",
        "tempat_dilahirkan": choices.TempatDilahirkan.PUSKESMAS,
        "penolong_kelahiran": choices.PenolongKelahiran.BIDAN_PERAWAT,
        "jenis_kelahiran": choices.JenisKelahiran.TUNGGAL,
        "kelahiran_anak_ke": 2,
        "berat_lahir": 3100,
        "panjang_lahir": "49.5",
        "shdk": 4,
    }
    data.update(kw)
    return data


def test_birth_form_is_short_and_picks_the_kk_first(desa_a, operator_a, client_for, keluarga_a):
    kk, ayah, ibu = keluarga_a
    client = client_for(desa_a, operator_a)
    pilih = client.get("/admin-desa/penduduk/lahir/").content.decode()
    assert "Cari KK" in pilih and "paspor" not in pilih.lower()
    hasil = client.post("/admin-desa/penduduk/lahir/", {"q": "Budi"}).content.decode()
    assert f"?keluarga={kk.pk}" in hasil
    form = client.get(f"/admin-desa/penduduk/lahir/?keluarga={kk.pk}").content.decode()
    for absent in ("paspor", "KITAS", "perkawinan", "perceraian", "Pekerjaan", "Akseptor"):
        assert absent not in form, absent
    for present in ("Jam lahir", "Tempat dilahirkan", "Penolong kelahiran", "Berat lahir", "Kelahiran anak ke-"):
        assert present in form, present
    # The KK's mother and father are offered, and preselected by their SHDK.
    assert f'<option value="{ibu.pk}" selected>Sri Wahyuni' in form
    assert f'<option value="{ayah.pk}" selected>Budi Santoso' in form


def test_birth_records_parents_details_and_kk(desa_a, operator_a, client_for, keluarga_a, rt_a):
    kk, ayah, ibu = keluarga_a
    client = client_for(desa_a, operator_a)
    response = client.post(f"/admin-desa/penduduk/lahir/?keluarga={kk.pk}", _lahir(ibu=ibu.pk, ayah=ayah.pk))
    assert response.status_code == 302, response.content.decode()[-3000:]
    with scopes_disabled():
        anak = Penduduk.objects.get(nama="Bayi Santoso")
        peristiwa = Peristiwa.objects.get(penduduk=anak)
    assert anak.keluarga == kk and anak.rt == rt_a and anak.shdk == 4
    assert (anak.ibu_nik, anak.nama_ibu, anak.ayah_nik, anak.nama_ayah) == (ibu.nik, ibu.nama, ayah.nik, ayah.nama)
    assert anak.agama == 2, "the child's religion follows the mother's when not given"
    assert (anak.pekerjaan, anak.status_kawin, anak.pendidikan_kk) == (1, kode.BELUM_KAWIN, 1)
    assert anak.waktu_lahir == datetime.time(6, 45) and anak.berat_lahir == 3100
    assert str(anak.panjang_lahir) == "49.5" and anak.kelahiran_anak_ke == 2
    assert anak.tempat_dilahirkan == choices.TempatDilahirkan.PUSKESMAS
    assert anak.nik == "", "no NIK issued yet: it stays empty, nothing is made up"
    assert peristiwa.jenis == Peristiwa.Jenis.LAHIR and peristiwa.tanggal == KEMARIN
    page = client.get(f"/admin-desa/penduduk/{anak.pk}/").content.decode()
    assert "Puskesmas" in page and "3100 gram" in page and "belum terbit" in page


def test_birth_without_a_mother_is_refused_unless_stated_unknown(desa_a, operator_a, client_for, keluarga_a):
    kk, ayah, _ibu = keluarga_a
    client = client_for(desa_a, operator_a)
    url = f"/admin-desa/penduduk/lahir/?keluarga={kk.pk}"
    body = client.post(url, _lahir(ayah=ayah.pk)).content.decode()
    assert "Pilih ibu dari register" in body
    response = client.post(url, _lahir(ayah=ayah.pk, ibu_tidak_diketahui="on", nama_ibu="Ibu Di Luar Desa"))
    assert response.status_code == 302
    with scopes_disabled():
        anak = Penduduk.objects.get(nama="Bayi Santoso")
    assert anak.nama_ibu == "Ibu Di Luar Desa" and anak.ibu_nik == ""


def test_parents_must_be_living_residents_of_the_village_of_the_right_sex(
    desa_a, desa_b, operator_a, client_for, keluarga_a
):
    kk, ayah, ibu = keluarga_a
    with scopes_disabled():
        ibu_lain = make_penduduk(desa_b, jenis_kelamin=kode.PEREMPUAN, nama="Ibu Desa Lain")
        mati = make_penduduk(desa_a, jenis_kelamin=kode.PEREMPUAN, nama="Almarhumah", status_dasar=kode.MATI)
    client = client_for(desa_a, operator_a)
    url = f"/admin-desa/penduduk/lahir/?keluarga={kk.pk}"
    # Another village's resident (by NIK) or a dead one is not found among the village's living.
    for nik in (ibu_lain.nik, mati.nik):
        body = client.post(url, _lahir(ibu_nik_lain=nik)).content.decode()
        assert "bukan penduduk hidup desa ini" in body
    # The father in the mother's place: refused by sex (the service checks what the form sends).
    body = client.post(url, _lahir(ibu_nik_lain=ayah.nik)).content.decode()
    assert "Budi Santoso tercatat laki-laki" in body
    # A KK of another village cannot be chosen.
    with scopes_disabled():
        kk_b = make_keluarga(desa_b)
    assert "Langkah 1 dari 2" in client.get(f"/admin-desa/penduduk/lahir/?keluarga={kk_b.pk}").content.decode()
    with scopes_disabled():
        assert not Penduduk.objects.filter(nama="Bayi Santoso").exists()


def test_two_newborns_without_nik_in_one_village(desa_a, operator_a, client_for, keluarga_a):
    kk, ayah, ibu = keluarga_a
    client = client_for(desa_a, operator_a)
    url = f"/admin-desa/penduduk/lahir/?keluarga={kk.pk}"
    data = _lahir(ibu=ibu.pk, ayah=ayah.pk, jenis_kelahiran=choices.JenisKelahiran.KEMBAR_2)
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "nama": "Bayi Kembar", "kelahiran_anak_ke": 3}).status_code == 302
    with scopes_disabled():
        assert Penduduk.objects.filter(desa=desa_a, nik="").count() == 2


def test_death_records_time_cause_and_reporter(desa_a, operator_a, client_for, keluarga_a):
    _kk, ayah, _ibu = keluarga_a
    client = client_for(desa_a, operator_a)
    url = f"/admin-desa/penduduk/{ayah.pk}/mati/"
    body = client.post(url, {"tanggal": KEMARIN.isoformat(), "sebab_kematian": 1}).content.decode()
    assert "Nama pelapor" in body and "tidak boleh kosong" in body
    response = client.post(
        url,
        {
            "tanggal": KEMARIN.isoformat(),
            "waktu": "21:10",
            "tempat": "RSUD Goeteng",
            "sebab_kematian": choices.SebabKematian.SAKIT_TUA,
            "penolong_mati": choices.PenolongMati.DOKTER,
            "pelapor": "Sri Wahyuni",
            "hubungan_pelapor": "istri",
            "no_dokumen": "474.3/12",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        e = Peristiwa.objects.get(penduduk=ayah)
    assert (e.jenis, e.waktu, e.tempat) == (Peristiwa.Jenis.MATI, datetime.time(21, 10), "RSUD Goeteng")
    assert (e.sebab_kematian, e.penolong_mati) == (choices.SebabKematian.SAKIT_TUA, choices.PenolongMati.DOKTER)
    assert (e.pelapor, e.hubungan_pelapor) == ("Sri Wahyuni", "istri")
    page = client.get(f"/admin-desa/penduduk/{ayah.pk}/").content.decode()
    assert "sebab: sakit biasa / tua" in page and "pelapor Sri Wahyuni (istri)" in page


def test_move_away_records_kind_and_reason(desa_a, operator_a, client_for, keluarga_a):
    _kk, _ayah, ibu = keluarga_a
    client = client_for(desa_a, operator_a)
    response = client.post(
        f"/admin-desa/penduduk/{ibu.pk}/pindah/",
        {
            "tanggal": KEMARIN.isoformat(),
            "jenis_pindah": choices.JenisPindah.PROVINSI,
            "asal_tujuan": "Jl. Merdeka 5, Bandung",
            "alasan_pindah": choices.AlasanPindah.PEKERJAAN,
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        e = Peristiwa.objects.get(penduduk=ibu)
    assert (e.jenis_pindah, e.alasan_pindah, e.asal_tujuan) == (4, 1, "Jl. Merdeka 5, Bandung")


def _penduduk_lama(desa, **kw):
    lahir = datetime.date(1980, 1, 15)
    data = {
        "nik": nik_for(desa, lahir),
        "nama": "Warga Lama",
        "jenis_kelamin": 1,
        "tempat_lahir": "Purbalingga",
        "tanggal_lahir": lahir.isoformat(),
        "agama": 1,
        "pendidikan_kk": 5,
        "pekerjaan": 9,
        "status_kawin": 2,
        "warganegara": 1,
        "status_penduduk": 1,
    }
    data.update(kw)
    return data


def test_adding_a_resident_preselects_no_shdk_and_refuses_a_head_without_kk(desa_a, operator_a, client_for):
    client = client_for(desa_a, operator_a)
    form = client.get("/admin-desa/penduduk/tambah/").content.decode()
    assert "Tambah penduduk lama (sudah tinggal sebelum dicatat)" in form
    shdk = form.split('name="shdk"')[1].split("</select>")[0]
    assert '<option value="" selected>— pilih —</option>' in shdk
    assert '<option value="1" selected>' not in shdk
    # Sent without a SHDK: asked for it, nothing saved as a head.
    body = client.post("/admin-desa/penduduk/tambah/", _penduduk_lama(desa_a)).content.decode()
    assert 'id="id_shdk"' in body and "tidak boleh kosong" in body
    body = client.post("/admin-desa/penduduk/tambah/", _penduduk_lama(desa_a, shdk=1)).content.decode()
    assert "Kepala keluarga harus terdaftar dalam KK" in body
    with scopes_disabled():
        assert not Penduduk.objects.filter(nama="Warga Lama").exists()
    # The database refuses it too.
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        make_penduduk(desa_a, shdk=kode.KEPALA_KELUARGA, keluarga=None)


def test_labels_keep_their_capitals(desa_a, operator_a, client_for):
    form = client_for(desa_a, operator_a).get("/admin-desa/penduduk/tambah/").content.decode()
    for label in ("Akseptor KB", "KTP-el", "Hubungan dalam keluarga (SHDK)", "Status rekam KTP-el"):
        assert f">{label}:</label>" in form, label
    for broken in ("Akseptor kb", "Ktp-el", "(shdk)"):
        assert broken not in form


def test_list_says_penduduk_lama_not_data_awal(desa_a, operator_a, client_for):
    body = client_for(desa_a, operator_a).get("/admin-desa/penduduk/").content.decode()
    assert "Data awal" not in body and "Penduduk lama" in body and "Datang dari desa lain" in body


# Moves between villages ---------------------------------------------------------------------


@pytest.fixture
def desa_c(kaligondang):
    """A second village in desa_a's kecamatan."""
    return Desa.objects.create(kecamatan=kaligondang, kode="33.03.04.2007", nama="Penolih", slug="penolih")


@pytest.fixture
def warga_b(desa_b, no_scopes):
    kk = make_keluarga(desa_b)
    kepala = make_penduduk(desa_b, keluarga=kk, shdk=kode.KEPALA_KELUARGA, nama="Kepala B")
    p = make_penduduk(
        desa_b,
        keluarga=kk,
        shdk=4,
        nama="Rina Pindahan",
        jenis_kelamin=kode.PEREMPUAN,
        tempat_lahir="Kota Rahasia",
        nama_ibu="Ibu Rahasia",
        tanggal_lahir=datetime.date(1995, 6, 1),
    )
    with scope(desa=desa_b):
        from balai.penduduk import services

        services._peristiwa(
            desa=desa_b,
            actor=None,
            penduduk=p,
            jenis=Peristiwa.Jenis.LAHIR,
            tanggal=p.tanggal_lahir,
            no_dokumen="AKTA-B",
        )
    return p, kepala


def _ajukan(client, **kw):
    return client.post("/admin-desa/penduduk/pindah-antar-desa/ajukan/", kw)


def test_move_between_villages_is_asked_confirmed_and_booked_in_both(
    desa_a, desa_b, operator_a, operator_b, client_for, keluarga_a, warga_b
):
    kk_a, _ayah, _ibu = keluarga_a
    rina, _ = warga_b
    tanggal = HARI_INI.replace(day=1)
    client_a, client_b = client_for(desa_a, operator_a), client_for(desa_b, operator_b)
    response = _ajukan(client_a, nik=rina.nik, tanggal=tanggal.isoformat(), no_kk=kk_a.no_kk, shdk=9, alasan_pindah=6)
    assert response.status_code == 302, response.content.decode()[-2000:]
    # The receiving village sees the name and the status only, and cannot open the record.
    page_a = client_a.get("/admin-desa/penduduk/pindah-antar-desa/").content.decode()
    assert "Rina Pindahan" in page_a and "Menunggu konfirmasi desa asal" in page_a
    for secret in (rina.nik, "Kota Rahasia", "Ibu Rahasia", f"/admin-desa/penduduk/{rina.pk}/"):
        assert secret not in page_a
    assert client_a.get(f"/admin-desa/penduduk/{rina.pk}/").status_code == 404
    # The sending village sees the request and confirms it.
    page_b = client_b.get("/admin-desa/penduduk/pindah-antar-desa/").content.decode()
    assert "Rina Pindahan" in page_b and "Selakambang" in page_b
    pindah = _satu_pindah()
    response = client_b.post(f"/admin-desa/penduduk/pindah-antar-desa/{pindah.pk}/konfirmasi/")
    assert response.status_code == 302
    with scopes_disabled():
        pindah.refresh_from_db()
        rina.refresh_from_db()
        baru = pindah.penduduk_baru
        assert pindah.status == PindahAntarDesa.Status.SELESAI and not pindah.oleh_kecamatan
        # The old record ends in the sending village, the copy starts in the receiving one.
        assert (rina.desa_id, rina.status_dasar) == (desa_b.pk, kode.PINDAH)
        assert (baru.desa_id, baru.status_dasar, baru.keluarga_id, baru.shdk) == (desa_a.pk, kode.HIDUP, kk_a.pk, 9)
        assert (baru.nik, baru.nama, baru.tempat_lahir, baru.nama_ibu) == (
            rina.nik,
            rina.nama,
            "Kota Rahasia",
            "Ibu Rahasia",
        )
        assert baru.rt_id == kk_a.rt_id
        keluar = Peristiwa.objects.get(desa=desa_b, penduduk=rina, jenis=Peristiwa.Jenis.PINDAH_KELUAR)
        datang = Peristiwa.objects.get(desa=desa_a, penduduk=baru, jenis=Peristiwa.Jenis.DATANG)
        assert keluar.jenis_pindah == choices.JenisPindah.KECAMATAN  # the two villages lie in two kecamatan
        assert "Selakambang" in keluar.asal_tujuan and "Karangpetir" in datang.asal_tujuan
        actions = set(AuditEntry.objects.filter(desa=desa_a).values_list("action", flat=True))
        assert {"penduduk.pindah_antar_desa_diajukan", "penduduk.pindah_antar_desa_datang"} <= actions
        actions = set(AuditEntry.objects.filter(desa=desa_b).values_list("action", flat=True))
        assert {"penduduk.pindah_antar_desa_diajukan", "penduduk.pindah_antar_desa_keluar"} <= actions
    # Both villages' Buku Mutasi list it.
    periode = Periode(tanggal.year, tanggal.month)
    with scope(desa=desa_a):
        assert any(
            "Karangpetir" in str(r) and "Rina Pindahan" in r for r in BukuMutasi(desa=desa_a, periode=periode).baris()
        )
    with scope(desa=desa_b):
        assert any(
            "Selakambang" in str(r) and "Rina Pindahan" in r for r in BukuMutasi(desa=desa_b, periode=periode).baris()
        )
    # The new record's history carries the old one's; the old village still has its record.
    detail = client_a.get(f"/admin-desa/penduduk/{baru.pk}/").content.decode()
    assert "AKTA-B" in detail and "di Karangpetir" in detail
    assert client_b.get(f"/admin-desa/penduduk/{rina.pk}/").status_code == 200
    # Nothing left to confirm twice.
    client_b.post(f"/admin-desa/penduduk/pindah-antar-desa/{pindah.pk}/konfirmasi/")
    with scopes_disabled():
        assert Penduduk.objects.filter(nik=rina.nik).count() == 2


def _satu_pindah():
    with scopes_disabled():
        return PindahAntarDesa.objects.get()


def test_move_into_a_new_kk_makes_the_resident_its_head(
    desa_a, desa_b, operator_a, operator_b, client_for, warga_b, rt_a
):
    rina, _ = warga_b
    client_a = client_for(desa_a, operator_a)
    no_kk = no_kk_for(desa_a)
    body = _ajukan(
        client_a, nik=rina.nik, tanggal=KEMARIN.isoformat(), no_kk_baru=no_kk, shdk=4, alasan_pindah=5
    ).content.decode()
    assert "menjadi kepala keluarga" in body
    response = _ajukan(
        client_a, nik=rina.nik, tanggal=KEMARIN.isoformat(), no_kk_baru=no_kk, shdk=1, rt=rt_a.pk, alasan_pindah=5
    )
    assert response.status_code == 302
    client_for(desa_b, operator_b).post(f"/admin-desa/penduduk/pindah-antar-desa/{_satu_pindah().pk}/konfirmasi/")
    with scopes_disabled():
        kk = Keluarga.objects.get(desa=desa_a, no_kk=no_kk)
        baru = Penduduk.objects.get(desa=desa_a, nik=rina.nik)
    assert (baru.keluarga_id, baru.shdk, baru.rt_id, kk.rt_id) == (kk.pk, 1, rt_a.pk, rt_a.pk)


def test_asking_for_an_unknown_or_own_nik_is_refused_and_logged(desa_a, operator_a, client_for, keluarga_a):
    kk_a, ayah, _ = keluarga_a
    client_a = client_for(desa_a, operator_a)
    data = {"tanggal": KEMARIN.isoformat(), "no_kk": kk_a.no_kk, "shdk": 9, "alasan_pindah": 6}
    body = _ajukan(client_a, nik=nik_for(desa_a, datetime.date(1970, 1, 1)), **data).content.decode()
    assert "tidak terdaftar sebagai penduduk hidup di desa lain" in body
    body = _ajukan(client_a, nik=ayah.nik, **data).content.decode()
    assert "sudah terdaftar sebagai penduduk hidup di desa ini" in body
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="penduduk.pindah_antar_desa_nik_tidak_ada", desa=desa_a).exists()
        assert not PindahAntarDesa.objects.exists()


def test_sending_village_refuses_with_a_reason(desa_a, desa_b, operator_a, operator_b, client_for, keluarga_a, warga_b):
    kk_a, _, _ = keluarga_a
    rina, _ = warga_b
    client_a, client_b = client_for(desa_a, operator_a), client_for(desa_b, operator_b)
    _ajukan(client_a, nik=rina.nik, tanggal=KEMARIN.isoformat(), no_kk=kk_a.no_kk, shdk=9, alasan_pindah=6)
    pindah = _satu_pindah()
    # Neither the receiving village nor a third one can decide for the sending village.
    assert client_a.post(f"/admin-desa/penduduk/pindah-antar-desa/{pindah.pk}/konfirmasi/").status_code == 404
    client_b.post(f"/admin-desa/penduduk/pindah-antar-desa/{pindah.pk}/tolak/", {"alasan": ""})
    assert _satu_pindah().status == PindahAntarDesa.Status.MENUNGGU
    client_b.post(f"/admin-desa/penduduk/pindah-antar-desa/{pindah.pk}/tolak/", {"alasan": "Belum mengurus SKPWNI"})
    assert _satu_pindah().status == PindahAntarDesa.Status.DITOLAK
    page_a = client_a.get("/admin-desa/penduduk/pindah-antar-desa/").content.decode()
    assert "Ditolak" in page_a and "Belum mengurus SKPWNI" in page_a
    with scopes_disabled():
        rina.refresh_from_db()
        assert rina.status_dasar == kode.HIDUP


def test_kecamatan_confirms_a_request_left_waiting(
    desa_a, desa_b, operator_a, client_for, make_user, keluarga_a, warga_b, settings, kaligondang
):
    kk_a, _, _ = keluarga_a
    rina, _ = warga_b
    _ajukan(
        client_for(desa_a, operator_a),
        nik=rina.nik,
        tanggal=KEMARIN.isoformat(),
        no_kk=kk_a.no_kk,
        shdk=9,
        alasan_pindah=6,
    )
    pindah = _satu_pindah()
    kec_b = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=desa_b.kecamatan)
    client = client_for(desa_b.kecamatan, kec_b)
    page = client.get("/dasbor/pindah-antar-desa/").content.decode()
    assert "Rina Pindahan" in page and "menunggu desa asal" in page and rina.nik not in page
    client.post(f"/dasbor/pindah-antar-desa/{pindah.pk}/konfirmasi/")
    assert _satu_pindah().status == PindahAntarDesa.Status.MENUNGGU, "not before the waiting time"
    with scopes_disabled():
        PindahAntarDesa.objects.filter(pk=pindah.pk).update(
            diajukan=timezone.now() - datetime.timedelta(days=settings.BALAI_PINDAH_ANTAR_DESA_HARI, hours=1)
        )
    page = client.get("/dasbor/pindah-antar-desa/").content.decode()
    assert f"lewat {settings.BALAI_PINDAH_ANTAR_DESA_HARI} hari" in page
    # Another kecamatan's operator cannot.
    kec_a = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    assert client_for(kaligondang, kec_a).post(f"/dasbor/pindah-antar-desa/{pindah.pk}/konfirmasi/").status_code == 404
    assert client.post(f"/dasbor/pindah-antar-desa/{pindah.pk}/konfirmasi/").status_code == 302
    pindah = _satu_pindah()
    assert pindah.status == PindahAntarDesa.Status.SELESAI and pindah.oleh_kecamatan
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="penduduk.pindah_antar_desa_keluar", desa=desa_b).exists()


def test_move_within_one_kecamatan_is_a_move_out_of_the_village(
    desa_a, desa_c, operator_a, client_for, make_user, warga_b
):
    with scopes_disabled():
        kk_c = make_keluarga(desa_c)
        orang = make_penduduk(desa_a, nama="Tetangga Desa", tanggal_lahir=datetime.date(1990, 2, 2))
    operator_c = make_user(Peran.OPERATOR_DESA, desa=desa_c)
    client_c = client_for(desa_c, operator_c)
    response = _ajukan(client_c, nik=orang.nik, tanggal=KEMARIN.isoformat(), no_kk=kk_c.no_kk, shdk=9, alasan_pindah=6)
    assert response.status_code == 302
    client_for(desa_a, operator_a).post(f"/admin-desa/penduduk/pindah-antar-desa/{_satu_pindah().pk}/konfirmasi/")
    with scopes_disabled():
        keluar = Peristiwa.objects.get(desa=desa_a, jenis=Peristiwa.Jenis.PINDAH_KELUAR)
    assert keluar.jenis_pindah == choices.JenisPindah.DESA


def test_sending_village_is_told_when_a_kk_head_leaves(
    desa_a, desa_b, operator_a, operator_b, client_for, keluarga_a, warga_b
):
    kk_a, _, _ = keluarga_a
    _, kepala_b = warga_b
    _ajukan(
        client_for(desa_a, operator_a),
        nik=kepala_b.nik,
        tanggal=KEMARIN.isoformat(),
        no_kk=kk_a.no_kk,
        shdk=9,
        alasan_pindah=6,
    )
    body = (
        client_for(desa_b, operator_b)
        .post(f"/admin-desa/penduduk/pindah-antar-desa/{_satu_pindah().pk}/konfirmasi/", follow=True)
        .content.decode()
    )
    assert "Kepala B adalah kepala keluarga KK-nya" in body
