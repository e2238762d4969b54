from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "balai.laporan"
    verbose_name = "Laporan"

    def ready(self):
        from balai.core import audit, menu

        from . import services
        from .views import PERAN_LAPORAN

        audit.register_labels(services.AUDIT_LABELS)

        menu.register("desa", "Laporan", "laporan:daftar", roles=PERAN_LAPORAN, order=35, icon="▦")
