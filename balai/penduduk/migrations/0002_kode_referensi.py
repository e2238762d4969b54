"""Load the reference codes (OpenSID's numeric codes) from data/kode.csv."""

import csv
from pathlib import Path

from django.db import migrations

KODE_CSV = Path(__file__).resolve().parent.parent / "data" / "kode.csv"


def muat_kode(apps, schema_editor):
    Kode = apps.get_model("penduduk", "Kode")
    with open(KODE_CSV, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    have = set(Kode.objects.values_list("jenis", "kode"))
    Kode.objects.bulk_create(
        Kode(jenis=r["jenis"], kode=int(r["kode"]), nama=r["nama"])
        for r in rows
        if (r["jenis"], int(r["kode"])) not in have
    )


class Migration(migrations.Migration):
    dependencies = [("penduduk", "0001_awal")]

    operations = [migrations.RunPython(muat_kode, migrations.RunPython.noop)]
