"""Columns of the Buku Administrasi Penduduk that were not stored: reading ability ("dapat
membaca huruf", OpenSID's bahasa_id with the codes of tweb_penduduk_bahasa) and the KK's print
date ("tanggal dikeluarkan", OpenSID's tgl_cetak_kk)."""

from django.db import migrations, models

import balai.penduduk.kode


def muat_kode(apps, schema_editor):
    # Adds the codes of data/kode.csv that are not there yet: here the bahasa codes.
    balai.penduduk.kode.muat(apps.get_model("penduduk", "Kode"))


def hapus_kode(apps, schema_editor):
    apps.get_model("penduduk", "Kode").objects.filter(jenis="bahasa").delete()


class Migration(migrations.Migration):
    dependencies = [("penduduk", "0008_rumah_tangga_kepala")]

    operations = [
        migrations.AddField(
            model_name="keluarga",
            name="tanggal_cetak_kk",
            field=models.DateField(blank=True, null=True, verbose_name="tanggal cetak KK"),
        ),
        migrations.AddField(
            model_name="penduduk",
            name="bahasa",
            field=models.PositiveSmallIntegerField(
                blank=True,
                null=True,
                validators=[balai.penduduk.kode.KodeValidator("bahasa")],
                verbose_name="dapat membaca huruf",
            ),
        ),
        migrations.RunPython(muat_kode, hapus_kode),
    ]
