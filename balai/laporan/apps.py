from django.apps import AppConfig

from balai.core.registry import AuditLabels, MenuItem


class LaporanConfig(AppConfig):
    name = "balai.laporan"
    verbose_name = "Laporan"
    extensions = [
        AuditLabels("balai.laporan.services.AUDIT_LABELS"),
        MenuItem(
            "desa", "Buku administrasi", "laporan:daftar", grup="laporan", izin="laporan.lihat", order=35, icon="▦"
        ),
    ]
