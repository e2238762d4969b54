"""Deployment checks (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Warning, register

LOCAL_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@register(deploy=True)
def shared_cache(app_configs, **kwargs):
    """Page caches, site versions, host lookups and rate limits live in the cache: with a
    per-process cache, several app servers or workers disagree (a village switched off, or a
    new article, shows only in the worker that handled it)."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in LOCAL_CACHES:
        return [
            Warning(
                "Cache ini hanya milik satu proses; dengan beberapa worker, halaman publik, penonaktifan desa "
                "dan batas percobaan masuk tidak berlaku di semua worker.",
                hint="Atur REDIS_URL untuk produksi.",
                id="balai.W001",
            )
        ]
    return []
