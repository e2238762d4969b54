from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from balai.akun.models import Peran, User
from balai.akun.services import buat_pengguna, buat_tautan_2fa
from balai.wilayah.models import Kabupaten


class Command(BaseCommand):
    help = "Buat akun admin kabupaten pertama. Kata sandi sementara dibuat acak dan ditampilkan sekali."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--nama", default="Admin Kabupaten")

    def handle(self, *args, username, email, nama, **options):
        kabupaten = Kabupaten.objects.filter(kode=settings.BALAI_KABUPATEN_KODE).first()
        if kabupaten is None:
            raise CommandError("Kabupaten belum dimuat. Jalankan dulu: manage.py load_wilayah")
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"Nama pengguna {username!r} sudah dipakai.")
        user, password = buat_pengguna(
            actor=None, username=username, nama=nama, email=email, peran=Peran.ADMIN_KABUPATEN, kabupaten=kabupaten
        )
        tautan = buat_tautan_2fa(actor=None, user=user)
        self.stdout.write(f"Akun {user.username} dibuat. Kata sandi sementara: {password}")
        self.stdout.write("Kata sandi wajib diganti saat masuk pertama. Setelah masuk, buka tautan sekali pakai ini")
        self.stdout.write(f"untuk mendaftarkan aplikasi autentikator (verifikasi dua langkah): {tautan}")
