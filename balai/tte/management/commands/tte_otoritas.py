"""Create (once) the kabupaten's certificate authority and print its certificate, the file a
PDF reader is told to trust so that it shows every village letter's signature as valid."""

from django.conf import settings
from django.core.management.base import BaseCommand

from balai.tte.services import siapkan_otoritas
from balai.wilayah.models import Kabupaten


class Command(BaseCommand):
    help = "Siapkan otoritas sertifikat kabupaten dan cetak sertifikatnya (PEM)."

    def add_arguments(self, parser):
        parser.add_argument("--keluar", help="tulis sertifikat ke berkas ini, bukan ke layar")

    def handle(self, *args, keluar=None, **options):
        kabupaten = Kabupaten.objects.get(kode=settings.BALAI_KABUPATEN_KODE)
        pem = siapkan_otoritas(kabupaten).sertifikat_pem
        if keluar:
            with open(keluar, "w") as f:
                f.write(pem)
            self.stdout.write(f"Sertifikat otoritas ditulis ke {keluar}")
        else:
            self.stdout.write(pem)
