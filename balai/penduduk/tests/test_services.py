import datetime

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.penduduk import kode, services
from balai.penduduk.models import Penduduk, Peristiwa
from balai.wilayah.models import RT, RW, Dusun

from .factories import make_keluarga, make_penduduk, nik_for


def baru(desa, **kw):
    lahir = kw.pop("tanggal_lahir", datetime.date(1990, 5, 17))
    jk = kw.pop("jenis_kelamin", kode.LAKI_LAKI)
    data = dict(
        nama="Siti Aminah",
        tempat_lahir="Purbalingga",
        tanggal_lahir=lahir,
        jenis_kelamin=jk,
        agama=1,
        pendidikan_kk=5,
        pekerjaan=9,
        status_kawin=1,
        shdk=4,
        warganegara=1,
    )
    data.setdefault("nik", kw.pop("nik", None) or nik_for(desa, lahir, perempuan=jk == kode.PEREMPUAN))
    data.update(kw)
    return Penduduk(**data)


def test_create_places_by_rt_and_audits_masked(desa_a, operator_a):
    with scopes_disabled():
        du = Dusun.objects.create(desa=desa_a, nama="Krajan")
        rw = RW.objects.create(desa=desa_a, dusun=du, nomor=1)
        rt = RT.objects.create(desa=desa_a, rw=rw, nomor=2)
    with scope(desa=desa_a):
        p = services.simpan_penduduk(desa=desa_a, actor=operator_a, penduduk=baru(desa_a, rt=rt))
        assert (p.dusun_id, p.rw_id) == (du.pk, rw.pk)
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="penduduk.ditambah")
    assert entry.changes["nik"] == ["••••", "••••"]
    assert entry.changes["tanggal_lahir"] == ["••••", "••••"]
    assert p.nik not in str(entry.changes) and p.nik not in entry.object_label


def test_nik_must_agree_with_birth_date_and_sex(desa_a, operator_a):
    with scope(desa=desa_a):
        p = baru(desa_a, nik=nik_for(desa_a, datetime.date(1990, 5, 18)))
        with pytest.raises(ValidationError) as exc:
            services.simpan_penduduk(desa=desa_a, actor=operator_a, penduduk=p)
        assert "Tanggal lahir pada NIK" in exc.value.message_dict["nik"][0]
        p = baru(desa_a, jenis_kelamin=kode.PEREMPUAN, nik=nik_for(desa_a, datetime.date(1990, 5, 17)))
        with pytest.raises(ValidationError) as exc:
            services.simpan_penduduk(desa=desa_a, actor=operator_a, penduduk=p)
        assert "jenis kelamin" in exc.value.message_dict["nik"][0]


def test_nik_unique_among_living_across_the_kabupaten(desa_a, desa_b, operator_a, make_user):
    with scopes_disabled():
        theirs = make_penduduk(desa_b, tanggal_lahir=datetime.date(1990, 5, 17))
    with scope(desa=desa_a):
        with pytest.raises(ValidationError) as exc:
            services.simpan_penduduk(desa=desa_a, actor=operator_a, penduduk=baru(desa_a, nik=theirs.nik))
        pesan = exc.value.message_dict["nik"][0]
        assert "desa lain" in pesan and "Karangpetir" not in pesan
        admin_kab = make_user(Peran.ADMIN_KABUPATEN)
        with pytest.raises(ValidationError) as exc:
            services.simpan_penduduk(desa=desa_a, actor=admin_kab, penduduk=baru(desa_a, nik=theirs.nik))
        assert "Karangpetir" in exc.value.message_dict["nik"][0]
    # Once B records the move, A may register the same NIK (datang).
    with scope(desa=desa_b):
        services.catat_pindah_keluar(
            desa=desa_b, actor=None, penduduk=theirs, tanggal=datetime.date(2024, 1, 2), tujuan="Selakambang"
        )
    with scope(desa=desa_a):
        services.catat_datang(
            desa=desa_a, actor=operator_a, penduduk=baru(desa_a, nik=theirs.nik), tanggal=datetime.date(2024, 1, 3)
        )
        assert Penduduk.objects.filter(nik=theirs.nik, status_dasar=kode.HIDUP).count() == 1


def test_second_head_of_family_is_refused(desa_a, operator_a):
    with scope(desa=desa_a):
        kk = make_keluarga(desa_a)
        make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA, nama="Kepala Pertama")
        with pytest.raises(ValidationError) as exc:
            services.simpan_penduduk(
                desa=desa_a, actor=operator_a, penduduk=baru(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA)
            )
        assert "Kepala Pertama" in exc.value.message_dict["shdk"][0]


def test_mutations_keep_history(desa_a, operator_a):
    with scope(desa=desa_a):
        kk = make_keluarga(desa_a)
        p = services.catat_lahir(
            desa=desa_a,
            actor=operator_a,
            penduduk=baru(desa_a, tanggal_lahir=datetime.date(2024, 2, 29)),
            keluarga=kk,
            ibu_tidak_diketahui=True,
        ).penduduk
        services.catat_mati(desa=desa_a, actor=operator_a, penduduk=p, tanggal=datetime.date(2024, 3, 1))
        p.refresh_from_db()
        assert p.status_dasar == kode.MATI
        assert list(Peristiwa.objects.filter(penduduk=p).values_list("jenis", flat=True).order_by("id")) == [1, 2]
        with pytest.raises(ValidationError, match="sudah tidak tercatat hidup"):
            services.catat_pindah_keluar(desa=desa_a, actor=operator_a, penduduk=p, tanggal=datetime.date(2024, 3, 2))
        q = make_penduduk(desa_a)
        with pytest.raises(ValidationError, match="masa depan"):
            services.catat_mati(
                desa=desa_a, actor=operator_a, penduduk=q, tanggal=datetime.date.today() + datetime.timedelta(days=2)
            )
    with scopes_disabled():
        assert set(AuditEntry.objects.values_list("action", flat=True)) >= {"penduduk.lahir", "penduduk.mati"}


def test_residents_follow_an_rt_or_rw_that_moves(desa_a, desa_b, operator_a):
    """dusun and rw are copies of the RT's (no database constraint keeps them): moving an RT
    to another RW, or an RW to another dusun, through the wilayah pages carries them along."""
    from balai.pemerintahan import services as pemerintahan_services

    with scopes_disabled():
        krajan = Dusun.objects.create(desa=desa_a, nama="Krajan")
        kidul = Dusun.objects.create(desa=desa_a, nama="Kidul")
        rw1 = RW.objects.create(desa=desa_a, dusun=krajan, nomor=1)
        rw2 = RW.objects.create(desa=desa_a, dusun=krajan, nomor=2)
        rt = RT.objects.create(desa=desa_a, rw=rw1, nomor=1)
        kk = make_keluarga(desa_a, rt=rt, rw=rw1, dusun=krajan)
        warga = make_penduduk(desa_a, keluarga=kk, rt=rt, rw=rw1, dusun=krajan)
        # Another village's resident whose (stale) copies name the same RW: left alone.
        lain = make_penduduk(desa_b, rw_id=rw1.pk, dusun_id=krajan.pk)
    with scope(desa=desa_a):
        rt.rw = rw2
        pemerintahan_services.simpan_wilayah(desa=desa_a, actor=operator_a, instance=rt)
        with scopes_disabled():
            warga.refresh_from_db()
            kk.refresh_from_db()
        assert (warga.rw_id, warga.dusun_id) == (rw2.pk, krajan.pk)
        assert (kk.rw_id, kk.dusun_id) == (rw2.pk, krajan.pk)
        rw2.dusun = kidul
        pemerintahan_services.simpan_wilayah(desa=desa_a, actor=operator_a, instance=rw2)
    with scopes_disabled():
        warga.refresh_from_db()
        kk.refresh_from_db()
        lain.refresh_from_db()
    assert (warga.rw_id, warga.dusun_id) == (rw2.pk, kidul.pk)
    assert kk.dusun_id == kidul.pk
    assert (lain.rw_id, lain.dusun_id) == (rw1.pk, krajan.pk)
