from django.apps import AppConfig

from balai.core.registry import MenuItem


class PemerintahanConfig(AppConfig):
    name = "balai.pemerintahan"
    verbose_name = "Pemerintahan desa"
    extensions = [
        MenuItem(
            "desa", "Wilayah", "pemerintahan:daftar", grup="kependudukan", izin="wilayah.kelola", order=80, icon="◫"
        ),
        MenuItem(
            "desa", "Profil desa", "pemerintahan:profil", grup="pengaturan", izin="desa.kelola", order=85, icon="⌂"
        ),
    ]
