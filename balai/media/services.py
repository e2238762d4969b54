import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from balai.core import audit
from balai.core.storage import path_for

from . import images
from .models import Gambar

# Readable names of this app's audit actions (registered in apps.py; see balai.core.audit).
AUDIT_LABELS = {
    "gambar.diunggah": "Gambar diunggah",
    "gambar.dihapus": "Gambar dihapus",
}


def _name(desa, ext):
    return path_for(desa.pk, "media", f"{uuid.uuid4().hex}.{ext}")


@transaction.atomic
def simpan_gambar(*, desa, actor, file, alt="", request=None) -> Gambar:
    """Store an uploaded picture as re-encoded renditions. Raises ValidationError (Indonesian
    message) when the file is not a picture we accept."""
    full, thumb = images.renditions(file)
    gambar = Gambar(desa=desa, alt=alt[:200], lebar=full.width, tinggi=full.height, dibuat_oleh=actor)
    gambar.thumb_lebar, gambar.thumb_tinggi = thumb.width, thumb.height
    gambar.berkas.save(_name(desa, full.fallback_ext), ContentFile(full.fallback), save=False)
    gambar.berkas_webp.save(_name(desa, "webp"), ContentFile(full.webp), save=False)
    gambar.thumb.save(_name(desa, thumb.fallback_ext), ContentFile(thumb.fallback), save=False)
    gambar.thumb_webp.save(_name(desa, "webp"), ContentFile(thumb.webp), save=False)
    names = [f.name for f in gambar.files]
    try:
        gambar.full_clean()
        gambar.save()
    except Exception:
        for name in names:
            default_storage.delete(name)
        raise
    audit.record(action="gambar.diunggah", actor=actor, desa=desa, obj=gambar, request=request)
    return gambar


@transaction.atomic
def hapus_gambar(*, gambar, actor, request=None):
    names = [f.name for f in gambar.files]
    audit.record(action="gambar.dihapus", actor=actor, desa=gambar.desa, obj=gambar, request=request)
    gambar.delete()
    transaction.on_commit(lambda: [default_storage.delete(n) for n in names])


def bersihkan_metadata(*, gambar) -> int:
    """Rewrite the stored renditions of `gambar` that still carry metadata (a JPEG comment,
    EXIF, XMP, a colour profile), under the same names. Returns how many were rewritten."""
    jumlah = 0
    for field in gambar.files:
        storage, name = field.storage, field.name
        with storage.open(name, "rb") as f:
            bersih = images.tanpa_metadata(f.read())
        if bersih is None:
            continue
        storage.delete(name)
        saved = storage.save(name, ContentFile(bersih))
        if saved != name:  # someone wrote the name meanwhile: keep the row pointing at ours
            setattr(gambar, field.field.name, saved)
            gambar.save(update_fields=[field.field.name])
        jumlah += 1
    return jumlah
