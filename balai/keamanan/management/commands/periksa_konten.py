"""Check texts from a file with the content check, one verdict per line, so the kabupaten can
try its rules on its own samples:

    manage.py periksa_konten sampel.jsonl      # JSON lines with a "text" field
    manage.py periksa_konten sampel.txt        # or one text per line
    manage.py periksa_konten sampel.txt --desa selakambang   # with that village's lists

Each output line: TAHAN or LOLOS, the rules that fired, the score and an excerpt."""

import json

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from balai.keamanan import deteksi, services
from balai.keamanan.models import DomainBlokir
from balai.wilayah.models import Desa


def _texts(path):
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip():
                    continue
                if line.lstrip().startswith("{"):
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise CommandError(f"Baris {n}: JSON tidak sah ({exc.msg}, kolom {exc.colno}).") from None
                    if not isinstance(row, dict) or "text" not in row:
                        raise CommandError(f'Baris {n}: objek JSON tanpa kolom "text".')
                    yield str(row["text"])
                else:
                    yield line
    except FileNotFoundError:
        raise CommandError(f"Berkas {path} tidak ditemukan.") from None
    except UnicodeDecodeError:
        raise CommandError(f"Berkas {path} bukan teks UTF-8.") from None


class Command(BaseCommand):
    help = "Memeriksa teks dari berkas (JSON lines dengan kolom text, atau satu teks per baris): TAHAN/LOLOS per baris."

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument("--desa", help="slug desa: pakai daftar izin desa itu juga")

    def handle(self, *args, berkas, desa=None, **options):
        with scopes_disabled():
            if desa:
                village = Desa.objects.select_related("kecamatan").filter(slug=desa).first()
                if village is None:
                    raise CommandError(f"Desa {desa} tidak ditemukan.")
                daftar = services.daftar_untuk(village)
            else:
                daftar = deteksi.Daftar(blokir=frozenset(DomainBlokir.objects.values_list("domain", flat=True)))
        held = total = 0
        for text in _texts(berkas):
            putusan = deteksi.periksa(text, daftar)
            total += 1
            held += putusan.tahan
            kutipan = putusan.temuan[0].kutipan if putusan.temuan else ""
            self.stdout.write(f"{putusan.label}\t{putusan.aturan or '-'}\t{putusan.skor}\t{kutipan[:100]}")
        self.stderr.write(f"{total} teks: {held} TAHAN, {total - held} LOLOS")
