"""Recompute every village's activity score (run daily by a timer; pages only read the result)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from balai.pengawasan.services import hitung_skor
from balai.wilayah.models import Kabupaten


class Command(BaseCommand):
    help = "Hitung ulang skor aktivitas setiap desa (30 hari terakhir)."

    def handle(self, *args, **options):
        kabupaten = Kabupaten.objects.get(kode=settings.BALAI_KABUPATEN_KODE)
        self.stdout.write(f"{hitung_skor(kabupaten=kabupaten)} desa dinilai.")
