"""Where village files live: one layout, `desa/<desa_id>/<app>/<name>`, in one of two storages.

- Public files (pictures) go to Django's default storage: MEDIA_ROOT locally, object storage in
  production.
- Private files (uploaded population registers, rendered population books: personal data; and
  documents for download, which a view hands out only while they are published) go to
  `private_storage()`: the "privat" storage when STORAGES configures one (a private bucket),
  else local files under BALAI_PRIVAT_ROOT, outside MEDIA_ROOT, which no URL serves.

Names inside `<name>` are ours (random or built from ids), never the uploader's file name.
"""

import os
import re
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

APP = re.compile(r"^[a-z][a-z0-9_]*$")


class PrivateFileSystemStorage(FileSystemStorage):
    """Local files outside MEDIA_ROOT, so never served: BALAI_PRIVAT_ROOT, default var/privat.
    The root is read on every use, so a changed setting (tests) takes effect at once."""

    @property
    def base_location(self):
        return str(getattr(settings, "BALAI_PRIVAT_ROOT", None) or Path(settings.BASE_DIR) / "var" / "privat")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # No public address: a link under /media/ would only ever be a broken one.
        raise ValueError("Berkas privat tidak punya alamat publik; sajikan lewat view yang memeriksa izin.")


def private_storage():
    """The storage for a village's private files (also usable as a FileField's `storage`)."""
    if "privat" in settings.STORAGES:
        return storages["privat"]
    return PrivateFileSystemStorage()


def path_for(desa_id, app, name):
    """`desa/<desa_id>/<app>/<name>`: where a village's file of `app` lives, in either storage."""
    if not APP.match(app):
        raise ValueError(f"Nama aplikasi tidak sah untuk jalur berkas: {app!r}")
    parts = name.split("/")
    if not name or name.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"Nama berkas tidak sah: {name!r}")
    return f"desa/{int(desa_id)}/{app}/{name}"
