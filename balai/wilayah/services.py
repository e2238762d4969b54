import csv
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import Desa, Kabupaten, Kecamatan

WILAYAH_CSV = Path(__file__).parent / "data" / "wilayah_purbalingga.csv"


def _slug_desa(rows, kecamatan_slug):
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
    slugs = _slug_desa(villages, {k: v.slug for k, v in kecamatan.items()})
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
