"""Record every village's alerts and mail what is new to the kabupaten and kecamatan officers
who want it (run daily by a timer; see balai.pengawasan.peringatan)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from balai.pengawasan.peringatan import kirim_peringatan
from balai.wilayah.models import Kabupaten


class Command(BaseCommand):
    help = "Catat peringatan setiap desa dan kirim surel berisi peringatan baru ke kabupaten dan kecamatan."

    def handle(self, *args, **options):
        kabupaten = Kabupaten.objects.get(kode=settings.BALAI_KABUPATEN_KODE)
        self.stdout.write(str(kirim_peringatan(kabupaten=kabupaten)))
