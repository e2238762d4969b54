"""Load the reference codes (OpenSID's numeric codes) from data/kode.csv."""

from django.db import migrations


def muat_kode(apps, schema_editor):
    from balai.penduduk import kode

    kode.muat(apps.get_model("penduduk", "Kode"))


class Migration(migrations.Migration):
    dependencies = [("penduduk", "0001_awal")]

    operations = [migrations.RunPython(muat_kode, migrations.RunPython.noop)]
