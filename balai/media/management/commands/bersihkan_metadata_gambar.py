"""Rewrite stored pictures that still carry metadata (renditions made before the JPEG comment,
XMP and colour profile were dropped: a comment could hold HTML, a camera note, a name)."""

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from balai.core import sitecache
from balai.media.models import Gambar
from balai.media.services import bersihkan_metadata


class Command(BaseCommand):
    help = "Tulis ulang gambar tersimpan yang masih membawa metadata (komentar JPEG, EXIF, XMP, profil warna)."

    def handle(self, *args, **options):
        diperiksa = ditulis = 0
        desa_ids = set()
        # Every village on purpose, visibly: a kabupaten-wide maintenance job.
        with scopes_disabled():
            for gambar in Gambar.objects.order_by("pk").iterator():
                diperiksa += 1
                n = bersihkan_metadata(gambar=gambar)
                if n:
                    ditulis += n
                    desa_ids.add(gambar.desa_id)
        for desa_id in desa_ids:
            sitecache.bump(desa_id)
        self.stdout.write(f"{diperiksa} gambar diperiksa, {ditulis} berkas ditulis ulang tanpa metadata.")
