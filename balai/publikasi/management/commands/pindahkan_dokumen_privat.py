"""Move document files left in the public media storage into the private storage (the
migration does this once; run it again after restoring old media from a backup)."""

from django.core.management.base import BaseCommand

from balai.publikasi.berkas_privat import pindahkan_berkas
from balai.publikasi.models import Dokumen


class Command(BaseCommand):
    help = "Pindahkan berkas dokumen dari media publik ke penyimpanan privat."

    def handle(self, *args, **options):
        jumlah = pindahkan_berkas(Dokumen)
        self.stdout.write(f"{jumlah} berkas dokumen dipindahkan ke penyimpanan privat.")
