"""Private file storage: files that must only ever be handed out by a view that checks who may
have them (uploaded population registers, rendered books, village documents until and unless
they are published). Never under MEDIA_ROOT, so no web server or /media/ route can serve them."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PenyimpananPrivat(FileSystemStorage):
    """Local files outside MEDIA_ROOT, so never served: BALAI_PRIVAT_ROOT, default var/privat."""

    @property
    def base_location(self):
        return str(getattr(settings, "BALAI_PRIVAT_ROOT", None) or Path(settings.BASE_DIR) / "var" / "privat")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # no public address: `.url` raises instead of pointing under /media/

    def url(self, name):
        raise ValueError("Berkas privat tidak punya alamat publik; sajikan lewat view yang memeriksa izin.")


def penyimpanan_privat():
    """The "privat" storage when one is configured (private object storage in production),
    else local files that are never served."""
    from django.core.files.storage import storages

    if "privat" in settings.STORAGES:
        return storages["privat"]
    return PenyimpananPrivat()
