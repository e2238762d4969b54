"""Household services (rumah tangga): forming one around a head, adding whole KKs or single
residents, removing members, changing the head, dissolving; the rules and the audit trail."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from balai.core.models import AuditEntry
from balai.penduduk import services
from balai.penduduk.models import Penduduk, RumahTangga

from .factories import anggota_ids, make_kk, make_penduduk

# Services --------------------------------------------------------------------------------


def test_forming_a_household_takes_the_heads_living_family_and_numbers_it(desa_a, operator_a):
    kk, (kepala, anak1, anak2, almarhum) = make_kk(desa_a, nama="Darmo", mati=1)
    _, (lain, *_) = make_kk(desa_a, nama="Sastro", anggota=0)
    with scope(desa=desa_a):
        r = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
        r2 = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=lain, sekeluarga=False)
    assert (r.no_rtm, r2.no_rtm) == ("RTM-0001", "RTM-0002")
    assert r.kepala == kepala and anggota_ids(r) == {kepala.pk, anak1.pk, anak2.pk}, "the dead stay out"
    assert anggota_ids(r2) == {lain.pk}
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="rumahtangga.dibentuk", object_id=str(r.pk))
    assert entry.actor == operator_a and entry.desa == desa_a and entry.object_label == "Rumah tangga RTM-0001"
    assert entry.changes["no_rtm"] == "RTM-0001" and "Darmo Anak 2" in entry.changes["anggota"]
    assert kepala.nik not in str(entry.changes) and kk.no_kk not in str(entry.changes)


def test_head_only_and_an_entered_number(desa_a, operator_a):
    _, (kepala, anak, _) = make_kk(desa_a)
    with scope(desa=desa_a):
        r = services.bentuk_rumah_tangga(
            desa=desa_a, actor=operator_a, kepala=kepala, no_rtm=" 0412/DTKS ", sekeluarga=False
        )
        assert r.no_rtm == "0412/DTKS" and anggota_ids(r) == {kepala.pk}
        # The next running number follows the highest RTM-n, whatever else exists.
        RumahTangga.objects.create(desa=desa_a, no_rtm="RTM-0009")
        assert services.nomor_rtm_berikutnya(desa_a) == "RTM-0010"
        RumahTangga.objects.create(desa=desa_a, no_rtm="RTM-10000")
        assert services.nomor_rtm_berikutnya(desa_a) == "RTM-10001"


@pytest.mark.parametrize(
    "nomor,pesan",
    [
        ("RTM-0001", "sudah dipakai di desa ini"),
        ("3303040101200001", "tidak boleh berupa NIK atau nomor KK"),
        ("RTM 1; DROP", "huruf, angka"),
    ],
)
def test_entered_numbers_are_checked(desa_a, operator_a, nomor, pesan):
    _, (a, *_) = make_kk(desa_a, anggota=0)
    _, (b, *_) = make_kk(desa_a, anggota=0)
    with scope(desa=desa_a):
        services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=a)
        with pytest.raises(ValidationError) as exc:
            services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=b, no_rtm=nomor)
    assert pesan in exc.value.message_dict["no_rtm"][0]
    with scopes_disabled():
        assert RumahTangga.objects.count() == 1


def test_a_resident_belongs_to_one_household_only(desa_a, operator_a):
    _, (kepala, anak, _) = make_kk(desa_a, nama="Darmo")
    _, (kepala2, anak2, *_) = make_kk(desa_a, nama="Karyo")
    with scope(desa=desa_a):
        r = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
        with pytest.raises(ValidationError) as exc:
            services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=anak)
        assert exc.value.message_dict["kepala"] == ["Penduduk ini sudah menjadi anggota rumah tangga RTM-0001."]
        r2 = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala2, sekeluarga=False)
        with pytest.raises(ValidationError) as exc:
            services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r2, penduduk=anak)
        assert exc.value.message_dict["penduduk"] == ["Penduduk ini sudah menjadi anggota rumah tangga RTM-0001."]
        with pytest.raises(ValidationError) as exc:
            services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r2, keluarga=anak.keluarga)
        assert "Darmo (RTM-0001)" in exc.value.message_dict["keluarga"][0]
        # A family whose head is already elsewhere cannot come in whole either.
        _, (kepala3, anak3) = make_kk(desa_a, nama="Sarno", anggota=1)
        services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=anak3)
        with pytest.raises(ValidationError) as exc:
            services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala3)
        assert "Sarno Anak 1 (RTM-0001)" in exc.value.message_dict["kepala"][0]
    assert anggota_ids(r2) == {kepala2.pk}
    with scopes_disabled():
        assert RumahTangga.objects.count() == 2


def test_adding_a_whole_kk_and_single_residents(desa_a, operator_a):
    _, (kepala, *_) = make_kk(desa_a, nama="Darmo", anggota=0)
    kk2, (menantu, cucu1, cucu2, almarhum) = make_kk(desa_a, nama="Joko", mati=1)
    sendiri = make_penduduk(desa_a, nama="Mbah Sumi")
    with scope(desa=desa_a):
        r = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
        masuk = services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, keluarga=kk2)
        assert {p.pk for p in masuk} == {menantu.pk, cucu1.pk, cucu2.pk}
        services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=sendiri)
        with pytest.raises(ValidationError, match="sudah menjadi anggota rumah tangga ini"):
            services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, keluarga=kk2)
        with pytest.raises(ValidationError, match="Mbah Sumi sudah menjadi anggota rumah tangga ini"):
            services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=sendiri)
        with pytest.raises(ValidationError, match="hanya penduduk hidup"):
            services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=almarhum)
    assert anggota_ids(r) == {kepala.pk, menantu.pk, cucu1.pk, cucu2.pk, sendiri.pk}
    with scopes_disabled():
        entry = AuditEntry.objects.filter(action="rumahtangga.anggota_ditambah").order_by("id").first()
    assert entry.changes["keluarga"] == f"Keluarga #{kk2.pk}" and "Joko Anak 2" in entry.changes["anggota"]
    assert kk2.no_kk not in str(entry.changes) and menantu.nik not in str(entry.changes)


def test_another_villages_resident_or_kk_is_never_added(desa_a, desa_b, operator_a):
    _, (kepala, *_) = make_kk(desa_a, anggota=0)
    kk_b, (warga_b, *_) = make_kk(desa_b, nama="Warga B", anggota=1)
    for opened in (scope(desa=desa_a), scopes_disabled()):
        with opened:
            with pytest.raises(ValidationError) as exc:
                services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=warga_b)
            assert exc.value.message_dict["kepala"] == ["Penduduk ini bukan warga desa ini."]
            r = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
            with pytest.raises(ValidationError, match="bukan warga desa ini"):
                services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=warga_b)
            with pytest.raises(ValidationError, match="Keluarga ini bukan milik desa ini"):
                services.tambah_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, keluarga=kk_b)
            services.bubarkan_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r)
    with scopes_disabled():
        assert not Penduduk.objects.filter(desa=desa_b, rumah_tangga__isnull=False).exists()
        assert not RumahTangga.objects.filter(desa=desa_b).exists()


def test_remove_member_change_head_and_dissolve(desa_a, operator_a):
    _, (kepala, anak1, anak2) = make_kk(desa_a, nama="Darmo")
    with scope(desa=desa_a):
        r = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
        with pytest.raises(ValidationError, match="adalah kepala rumah tangga ini"):
            services.keluarkan_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=kepala)
        services.keluarkan_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=anak2)
        with pytest.raises(ValidationError, match="bukan anggota rumah tangga ini"):
            services.keluarkan_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=anak2)
        with pytest.raises(ValidationError, match="bukan anggota rumah tangga ini"):
            services.ganti_kepala_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=anak2)
        services.ganti_kepala_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=anak1)
        r.refresh_from_db()
        assert r.kepala == anak1
        services.keluarkan_anggota_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=kepala)
        assert anggota_ids(r) == {anak1.pk}
        services.bubarkan_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r)
        assert not RumahTangga.objects.filter(pk=r.pk).exists()
        assert not Penduduk.objects.filter(desa=desa_a, rumah_tangga__isnull=False).exists()
    with scopes_disabled():
        actions = list(AuditEntry.objects.filter(object_id=str(r.pk)).order_by("id").values_list("action", flat=True))
        diganti = AuditEntry.objects.get(action="rumahtangga.kepala_diganti")
        dibubarkan = AuditEntry.objects.get(action="rumahtangga.dibubarkan")
    assert actions == [
        "rumahtangga.dibentuk",
        "rumahtangga.anggota_dikeluarkan",
        "rumahtangga.kepala_diganti",
        "rumahtangga.anggota_dikeluarkan",
        "rumahtangga.dibubarkan",
    ]
    assert diganti.changes["kepala"] == [f"Darmo (#{kepala.pk})", f"Darmo Anak 1 (#{anak1.pk})"]
    assert dibubarkan.changes["no_rtm"] == "RTM-0001" and "Darmo Anak 1" in dibubarkan.changes["anggota"]


def test_a_head_who_dies_keeps_the_membership_and_a_living_member_takes_over(desa_a, operator_a):
    _, (kepala, anak, _) = make_kk(desa_a, nama="Darmo")
    with scope(desa=desa_a):
        r = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
        services.catat_mati(desa=desa_a, actor=operator_a, penduduk=kepala, tanggal=datetime.date(2025, 1, 2))
        kepala.refresh_from_db()
        assert kepala.rumah_tangga_id == r.pk, "the record of who lived there stays"
        with pytest.raises(ValidationError, match="hanya penduduk hidup"):
            services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
        services.catat_mati(desa=desa_a, actor=operator_a, penduduk=anak, tanggal=datetime.date(2025, 1, 3))
        with pytest.raises(ValidationError, match="tidak tercatat hidup"):
            services.ganti_kepala_rumah_tangga(desa=desa_a, actor=operator_a, rumah_tangga=r, penduduk=anak)


def test_editing_a_resident_keeps_the_household(desa_a, operator_a):
    _, (kepala, anak, _) = make_kk(desa_a)
    with scope(desa=desa_a):
        r = services.bentuk_rumah_tangga(desa=desa_a, actor=operator_a, kepala=kepala)
        stale = Penduduk.objects.get(pk=anak.pk)
        stale.rumah_tangga = None  # as loaded before the household was formed
        stale.nama = "Nama Baru"
        services.simpan_penduduk(desa=desa_a, actor=operator_a, penduduk=stale)
        stale.refresh_from_db()
    assert stale.nama == "Nama Baru" and stale.rumah_tangga_id == r.pk
