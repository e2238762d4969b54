"""Moving document files from the public media storage into the private storage (documents
uploaded before documents were kept private)."""

import logging

from django.core.files.storage import default_storage
from django_scopes import scopes_disabled

from balai.core.storage import private_storage

log = logging.getLogger(__name__)


def pindahkan_berkas(model, *, kembali=False):
    """Move every document's file found in the public storage to the private one (or back, with
    `kembali`). Files already in place are left alone; returns the number moved."""
    publik, privat = default_storage, private_storage()
    asal, tujuan = (privat, publik) if kembali else (publik, privat)
    dipindah = 0
    with scopes_disabled():
        names = list(model.objects.exclude(berkas="").values_list("berkas", flat=True))
    for name in names:
        if not asal.exists(name):
            continue
        if not tujuan.exists(name):
            with asal.open(name, "rb") as f:
                saved = tujuan.save(name, f)
            if saved != name:  # the storage renamed it: keep the row's name pointing at it
                tujuan.delete(saved)
                log.error("document file %s could not be moved under the same name", name)
                continue
        asal.delete(name)
        dipindah += 1
    return dipindah
