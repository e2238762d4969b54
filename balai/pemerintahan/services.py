from django.db import transaction

from balai.core import audit, kalender, konten
from balai.core.models import HariLibur
from balai.wilayah.models import RT, RW, Dusun

# Readable names of this app's audit actions (declared in apps.py; see balai.core.audit).
AUDIT_LABELS = {
    "desa.profil_diubah": "Profil desa diubah",
    "desa.diaktifkan": "Situs desa diaktifkan",
    "desa.dinonaktifkan": "Situs desa dinonaktifkan",
    "kalender.libur_ditambah": "Hari libur tambahan (cuti bersama) dicatat",
    "kalender.libur_dihapus": "Hari libur tambahan dihapus",
    "wilayah.dusun_dibuat": "Dusun ditambah",
    "wilayah.dusun_diubah": "Dusun diubah",
    "wilayah.dusun_dihapus": "Dusun dihapus",
    "wilayah.rw_dibuat": "RW ditambah",
    "wilayah.rw_diubah": "RW diubah",
    "wilayah.rw_dihapus": "RW dihapus",
    "wilayah.rt_dibuat": "RT ditambah",
    "wilayah.rt_diubah": "RT diubah",
    "wilayah.rt_dihapus": "RT dihapus",
}

# Village profile and its dusun / RW / RT. Every write records one audit entry.

PROFIL_FIELDS = ["alamat_kantor", "kode_pos", "telepon", "email", "nama_kepala", "luas_wilayah_ha", "lat", "lng"]


@transaction.atomic
def ubah_profil_desa(*, desa, actor, data, request=None):
    before = audit.snapshot(desa, PROFIL_FIELDS)
    for name in PROFIL_FIELDS:
        setattr(desa, name, data[name])
    desa.full_clean()
    # The profile shows on the village site: its text goes through the content check, and a
    # held text is refused (KontenDitahan) since the profile has no unpublished state.
    konten.periksa(desa=desa, obj=desa, actor=actor, request=request)
    desa.save()
    audit.record(
        action="desa.profil_diubah",
        actor=actor,
        desa=desa,
        obj=desa,
        request=request,
        changes=audit.diff(before, audit.snapshot(desa, PROFIL_FIELDS)),
    )
    return desa


@transaction.atomic
def atur_desa_aktif(*, desa, actor, aktif, request=None):
    desa.aktif = aktif
    desa.save(update_fields=["aktif", "diperbarui"])
    audit.record(
        action="desa.diaktifkan" if aktif else "desa.dinonaktifkan",
        actor=actor,
        desa=desa,
        obj=desa,
        request=request,
        changes={"aktif": [not aktif, aktif]},
    )
    return desa


@transaction.atomic
def catat_hari_libur(*, tanggal, nama, jenis, actor, request=None) -> HariLibur:
    """Record a cuti bersama or regional holiday: every working-day deadline counts it from now."""
    libur = HariLibur(tanggal=tanggal, nama=nama, jenis=jenis)
    libur.full_clean()
    libur.save()
    kalender.lupakan_libur_tambahan()
    audit.record(
        action="kalender.libur_ditambah",
        actor=actor,
        obj=libur,
        request=request,
        changes={"tanggal": [None, str(tanggal)], "nama": [None, nama]},
    )
    return libur


@transaction.atomic
def hapus_hari_libur(*, libur, actor, request=None):
    audit.record(action="kalender.libur_dihapus", actor=actor, obj=libur, request=request)
    libur.delete()
    kalender.lupakan_libur_tambahan()


def _save(*, instance, actor, action, request, before=None):
    instance.full_clean()
    instance.save()
    after = audit.snapshot(instance)
    audit.record(
        action=action,
        actor=actor,
        desa=instance.desa,
        obj=instance,
        request=request,
        changes=audit.diff(before or {}, after),
    )
    return instance


@transaction.atomic
def simpan_wilayah(*, desa, actor, instance, request=None):
    """Create or update a Dusun, RW or RT of `desa`. Parents must belong to the same village."""
    model = type(instance)
    parent = {Dusun: None, RW: "dusun", RT: "rw"}[model]
    if parent and getattr(instance, parent).desa_id != desa.pk:
        raise ValueError("Induk wilayah harus berada di desa yang sama.")
    before = audit.snapshot(model.objects.get(pk=instance.pk)) if instance.pk else None
    instance.desa = desa
    verb = "diubah" if before else "dibuat"
    return _save(
        instance=instance,
        actor=actor,
        action=f"wilayah.{model._meta.model_name}_{verb}",
        request=request,
        before=before,
    )


@transaction.atomic
def hapus_wilayah(*, desa, actor, instance, request=None):
    if instance.desa_id != desa.pk:
        raise ValueError("Wilayah bukan milik desa ini.")
    audit.record(
        action=f"wilayah.{instance._meta.model_name}_dihapus",
        actor=actor,
        desa=desa,
        obj=instance,
        request=request,
        changes=audit.diff(audit.snapshot(instance), {}),
    )
    instance.delete()
