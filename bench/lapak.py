"""Benchmark of the kabupaten market search (`<base>/lapak/`) under gunicorn (2 workers) on
PostgreSQL, with --products showing products across the kabupaten's 239 villages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_lapak_bench .venv/bin/python bench/lapak.py

Loads the demo kabupaten (if absent) and tops the market up to --products products on show,
spread over every village (names and descriptions varied from the demo's Purbalingga products),
then ANALYZEs. The server runs with no page cache at all (bench/settings_lapak.py), so every
request searches the database: the worst case, a visitor whose search nobody made before. Each
search row cycles through ten search words. Measures requests/s and latency (p50, p95) against a
bare Django view returning a page as big as the market page (the baseline, same middleware),
measured in the same run. Goal: p95 < 100 ms for the market search with 10,000 products."""

import argparse
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_lapak"

import multiprocessing  # noqa: E402
import time  # noqa: E402
from urllib.parse import quote_plus  # noqa: E402

from bench.website import _get, start_gunicorn, summarise  # noqa: E402

KATA = ["gula", "keripik", "kopi", "batik", "knalpot", "durian", "bulu mata", "gurami", "bambu", "nopia"]
VARIAN = ["super", "kemasan hemat", "oleh-oleh", "asli", "premium", "grosir", "kecil", "besar", "spesial", "murni"]


def prepare(products):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from django.utils.text import slugify
    from django_scopes import scopes_disabled

    from balai.demo.lapak import PRODUK
    from balai.lapak.models import Kategori, Pelapak, Produk
    from balai.wilayah.models import Desa

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        if not Produk.objects.exists():
            with open(os.devnull, "w") as quiet:
                call_command("seed_demo", seed=1, stdout=quiet)
        have = Produk.objects.filter(status=Produk.Status.TAYANG).count()
        villages = list(Desa.objects.select_related("kecamatan").order_by("pk"))
        kategori = {k.urutan: k for k in Kategori.objects.all()}
        penjual = {p.desa_id: p for p in Pelapak.objects.filter(status=Pelapak.Status.DISETUJUI)}
        baru = [
            Pelapak(desa=d, nama=f"Lapak warga {d.nama}", whatsapp="6281234500000", status=Pelapak.Status.DISETUJUI)
            for d in villages
            if d.pk not in penjual
        ]
        for p in Pelapak.objects.bulk_create(baru):
            penjual[p.desa_id] = p
        now, rows = timezone.now(), []
        for i in range(have, products):
            desa = villages[i % len(villages)]
            nama, k, (lo, hi), satuan, berat, deskripsi, _w, _b = PRODUK[i % len(PRODUK)]
            nama = f"{nama} {VARIAN[(i // len(PRODUK)) % len(VARIAN)]} {i}"
            rows.append(Produk(
                desa=desa, pelapak=penjual[desa.pk], kategori=kategori[k], nama=nama, slug=slugify(nama),
                harga=lo + (i * 7919) % (hi - lo + 1), satuan=satuan, berat_gram=berat,
                deskripsi=f"{deskripsi}\nDari {desa.nama}, Kecamatan {desa.kecamatan.nama}.",
                status=Produk.Status.TAYANG, tayang_pada=now - timezone.timedelta(minutes=i),
            ))  # fmt: skip
        Produk.objects.bulk_create(rows, batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE lapak_produk")
        count = Produk.objects.filter(status=Produk.Status.TAYANG).count()
        slug = Produk.objects.filter(desa__slug="selakambang", status="tayang").values_list("slug", flat=True)[0]
    return count, slug


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per row and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=8813)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL=postgres://... (the benchmark runs on PostgreSQL).")
    count, slug = prepare(args.products)
    portal, village = "localhost", "selakambang.localhost"
    proc = start_gunicorn(args.port)
    try:
        size = len(_get(args.port, portal, "/lapak/?q=gula")[1])
        pages = [
            ("bare view (baseline)", portal, f"/bench/bare/?bytes={size}"),
            ("market, newest", portal, "/lapak/"),
            ("market search", portal, "/lapak/?q={kata}"),
            ("search + category + price", portal, "/lapak/?q={kata}&kategori=makanan-camilan&min=5000&maks=50000"),
            ("search + kecamatan, page 3", portal, "/lapak/?q={kata}&kecamatan=kaligondang&halaman=3"),
            ("kecamatan, cheapest first", portal, "/lapak/?kecamatan=bukateja&urut=murah"),
            ("village market search", village, "/lapak/?q={kata}"),
            ("product page", village, f"/lapak/{slug}/"),
        ]
        rows = run_rounds(pages, args)
    finally:
        proc.terminate()
        proc.wait(10)
    report(rows, count, size, args)


def _client(args):
    """One client process: GET the row's paths in turn (one per search word) for `duration` s."""
    port, host, paths, duration = args
    latencies, errors, n = [], 0, os.getpid()
    end = time.perf_counter() + duration
    while time.perf_counter() < end:
        n += 1
        start = time.perf_counter()
        status, _body = _get(port, host, paths[n % len(paths)])
        latencies.append((time.perf_counter() - start) * 1000)
        errors += status != 200
    return latencies, errors


def run_rounds(pages, args):
    """Every row in every round, the order reversed in odd rounds (load drifting on the machine
    weighs on all rows alike)."""
    collected = {name: ([], 0) for name, *_ in pages}
    with multiprocessing.Pool(args.concurrency) as pool:
        for n in range(args.rounds):
            for name, host, path in pages if n % 2 == 0 else pages[::-1]:
                paths = [path.replace("{kata}", quote_plus(kata)) for kata in KATA] if "{kata}" in path else [path]
                _client((args.port, host, paths, 0.5))  # warm up connections and the database
                results = pool.map(_client, [(args.port, host, paths, args.duration)] * args.concurrency)
                lats = [lat for lats, _e in results for lat in lats]
                errors = sum(e for _l, e in results)
                collected[name] = (collected[name][0] + lats, collected[name][1] + errors)
    seconds = args.duration * args.rounds
    return [(name, summarise(lats, errors, seconds)) for name, (lats, errors) in collected.items()]


def report(rows, count, size, args):
    base = rows[0][1]["rps"]
    print(f"\n{count} products on show; market page {size} bytes; gunicorn -w 2; no page cache; "
          f"{args.concurrency} clients; {args.rounds} rounds x {args.duration:.0f} s per row\n")  # fmt: skip
    print(f"{'page':30} {'req/s':>8} {'x bare':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}")
    for name, r in rows:
        print(f"{name:30} {r['rps']:8.0f} {r['rps'] / base:7.2f} {r['p50']:7.1f} {r['p95']:7.1f} {r['errors']:6d}")


if __name__ == "__main__":
    main()
