"""Publish every scheduled article whose time has come, in every village. Run by a timer
(e.g. every minute) as a safety net beside the deferred task queued when an article is scheduled."""

from django.core.management.base import BaseCommand

from balai.website.services import terbitkan_semua_jatuh_tempo


class Command(BaseCommand):
    help = "Terbitkan artikel terjadwal yang sudah tiba waktunya (semua desa)."

    def handle(self, *args, **options):
        count = terbitkan_semua_jatuh_tempo()
        self.stdout.write(f"{count} artikel diterbitkan.")
