from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "balai.laporan"
    verbose_name = "Laporan"

    def ready(self):
        from balai.core import menu

        from .views import PERAN_LAPORAN

        menu.register("desa", "Laporan", "laporan:daftar", roles=PERAN_LAPORAN, order=35, icon="▦")
