from django.apps import AppConfig

from balai.core.registry import MenuItem, VillageSection, Widget


def _situs_berubah(sender, instance, **kwargs):
    """A resident saved or deleted one by one: the village's public statistics and front-page
    figures are stale. (Bulk imports send no signals; the importer bumps the cache itself.)"""
    from balai.core import sitecache

    sitecache.bump_on_commit(instance.desa_id)


class StatistikConfig(AppConfig):
    name = "balai.statistik"
    verbose_name = "Statistik"
    extensions = [
        VillageSection(
            "Penduduk",
            "statistik/partials/bagian_desa.html",
            "balai.statistik.selectors.bagian_desa",
            izin="statistik.lihat",
            order=10,
        ),
        MenuItem(
            "desa", "Statistik", "statistik:desa", grup="kependudukan", izin="statistik.lihat", order=30, icon="▤"
        ),
        MenuItem("kecamatan", "Statistik penduduk", "statistik:wilayah", grup="pantau", order=30, icon="▤"),
        MenuItem("kabupaten", "Statistik penduduk", "statistik:wilayah", grup="pantau", order=30, icon="▤"),
        MenuItem("publik-desa", "Statistik", "statistik:publik", order=40),
        Widget(
            "beranda-desa", "statistik/partials/beranda.html", "balai.statistik.selectors.beranda_context", order=50
        ),
        Widget(
            "kecamatan", "statistik/partials/widget_wilayah.html", "balai.statistik.selectors.widget_wilayah", order=15
        ),
        Widget(
            "kabupaten", "statistik/partials/widget_wilayah.html", "balai.statistik.selectors.widget_wilayah", order=15
        ),
    ]

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from balai.penduduk.models import Penduduk

        # Signals only for cache invalidation.
        post_save.connect(_situs_berubah, sender=Penduduk, weak=False, dispatch_uid="statistik_penduduk_simpan")
        post_delete.connect(_situs_berubah, sender=Penduduk, weak=False, dispatch_uid="statistik_penduduk_hapus")
