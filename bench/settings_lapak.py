"""The benchmark settings with no cache at all, for bench/lapak.py: every market request then
searches the database (the case of a search nobody made before)."""

from bench.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
