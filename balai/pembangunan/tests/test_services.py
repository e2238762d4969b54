from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scope, scopes_disabled

from balai.core.models import AuditEntry
from balai.media.models import Gambar
from balai.pembangunan import services
from balai.pembangunan.models import FotoProgres, Progres, Proyek

from .conftest import bukan_gambar, foto_upload

pytestmark = pytest.mark.django_db


def test_simpan_proyek_slug_unik_per_desa_dan_audit(buat, desa_a, desa_b, operator_b):
    a1 = buat.proyek()
    a2 = buat.proyek()
    b1 = buat.proyek(desa_b, actor=operator_b)
    assert (a1.slug, a2.slug) == ("rabat-beton-jalan-dusun-krajan", "rabat-beton-jalan-dusun-krajan-2")
    assert b1.slug == a1.slug  # unique inside a village only
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="pembangunan.proyek_dibuat", desa=desa_a).count() == 2


def test_rt_mengisi_rw_dan_dusun(buat, wilayah_a):
    dusun, rw, rt = wilayah_a
    proyek = buat.proyek(rt=rt)
    assert (proyek.rw, proyek.dusun) == (rw, dusun)
    with scope(desa=proyek.desa):
        assert proyek.wilayah == "Dusun Krajan, RT 002/RW 001"


def test_wilayah_desa_lain_ditolak(buat, desa_b, operator_b, wilayah_a):
    dusun, _rw, _rt = wilayah_a
    with pytest.raises(ValidationError) as err:
        buat.proyek(desa_b, actor=operator_b, dusun=dusun)
    assert "dusun" in err.value.message_dict


def test_catat_progres_menyimpan_foto_dan_mengubah_status(buat):
    proyek = buat.proyek()
    assert proyek.status == "rencana"
    buat.progres(proyek, persen=0, tanggal=date(2026, 7, 1), foto=1)
    proyek.refresh_from_db()
    assert (proyek.persen, proyek.status) == (0, "rencana")
    buat.progres(proyek, persen=55, tanggal=date(2026, 8, 1), foto=2)
    proyek.refresh_from_db()
    assert (proyek.persen, proyek.status) == (55, "berjalan")
    buat.progres(proyek, persen=100, tanggal=date(2026, 9, 1), foto=1)
    proyek.refresh_from_db()
    assert (proyek.persen, proyek.status) == (100, "selesai")
    with scope(desa=proyek.desa):
        assert FotoProgres.objects.filter(progres__proyek=proyek).count() == 4
        entries = AuditEntry.objects.filter(action="pembangunan.progres_dicatat", object_id=str(proyek.pk))
        assert entries.count() == 3


def test_status_tertunda_tidak_diubah_progres(buat):
    proyek = buat.proyek(status="tertunda")
    buat.progres(proyek, persen=30)
    proyek.refresh_from_db()
    assert (proyek.status, proyek.persen) == ("tertunda", 30)


def test_progres_turun_diterima_dengan_peringatan(buat, operator_a):
    proyek = buat.proyek()
    buat.progres(proyek, persen=60, tanggal=date(2026, 8, 1))
    with scope(desa=proyek.desa):
        _progres, peringatan = services.catat_progres(
            desa=proyek.desa, actor=operator_a, proyek=proyek, tanggal=date(2026, 8, 10), persen=40
        )
        # An update dated before the latest one is history, not a decrease.
        _lama, tanpa = services.catat_progres(
            desa=proyek.desa, actor=operator_a, proyek=proyek, tanggal=date(2026, 7, 1), persen=10
        )
    assert len(peringatan) == 1 and "turun dari 60%" in peringatan[0]
    assert tanpa == []
    proyek.refresh_from_db()
    assert proyek.persen == 40


def test_bukan_gambar_menolak_seluruh_progres(buat, operator_a):
    proyek = buat.proyek()
    with scope(desa=proyek.desa):
        with pytest.raises(ValidationError) as err:
            services.catat_progres(
                desa=proyek.desa,
                actor=operator_a,
                proyek=proyek,
                tanggal=date(2026, 8, 1),
                persen=20,
                foto=[foto_upload("baik.jpg"), bukan_gambar("kamera.jpg")],
            )
        assert "kamera.jpg" in err.value.message_dict["foto"][0]
        assert "bukan gambar" in err.value.message_dict["foto"][0]
        assert not Progres.objects.filter(proyek=proyek).exists()
        assert not Gambar.objects.exists()
    proyek.refresh_from_db()
    assert proyek.persen == 0


@pytest.mark.parametrize("persen", [-1, 101, 250])
def test_persen_di_luar_rentang_ditolak(buat, operator_a, persen):
    proyek = buat.proyek()
    with scope(desa=proyek.desa), pytest.raises(ValidationError) as err:
        services.catat_progres(
            desa=proyek.desa, actor=operator_a, proyek=proyek, tanggal=date(2026, 8, 1), persen=persen
        )
    assert "persen" in err.value.message_dict


def test_hapus_progres_mengembalikan_persen_dan_menghapus_foto(buat, operator_a):
    proyek = buat.proyek()
    buat.progres(proyek, persen=30, tanggal=date(2026, 7, 1))
    akhir = buat.progres(proyek, persen=70, tanggal=date(2026, 8, 1), foto=2)
    with scope(desa=proyek.desa):
        services.hapus_progres(desa=proyek.desa, actor=operator_a, progres=akhir)
        proyek.refresh_from_db()
        assert proyek.persen == 30
        assert Gambar.objects.count() == 1


def test_hapus_proyek_menghapus_foto(buat, operator_a):
    proyek = buat.proyek()
    buat.progres(proyek, foto=2)
    with scope(desa=proyek.desa):
        services.hapus_proyek(desa=proyek.desa, actor=operator_a, proyek=proyek)
        assert not Proyek.objects.exists() and not Gambar.objects.exists()


def test_layanan_menolak_objek_desa_lain(buat, desa_b, operator_b):
    proyek = buat.proyek()
    with scope(desa=desa_b), pytest.raises(ValueError):
        services.catat_progres(desa=desa_b, actor=operator_b, proyek=proyek, tanggal=date(2026, 8, 1), persen=5)


@pytest.mark.parametrize(
    "field,value",
    [("anggaran", -1), ("persen", 101), ("tahun", 1990), ("volume", -3)],
)
def test_database_menolak_angka_mustahil(buat, field, value):
    """The checks hold even for writes that skip the services (an import, a shell)."""
    proyek = buat.proyek()
    with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
        Proyek.objects.filter(pk=proyek.pk).update(**{field: value})


def test_database_menolak_titik_setengah_dan_di_luar_indonesia(buat):
    proyek = buat.proyek()
    for values in ({"lat": None}, {"lat": 40, "lng": 109}, {"lat": -7.3, "lng": 10}):
        with scopes_disabled(), pytest.raises(IntegrityError), transaction.atomic():
            Proyek.objects.filter(pk=proyek.pk).update(**values)


def test_foto_berita_tetap_saat_progres_dihapus(buat, operator_a):
    proyek = buat.proyek()
    progres = buat.progres(proyek, persen=50, foto=2)
    lain = buat.progres(proyek, persen=60, foto=1)
    with scope(desa=proyek.desa):
        artikel = services.buat_draf_berita(desa=proyek.desa, actor=operator_a, progres=progres)
        services.hapus_progres(desa=proyek.desa, actor=operator_a, progres=progres)
        assert Gambar.objects.count() == 3  # the article's two and the other update's one
        services.hapus_proyek(desa=proyek.desa, actor=operator_a, proyek=proyek)
        artikel.refresh_from_db()
        assert Gambar.objects.count() == 2 and artikel.gambar is not None
        assert not Progres.objects.filter(pk=lain.pk).exists()
