from django.apps import AppConfig


class WilayahConfig(AppConfig):
    name = "balai.wilayah"
    verbose_name = "Wilayah"

    def ready(self):
        from balai.akun.models import Peran
        from balai.core import menu

        menu.register(
            "desa", "Wilayah", "wilayah:daftar", roles={Peran.ADMIN_DESA, Peran.OPERATOR_DESA}, order=80, icon="◫"
        )
        menu.register("desa", "Profil desa", "wilayah:profil", roles={Peran.ADMIN_DESA}, order=85, icon="⌂")
