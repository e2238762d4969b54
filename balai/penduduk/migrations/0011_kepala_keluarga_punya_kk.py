"""A kepala keluarga must have a KK (a check constraint for the living)."""

from django.db import migrations, models


def kepala_tanpa_kk(apps, schema_editor):
    """Living residents saved as kepala keluarga without a KK (the old form's default SHDK)
    become SHDK "LAINNYA" (11), so the new check holds; the operator sets the right SHDK when
    placing them in a KK."""
    Penduduk = apps.get_model("penduduk", "Penduduk")
    Penduduk._base_manager.filter(shdk=1, status_dasar=1, keluarga__isnull=True).update(shdk=11)


class Migration(migrations.Migration):
    dependencies = [("penduduk", "0010_peristiwa_rinci_pindah_antar_desa")]

    operations = [
        migrations.RunPython(kepala_tanpa_kk, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="penduduk",
            constraint=models.CheckConstraint(
                condition=models.Q(("keluarga__isnull", True), ("shdk", 1), ("status_dasar", 1), _negated=True),
                name="penduduk_kepala_punya_kk",
                violation_error_message="Kepala keluarga harus terdaftar dalam KK.",
            ),
        ),
    ]
