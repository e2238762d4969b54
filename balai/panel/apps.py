from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "balai.panel"
    verbose_name = "Kantor belakang"

    def ready(self):
        from balai.akun.models import Peran
        from balai.core import menu

        from .peran import PERAN_LOG

        menu.register("desa", "Dasbor", "panel:desa_dasbor", order=0, icon="▦")
        menu.register("desa", "Pengguna", "panel:desa_pengguna", roles={Peran.ADMIN_DESA}, order=90, icon="☺")
        menu.register(
            "desa",
            "Log audit",
            "panel:desa_log",
            roles=PERAN_LOG,
            order=95,
            icon="≡",
        )
        menu.register("kecamatan", "Dasbor", "panel:dasbor", order=0, icon="▦")
        menu.register("kecamatan", "Log audit", "panel:log", order=95, icon="≡")
        menu.register("kabupaten", "Dasbor", "panel:dasbor", order=0, icon="▦")
        menu.register("kabupaten", "Desa & kelurahan", "panel:kab_desa", order=10, icon="◫")
        menu.register("kabupaten", "Pengguna", "panel:kab_pengguna", order=90, icon="☺")
        menu.register("kabupaten", "Log audit", "panel:log", order=95, icon="≡")
