"""Daily reminder to each village's PPID accounts of requests and objections due within three
working days or overdue. A timer (systemd, cron) runs it once a day:

    python manage.py ppid_pengingat"""

from datetime import date

from django.core.management.base import BaseCommand

from balai.ppid.services import kirim_pengingat


class Command(BaseCommand):
    help = "Kirim pengingat tenggat permohonan dan keberatan informasi publik ke petugas PPID desa."

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", type=date.fromisoformat, help="Hitung untuk tanggal ini (YYYY-MM-DD).")

    def handle(self, *args, tanggal=None, **options):
        jumlah = kirim_pengingat(hari=tanggal)
        self.stdout.write(f"Pengingat PPID dikirim ke {jumlah} desa.")
