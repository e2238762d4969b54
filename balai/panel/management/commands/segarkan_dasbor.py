"""Compute the kabupaten's and every kecamatan's dashboard summaries ahead of the page views (run
every minute by a timer): the views then read them from the cache instead of aggregating every
village's rows."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from balai.core import dashboard
from balai.core.tenancy import resolve_host
from balai.panel import selectors, tabel_desa
from balai.wilayah.models import Desa, Kabupaten


class Command(BaseCommand):
    help = "Hitung ringkasan dasbor kabupaten dan setiap kecamatan sebelum dibuka (jalankan tiap menit)."

    def handle(self, *args, **options):
        start = time.perf_counter()
        kabupaten = Kabupaten.objects.get(kode=settings.BALAI_KABUPATEN_KODE)
        base = settings.BALAI_BASE_DOMAIN
        bulan, _salah = tabel_desa.bulan_dari(None)
        widget = dashboard.segarkan(resolve_host(base))
        selectors.per_kecamatan(kabupaten=kabupaten, segarkan=True)
        kecamatan = list(kabupaten.kecamatan.order_by("kode"))
        for kec in kecamatan:
            widget += dashboard.segarkan(resolve_host(f"kec-{kec.slug}.{base}"))
            tabel_desa.tabel(Desa.objects.filter(kecamatan=kec), bulan, segarkan=True)
        self.stdout.write(
            f"Dasbor kabupaten dan {len(kecamatan)} kecamatan disegarkan ({widget} widget) "
            f"dalam {time.perf_counter() - start:.1f} detik."
        )
