from django.core.management.base import BaseCommand

from balai.wilayah.services import WILAYAH_CSV, load_wilayah


class Command(BaseCommand):
    help = "Muat kabupaten, kecamatan dan desa/kelurahan dari CSV Kemendagri (kode,nama,tingkat)."

    def add_arguments(self, parser):
        parser.add_argument("--csv", default=str(WILAYAH_CSV), help="Berkas CSV (bawaan: Purbalingga).")

    def handle(self, *args, csv, **options):
        counts = load_wilayah(csv)
        self.stdout.write(
            self.style.SUCCESS(f"Wilayah dimuat: {counts['kecamatan']} kecamatan, {counts['desa']} desa/kelurahan.")
        )
