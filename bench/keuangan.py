"""Benchmark of the APBDes pages on PostgreSQL, through the real views (middleware, tenancy,
scope, templates), in-process with Django's test client.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_bench_keuangan .venv/bin/python bench/keuangan.py

Loads the 239 villages of Purbalingga (if absent) and the demo APBDes 2025/2026 for every desa
(balai.demo.keuangan, timed), then measures, as medians of --ulang runs:
- a bare view returning a static page as big as the APBDes page, through the same middleware
  (the baseline);
- the public APBDes page of the showcase village, cached (anonymous, warm) and uncached
  (page cache emptied before each run);
- the kabupaten table /dasbor/apbdes/ for all villages, signed in as the kabupaten admin;
- the same table's queries alone (balai.keuangan.selectors.rekap_wilayah) and its xlsx export.
Prints milliseconds, ratios against the bare view and query counts.

The APBDes tables of the database named by DATABASE_URL are REPLACED: never point this at a
database you care about."""

import argparse
import os
import secrets
import statistics
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings_test")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
SHOWCASE = "selakambang"


def siapkan():
    """Villages, an admin_kabupaten, and the demo APBDes; returns (seconds to seed, villages)."""
    import random

    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from balai.demo import keuangan as demo
    from balai.keuangan.models import Apbdes, Baris, ImporApbdes, Kegiatan, Realisasi
    from balai.wilayah.models import Desa

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        if not Desa.objects.exists():
            call_command("load_wilayah", verbosity=0, stdout=StringIO())
        for model in (Realisasi, Baris, Kegiatan, Apbdes, ImporApbdes):
            model.objects.all().delete()
        villages = list(Desa.objects.select_related("kecamatan").order_by("kode"))
        showcase = next((d for d in villages if d.slug == SHOWCASE), villages[0])
        t0 = time.perf_counter()
        demo.seed(villages=villages, showcase=showcase, rng=random.Random(1), fake=None, stdout=StringIO())
        seconds = time.perf_counter() - t0
    # Fresh statistics, as autovacuum would have them after a day of use (a bulk load leaves
    # none, and the planner then picks nested loops over thousands of rows).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with scopes_disabled():
        return seconds, villages, showcase, Baris.objects.count()


def _admin_client(kabupaten):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from balai.akun.models import Keanggotaan, Peran, User

    user, _ = User.objects.get_or_create(username="bench.kabupaten", defaults={"kabupaten": kabupaten})
    Keanggotaan.objects.get_or_create(user=user, peran=Peran.ADMIN_KABUPATEN)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def ukur(fn, ulang):
    """(median ms, queries of the last run) of `fn()`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(ulang):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), len(ctx.captured_queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ulang", type=int, default=15, help="runs per measurement (median)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django_scopes import scopes_disabled

    from balai.keuangan.selectors import rekap_wilayah

    if connection.vendor != "postgresql":
        sys.exit("bench/keuangan.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    settings.DEBUG = False
    seed_s, villages, showcase, n_baris = siapkan()
    print(f"Demo APBDes for the desa of {len(villages)} villages ({n_baris} lines) seeded in {seed_s:.1f} s")

    tahun = 2026
    desa_host = f"{showcase.slug}.localhost"
    publik = Client(HTTP_HOST=desa_host)

    def get(client, path, **extra):
        response = client.get(path, **extra)
        assert response.status_code == 200, (path, response.status_code)
        return response

    size = len(get(publik, f"/apbdes/{tahun}/").content)
    admin = _admin_client(showcase.kecamatan.kabupaten)
    rows = []
    with override_settings(ROOT_URLCONF="bench.urls"):
        rows.append(("bare view (baseline)", *ukur(lambda: get(publik, f"/bench/bare/?bytes={size}"), args.ulang)))
        get(publik, f"/apbdes/{tahun}/")
        rows.append(("public APBDes page, cached", *ukur(lambda: get(publik, f"/apbdes/{tahun}/"), args.ulang)))

        def uncached():
            cache.clear()
            get(publik, f"/apbdes/{tahun}/")

        rows.append(("public APBDes page, uncached", *ukur(uncached, args.ulang)))
        get(admin, f"/dasbor/apbdes/?tahun={tahun}")
        rows.append(
            (
                f"kabupaten table ({len(villages)} villages)",
                *ukur(lambda: get(admin, f"/dasbor/apbdes/?tahun={tahun}"), args.ulang),
            )
        )
        with scopes_disabled():
            kab = showcase.kecamatan.kabupaten
            rows.append(
                (
                    "kabupaten table: its queries only",
                    *ukur(lambda: rekap_wilayah(tahun=tahun, kabupaten=kab), args.ulang),
                )
            )
        rows.append(
            (
                "kabupaten table, xlsx",
                *ukur(lambda: get(admin, f"/dasbor/apbdes/?tahun={tahun}&format=xlsx"), args.ulang),
            )
        )
    base = rows[0][1]
    print(f"\nmedian of {args.ulang} runs; APBDes page {size} bytes\n")
    print(f"{'page':40} {'ms':>8} {'x bare':>8} {'queries':>8}")
    for name, ms, queries in rows:
        print(f"{name:40} {ms:8.1f} {ms / base:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
