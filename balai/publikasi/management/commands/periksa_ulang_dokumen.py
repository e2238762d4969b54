"""Check every stored document again with the current rules (a PDF with an escaped or
compressed script uploaded before the object-level check still sits on the site). Documents
that fail are unpublished and audited; their operators see them as drafts."""

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from balai.publikasi.models import Dokumen
from balai.publikasi.services import periksa_ulang_dokumen


class Command(BaseCommand):
    help = "Periksa ulang semua dokumen unduhan; yang tidak lolos ditarik dari situs (jadi draf)."

    def handle(self, *args, **options):
        diperiksa = ditolak = 0
        # Every village on purpose, visibly: a kabupaten-wide maintenance job.
        with scopes_disabled():
            for dokumen in Dokumen.objects.select_related("desa__kecamatan").order_by("pk").iterator():
                diperiksa += 1
                alasan = periksa_ulang_dokumen(dokumen=dokumen)
                if alasan:
                    ditolak += 1
                    self.stdout.write(f"{dokumen.desa} · dokumen #{dokumen.pk} ditarik: {alasan}")
        self.stdout.write(f"{diperiksa} dokumen diperiksa, {ditolak} ditarik dari situs.")
