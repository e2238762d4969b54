"""Roles move from one `peran` per account to memberships (several per person). Every existing
account keeps exactly the role it had."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def peran_ke_keanggotaan(apps, schema_editor):
    User = apps.get_model("akun", "User")
    Keanggotaan = apps.get_model("akun", "Keanggotaan")
    Keanggotaan.objects.bulk_create(
        [Keanggotaan(user_id=pk, peran=peran) for pk, peran in User.objects.values_list("pk", "peran") if peran]
    )


def keanggotaan_ke_peran(apps, schema_editor):
    User = apps.get_model("akun", "User")
    Keanggotaan = apps.get_model("akun", "Keanggotaan")
    for k in Keanggotaan.objects.order_by("user_id", "pk"):
        User.objects.filter(pk=k.user_id, peran="").update(peran=k.peran)


class Migration(migrations.Migration):
    dependencies = [("akun", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Keanggotaan",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "peran",
                    models.CharField(
                        choices=[
                            ("admin_kabupaten", "Admin kabupaten"),
                            ("operator_kecamatan", "Operator kecamatan"),
                            ("admin_desa", "Admin desa"),
                            ("operator_desa", "Operator desa"),
                            ("kepala_desa", "Kepala desa"),
                            ("sekdes", "Sekretaris desa"),
                            ("perangkat_desa", "Perangkat desa"),
                            ("ppid_desa", "PPID desa"),
                        ],
                        max_length=30,
                        verbose_name="peran",
                    ),
                ),
                ("dibuat", models.DateTimeField(auto_now_add=True, verbose_name="dibuat")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="keanggotaan",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "keanggotaan", "verbose_name_plural": "keanggotaan"},
        ),
        migrations.AddConstraint(
            model_name="keanggotaan",
            constraint=models.UniqueConstraint(fields=("user", "peran"), name="keanggotaan_unik"),
        ),
        migrations.RunPython(peran_ke_keanggotaan, keanggotaan_ke_peran),
        migrations.RemoveConstraint(model_name="user", name="pengguna_terikat_sesuai_peran"),
        migrations.AlterField(
            model_name="user", name="peran", field=models.CharField(blank=True, default="", max_length=30)
        ),
        migrations.RemoveField(model_name="user", name="peran"),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(("desa__isnull", True), ("kecamatan__isnull", False), _connector="OR"),
                name="pengguna_desa_dengan_kecamatan",
            ),
        ),
    ]
