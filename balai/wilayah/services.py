import csv
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from balai.core import audit

from .models import RT, RW, Desa, Dusun, Kabupaten, Kecamatan

# Readable names of this app's audit actions (registered in apps.py; see balai.core.audit).
AUDIT_LABELS = {
    "desa.profil_diubah": "Profil desa diubah",
    "desa.diaktifkan": "Situs desa diaktifkan",
    "desa.dinonaktifkan": "Situs desa dinonaktifkan",
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

WILAYAH_CSV = Path(__file__).parent / "data" / "wilayah_purbalingga.csv"


def _village_slugs(rows, kecamatan_slug):
    """Slug per village code: the name, with the kecamatan slug appended where two villages of
    the kabupaten share a name (every one of them, so no slug depends on load order)."""
    counts = Counter(slugify(r["nama"]) for r in rows)
    slugs = {}
    for r in rows:
        base = slugify(r["nama"])
        slugs[r["kode"]] = base if counts[base] == 1 else f"{base}-{kecamatan_slug[r['kode'][:8]]}"
    return slugs


@transaction.atomic
def load_wilayah(path=WILAYAH_CSV):
    """Create or update the kabupaten, its kecamatan and villages from a Kemendagri CSV
    (kode, nama, tingkat). Idempotent; returns counts per level."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    kab_row = next(r for r in rows if r["tingkat"] == "kabupaten")
    nama_kab = kab_row["nama"]
    kabupaten, _ = Kabupaten.objects.update_or_create(
        kode=kab_row["kode"],
        defaults={"nama": nama_kab, "slug": slugify(nama_kab.removeprefix("Kabupaten "))},
    )
    kecamatan = {}
    for r in (r for r in rows if r["tingkat"] == "kecamatan"):
        kecamatan[r["kode"]], _ = Kecamatan.objects.update_or_create(
            kode=r["kode"], defaults={"kabupaten": kabupaten, "nama": r["nama"], "slug": slugify(r["nama"])}
        )
    villages = [r for r in rows if r["tingkat"] in ("desa", "kelurahan")]
    slugs = _village_slugs(villages, {k: v.slug for k, v in kecamatan.items()})
    for r in villages:
        Desa.objects.update_or_create(
            kode=r["kode"],
            defaults={
                "kecamatan": kecamatan[r["kode"][:8]],
                "nama": r["nama"],
                "jenis": Desa.Jenis.KELURAHAN if r["tingkat"] == "kelurahan" else Desa.Jenis.DESA,
                "slug": slugs[r["kode"]],
            },
        )
    return {"kabupaten": 1, "kecamatan": len(kecamatan), "desa": len(villages)}


# Village profile and its dusun / RW / RT. Every write records one audit entry.

PROFIL_FIELDS = ["alamat_kantor", "kode_pos", "telepon", "email", "nama_kepala", "luas_wilayah_ha", "lat", "lng"]


@transaction.atomic
def update_profil(*, desa, actor, data, request=None):
    before = audit.snapshot(desa, PROFIL_FIELDS)
    for name in PROFIL_FIELDS:
        setattr(desa, name, data[name])
    desa.full_clean()
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
def set_desa_aktif(*, desa, actor, aktif, request=None):
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
def save_wilayah_unit(*, desa, actor, instance, request=None):
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
def delete_wilayah_unit(*, desa, actor, instance, request=None):
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
