from django.apps import AppConfig


class PemerintahanConfig(AppConfig):
    name = "balai.pemerintahan"
    verbose_name = "Pemerintahan desa"

    def ready(self):
        from balai.akun.models import Peran
        from balai.core import menu

        menu.register(
            "desa",
            "Wilayah",
            "pemerintahan:daftar",
            roles={Peran.ADMIN_DESA, Peran.OPERATOR_DESA},
            order=80,
            icon="◫",
        )
        menu.register("desa", "Profil desa", "pemerintahan:profil", roles={Peran.ADMIN_DESA}, order=85, icon="⌂")
