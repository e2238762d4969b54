"""Issue a one-time enrolment link from the server's shell: for the last kabupaten admin who
lost their phone, when no other admin can do it from /dasbor/pengguna/."""

from django.core.management.base import BaseCommand, CommandError

from balai.akun.models import User
from balai.akun.services import buat_tautan_2fa, reset_2fa


class Command(BaseCommand):
    help = "Buat tautan sekali pakai untuk mendaftarkan aplikasi autentikator (verifikasi dua langkah)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="hapus dulu autentikator lama (ponsel hilang)")

    def handle(self, *args, username, reset, **options):
        user = User.objects.filter(username__iexact=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Tidak ada akun aktif bernama {username!r}.")
        if reset:
            reset_2fa(actor=None, user=user)
        elif user.totpdevice_set.filter(confirmed=True).exists():
            raise CommandError("Akun ini sudah memakai verifikasi dua langkah; pakai --reset bila ponselnya hilang.")
        tautan = buat_tautan_2fa(actor=None, user=user)
        self.stdout.write(f"Tautan pendaftaran untuk {user.username} (sekali pakai): {tautan}")
