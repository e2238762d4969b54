from django.apps import AppConfig


def _situs_berubah(sender, instance, **kwargs):
    """A resident saved or deleted one by one: the village's public statistics and front-page
    figures are stale. (Bulk imports send no signals; the importer bumps the cache itself.)"""
    from django.db import transaction

    from balai.core import sitecache

    desa_id = instance.desa_id
    transaction.on_commit(lambda: sitecache.bump(desa_id))


class StatistikConfig(AppConfig):
    name = "balai.statistik"
    verbose_name = "Statistik"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from balai.core import dashboard, menu
        from balai.penduduk.models import Penduduk

        from . import selectors

        menu.register("desa", "Statistik", "statistik:desa", order=30, icon="▤")
        menu.register("kecamatan", "Statistik penduduk", "statistik:wilayah", order=30, icon="▤")
        menu.register("kabupaten", "Statistik penduduk", "statistik:wilayah", order=30, icon="▤")
        menu.register("publik-desa", "Statistik", "statistik:publik", order=40)
        dashboard.register("beranda-desa", "statistik/partials/beranda.html", selectors.beranda_context, order=50)
        for area in ("kecamatan", "kabupaten"):
            dashboard.register(area, "statistik/partials/widget_wilayah.html", selectors.widget_wilayah, order=15)

        # Signals only for cache invalidation.
        post_save.connect(_situs_berubah, sender=Penduduk, weak=False, dispatch_uid="statistik_penduduk_simpan")
        post_delete.connect(_situs_berubah, sender=Penduduk, weak=False, dispatch_uid="statistik_penduduk_hapus")
