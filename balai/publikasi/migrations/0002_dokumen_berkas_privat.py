"""Documents move from the public media storage to the private storage, so an unpublished
document can no longer be fetched by its old /media/ address. The files of existing documents
are moved by `pindahkan_berkas` (also run by hand with `manage.py pindahkan_dokumen_privat`,
e.g. after restoring old media from a backup)."""

import balai.publikasi.models
from django.db import migrations, models


def ke_privat(apps, schema_editor):
    from balai.publikasi.berkas_privat import pindahkan_berkas

    pindahkan_berkas(apps.get_model("publikasi", "Dokumen"))


def ke_publik(apps, schema_editor):
    from balai.publikasi.berkas_privat import pindahkan_berkas

    pindahkan_berkas(apps.get_model("publikasi", "Dokumen"), kembali=True)


class Migration(migrations.Migration):

    dependencies = [
        ('publikasi', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='dokumen',
            name='berkas',
            field=models.FileField(max_length=200, storage=balai.publikasi.models.penyimpanan_dokumen, upload_to=balai.publikasi.models.dokumen_path, verbose_name='berkas'),
        ),
        migrations.RunPython(ke_privat, ke_publik, elidable=False),
    ]
