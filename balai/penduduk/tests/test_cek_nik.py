"""Probing NIKs of other villages: the "living resident of another village" answer stays, but
each is audit-logged (without the NIK), visible to the kabupaten, and limited per user."""

import datetime
import logging

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.penduduk import services
from balai.penduduk.models import Penduduk

from .factories import make_keluarga, make_penduduk, nik_for
from .test_services import baru

pytestmark = pytest.mark.django_db
LAHIR = datetime.date(1990, 5, 17)


def cek_entries():
    with scopes_disabled():
        return list(AuditEntry.objects.filter(action=services.AKSI_CEK_NIK).order_by("id"))


@pytest.fixture
def warga_b(desa_b):
    with scopes_disabled():
        return [make_penduduk(desa_b, tanggal_lahir=LAHIR) for _ in range(5)]


def simpan(desa, actor, nik, **kw):
    with scope(desa=desa):
        return services.simpan_penduduk(desa=desa, actor=actor, penduduk=baru(desa, nik=nik, **kw))


def galat(desa, actor, nik, **kw):
    with pytest.raises(ValidationError) as exc:
        simpan(desa, actor, nik, **kw)
    return exc.value.message_dict["nik"][0]


def test_each_cross_village_answer_is_audited_without_the_nik(desa_a, operator_a, warga_b, caplog):
    caplog.set_level(logging.DEBUG)
    assert "desa lain" in galat(desa_a, operator_a, warga_b[0].nik)
    [entry] = cek_entries()
    assert entry.actor == operator_a and entry.desa == desa_a
    assert entry.changes["desa_pemilik"] == [None, "Desa Karangpetir"]
    assert entry.changes["sidik_nik"] == [None, services.sidik_nik(warga_b[0].nik)]
    stored = f"{entry.object_label} {entry.changes}"
    assert warga_b[0].nik not in stored and warga_b[0].nik[-6:] not in stored
    assert warga_b[0].nik not in caplog.text
    # The same NIK probed again gives the same hash, so repeated probes show.
    galat(desa_a, operator_a, warga_b[0].nik)
    assert cek_entries()[1].changes["sidik_nik"] == entry.changes["sidik_nik"]


def test_probe_through_a_birth_or_an_arrival_is_audited_once(desa_a, operator_a, warga_b):
    with scopes_disabled():
        kk = make_keluarga(desa_a)
    with scope(desa=desa_a):
        with pytest.raises(ValidationError):
            services.catat_lahir(
                desa=desa_a, actor=operator_a, penduduk=baru(desa_a, nik=warga_b[0].nik), keluarga=kk,
                ibu_tidak_diketahui=True,
            )  # fmt: skip
        with pytest.raises(ValidationError):
            services.catat_datang(
                desa=desa_a, actor=operator_a, penduduk=baru(desa_a, nik=warga_b[1].nik), tanggal=LAHIR
            )
    assert len(cek_entries()) == 2


def test_probes_are_limited_per_user_whatever_the_answer(desa_a, operator_a, admin_a, warga_b, settings):
    settings.BALAI_CEK_NIK_DESA_LAIN_PER_JAM = 3
    for w in warga_b[:3]:
        assert "terdaftar sebagai penduduk hidup di desa lain" in galat(desa_a, operator_a, w.nik)
    # Past the limit, a NIK living elsewhere and a free NIK get the same answer.
    taken = galat(desa_a, operator_a, warga_b[3].nik)
    free = galat(desa_a, operator_a, nik_for(desa_a, LAHIR, urut=9876))
    assert taken == free and "Coba lagi pukul" in taken and "desa lain" in taken
    with scopes_disabled():
        assert not Penduduk.objects.filter(desa=desa_a).exists()
    assert len(cek_entries()) == 3  # answers given; refusals tell nothing
    # Another operator of the village is not held back by this one's probing.
    assert simpan(desa_a, admin_a, nik_for(desa_a, LAHIR, urut=9876)).pk


def test_editing_a_resident_without_changing_the_nik_is_not_limited(desa_a, operator_a, warga_b, settings):
    settings.BALAI_CEK_NIK_DESA_LAIN_PER_JAM = 1
    own = simpan(desa_a, operator_a, nik_for(desa_a, LAHIR, urut=4321))
    galat(desa_a, operator_a, warga_b[0].nik)
    with scope(desa=desa_a):
        own.nama = "Siti Aminah Baru"
        services.simpan_penduduk(desa=desa_a, actor=operator_a, penduduk=own)


def test_kabupaten_admin_is_not_limited_but_audited(desa_a, make_user, warga_b, settings):
    settings.BALAI_CEK_NIK_DESA_LAIN_PER_JAM = 1
    admin = make_user(Peran.ADMIN_KABUPATEN)
    for w in warga_b[:3]:
        assert "Karangpetir" in galat(desa_a, admin, w.nik)
    assert len(cek_entries()) == 3


def test_the_kabupaten_sees_the_probes(desa_a, operator_a, warga_b, make_user, client_for):
    for w in warga_b[:2]:
        galat(desa_a, operator_a, w.nik)
    admin = make_user(Peran.ADMIN_KABUPATEN)
    client = client_for(None, admin)
    dasbor = client.get("/dasbor/").content.decode()
    assert f"?tindakan={services.AKSI_CEK_NIK}" in dasbor
    log = client.get("/dasbor/log/", {"tindakan": services.AKSI_CEK_NIK}).content.decode()
    label = services.AUDIT_LABELS[services.AKSI_CEK_NIK]
    assert log.count(label) >= 2 and operator_a.username in log
    assert warga_b[0].nik not in log


def test_probe_through_the_form_is_audited(desa_a, operator_a, warga_b, client_for):
    from .test_views import _post_data

    data = _post_data(desa_a, tanggal_lahir=LAHIR, jenis_kelamin=warga_b[0].jenis_kelamin)
    data["nik"] = warga_b[0].nik
    response = client_for(desa_a, operator_a).post("/admin-desa/penduduk/tambah/", data)
    assert response.status_code == 200
    assert "desa lain" in response.content.decode() and len(cek_entries()) == 1


@pytest.mark.django_db(transaction=True)  # the import task runs when its transaction commits
def test_an_import_naming_niks_of_other_villages_is_audited(desa_a, desa_b, operator_a, client_for):
    from .test_impor import csv_bytes, opensid_row, synth_rows, upload

    rows = synth_rows(4)
    with scopes_disabled():
        for r in rows[:2]:
            make_penduduk(desa_b, nik=r["nik"], tanggal_lahir=r["tanggal_lahir"], jenis_kelamin=r["jenis_kelamin"])
    upload(client_for(desa_a, operator_a), csv_bytes([opensid_row(r) for r in rows]), mode="uji")
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="penduduk.impor_nik_desa_lain")
    assert entry.actor == operator_a and entry.desa == desa_a
    assert entry.changes == {"jumlah_nik_desa_lain": [None, 2]}
    assert rows[0]["nik"] not in str(entry.changes) + entry.object_label
