"""Scan the public sites of every village (or one) as visitors get them.

    manage.py pindai_situs                  # all villages here, one after another
    manage.py pindai_situs --pekerja 2      # in two processes
    manage.py pindai_situs --desa selakambang
    manage.py pindai_situs --antre          # one background task per village (db_worker runs them)

Prints one line per village as it is done and a summary; a village whose scan fails is a
finding of its own and the scan goes on."""

import multiprocessing
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django_scopes import scopes_disabled

from balai.core import tasks
from balai.keamanan import pindai, services
from balai.keamanan.pindai import HasilDesa, TemuanHalaman
from balai.wilayah.models import Desa


def _desa(desa_id):
    return Desa.objects.select_related("kecamatan__kabupaten").get(pk=desa_id)


def _pindai_satu(desa_id):
    """Worker: scan one village, return its result (the parent records it)."""
    try:
        with scopes_disabled():
            desa = _desa(desa_id)
        return pindai.pindai_desa(desa)
    except Exception as exc:  # never lose the rest of the scan over one village
        return HasilDesa(
            desa_id, galat=1, temuan=[TemuanHalaman("/", "galat", f"pemindaian desa gagal ({type(exc).__name__})")]
        )


def _mulai_pekerja():
    connections.close_all()  # a forked process opens its own database connection


class Command(BaseCommand):
    help = "Memindai situs publik desa seperti yang diterima pengunjung (konten judi, skrip, iframe, tautan asing)."

    def add_arguments(self, parser):
        parser.add_argument("--desa", help="slug satu desa")
        parser.add_argument("--pekerja", type=int, default=1, help="jumlah proses (bawaan 1)")
        parser.add_argument("--antre", action="store_true", help="antrekan satu tugas per desa untuk db_worker")

    def handle(self, *args, desa=None, pekerja=1, antre=False, **options):
        with scopes_disabled():
            villages = Desa.objects.filter(aktif=True).select_related("kecamatan__kabupaten").order_by("kode")
            if desa:
                villages = villages.filter(slug=desa)
            villages = list(villages)
        if not villages:
            raise CommandError("Tidak ada desa aktif yang cocok.")
        pemindaian = services.mulai_pemindaian(kabupaten=villages[0].kecamatan.kabupaten, jumlah_desa=len(villages))
        if antre:
            from balai.keamanan.tasks import pindai_desa_task

            for d in villages:
                tasks.enqueue(pindai_desa_task, d, pemindaian.pk)
            self.stdout.write(f"{len(villages)} tugas pemindaian diantrekan (pemindaian #{pemindaian.pk}).")
            return
        by_id = {d.pk: d for d in villages}
        start = time.monotonic()
        ids = [d.pk for d in villages]
        if pekerja > 1:
            connections.close_all()
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(pekerja, initializer=_mulai_pekerja) as pool:
                self._catat(pool.imap_unordered(_pindai_satu, ids), by_id, pemindaian, start)
        else:
            self._catat(map(_pindai_satu, ids), by_id, pemindaian, start)
        services.selesaikan_pemindaian(pemindaian)
        pemindaian.refresh_from_db()
        self.stdout.write(
            f"Selesai: {pemindaian.desa_selesai} desa, {pemindaian.jumlah_halaman} halaman, "
            f"{pemindaian.jumlah_temuan} temuan baru, {pemindaian.jumlah_galat} galat, "
            f"{time.monotonic() - start:.1f} detik."
        )

    def _catat(self, results, by_id, pemindaian, start):
        total = len(by_id)
        for i, hasil in enumerate(results, 1):
            desa = by_id[hasil.desa_id]
            with scopes_disabled():
                baru = services.catat_hasil(pemindaian=pemindaian, desa=desa, hasil=hasil)
            self.stdout.write(
                f"[{i}/{total}] {desa.slug}: {hasil.halaman} halaman, {len(hasil.temuan)} temuan ({len(baru)} baru), "
                f"{hasil.galat} galat, {time.monotonic() - start:.0f} dtk"
            )
