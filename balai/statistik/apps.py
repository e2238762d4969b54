from django.apps import AppConfig


class StatistikConfig(AppConfig):
    name = "balai.statistik"
    verbose_name = "Statistik"

    def ready(self):
        from balai.core import dashboard, menu

        from . import selectors

        menu.register("desa", "Statistik", "statistik:desa", order=30, icon="▤")
        menu.register("kecamatan", "Statistik penduduk", "statistik:wilayah", order=30, icon="▤")
        menu.register("kabupaten", "Statistik penduduk", "statistik:wilayah", order=30, icon="▤")
        menu.register("publik-desa", "Statistik", "statistik:publik", order=40)
        dashboard.register("beranda-desa", "statistik/partials/beranda.html", selectors.beranda_context, order=50)
