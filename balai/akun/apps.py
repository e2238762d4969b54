from django.apps import AppConfig

from balai.core.registry import AuditLabels, VillageColumn, VillageSection


class AkunConfig(AppConfig):
    name = "balai.akun"
    verbose_name = "Akun"
    extensions = [
        AuditLabels("balai.akun.services.AUDIT_LABELS"),
        VillageColumn(
            "akun.aktif", "Akun aktif", "balai.akun.selectors.kolom_akun", field="aktif", kosong=0, order=80,
            keterangan="Akun petugas desa yang aktif.",
        ),
        VillageColumn(
            "akun.terakhir", "Masuk terakhir", "balai.akun.selectors.kolom_akun", field="terakhir", kind="waktu",
            order=81, keterangan="Kapan petugas desa terakhir masuk ke kantor belakang.",
        ),
        VillageSection("Akun petugas", "akun/partials/bagian_desa.html", "balai.akun.selectors.bagian_desa", order=90),
    ]  # fmt: skip

    def ready(self):
        from . import perangkat, signals  # noqa: F401  (cached 2FA state; login/logout events into the audit log)
