from django.apps import AppConfig

from balai.core.registry import MenuItem


class LaporanConfig(AppConfig):
    name = "balai.laporan"
    verbose_name = "Laporan"
    extensions = [
        MenuItem(
            "desa", "Buku administrasi", "laporan:daftar", grup="laporan", izin="laporan.lihat", order=35, icon="▦"
        )
    ]
