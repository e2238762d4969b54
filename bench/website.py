"""Benchmark of the public village website under gunicorn (2 workers) on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_bench .venv/bin/python bench/website.py

Loads the demo kabupaten (if absent) and tops Desa Selakambang up to --articles published
articles, starts gunicorn with bench/settings.py, and measures requests/s and latency (p50, p95)
for: a bare Django view returning a static page as big as the village front page (the
baseline, same middleware stack), the same view with no middleware at all (bench/wsgi.py), the
village front page, an article page and the kabupaten
portal. Pages are measured as visitors get them (whole-page cache warm) and once more with a
unique query string per request, which misses the cache and renders the page from the database.
Prints a table with ratios against the baseline measured in the same run."""

import argparse
import http.client
import multiprocessing
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
VILLAGE = "selakambang"


def prepare(articles):
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from balai.website.models import Artikel
    from balai.wilayah.models import Desa

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        if not Artikel.objects.exists():
            with open(os.devnull, "w") as quiet:
                call_command("seed_demo", seed=1, stdout=quiet)
        desa = Desa.objects.get(slug=VILLAGE)
        have = Artikel.objects.filter(desa=desa).count()
        now = timezone.now()
        Artikel.objects.bulk_create(
            [
                Artikel(
                    desa=desa,
                    judul=f"Kabar kegiatan warga nomor {i}",
                    slug=f"kabar-kegiatan-warga-{i}",
                    ringkasan="Warga bergotong royong membersihkan lingkungan dan saluran air.",
                    isi="<p>Warga bergotong royong membersihkan lingkungan dan saluran air.</p>" * 8,
                    status=Artikel.Status.TERBIT,
                    terbit_pada=now - timezone.timedelta(hours=i + 1),
                )
                for i in range(have, articles)
            ],
            batch_size=1000,
        )
        slug = Artikel.objects.filter(desa=desa, status="terbit").order_by("-terbit_pada").values_list("slug")[5][0]
        return Artikel.objects.filter(desa=desa).count(), slug


def _get(port, host, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        body = response.read()
        return response.status, body
    finally:
        conn.close()


def _client(args):
    port, host, path, duration, bust = args
    latencies, errors, n = [], 0, 0
    end = time.perf_counter() + duration
    while time.perf_counter() < end:
        n += 1
        target = f"{path}{'&' if '?' in path else '?'}nocache={os.getpid()}-{n}" if bust else path
        start = time.perf_counter()
        status, _body = _get(port, host, target)
        latencies.append((time.perf_counter() - start) * 1000)
        errors += status != 200
    return latencies, errors


def measure(pool, port, host, path, duration, concurrency, bust=False):
    _client((port, host, path, 0.5, bust))  # warm up this worker's cache and connections
    results = pool.map(_client, [(port, host, path, duration, bust)] * concurrency)
    return [lat for lats, _e in results for lat in lats], sum(e for _l, e in results)


def summarise(latencies, errors, seconds):
    latencies = sorted(latencies)
    return {
        "rps": len(latencies) / seconds,
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
        "n": len(latencies),
        "errors": errors,
    }


def start_gunicorn(port):
    cmd = [str(ROOT / ".venv" / "bin" / "gunicorn"), "bench.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            if _get(port, "localhost", "/healthz")[0] == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start: " + proc.stderr.read().decode()[-2000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per row and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--port", type=int, default=8811)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL=postgres://... (the benchmark runs on PostgreSQL).")
    count, slug = prepare(args.articles)
    village, portal = f"{VILLAGE}.localhost", "localhost"
    proc = start_gunicorn(args.port)
    try:
        size = len(_get(args.port, village, "/")[1])
        pages = [
            ("bare view (baseline)", village, f"/bench/bare/?bytes={size}", False),
            ("bare view, no middleware", village, f"/bench/kosong/?bytes={size}", False),
            ("village front page", village, "/", False),
            ("article page", village, f"/artikel/{slug}/", False),
            ("kabupaten portal", portal, "/", False),
            ("village front page, cache miss", village, "/", True),
            ("article page, cache miss", village, f"/artikel/{slug}/", True),
            ("kabupaten portal, cache miss", portal, "/", True),
        ]
        rows = run_rounds(pages, args)
    finally:
        proc.terminate()
        proc.wait(10)
    report(rows, count, size, args)


def run_rounds(pages, args):
    """Every page in every round, the order reversed in odd rounds, so that load from elsewhere
    on the machine drifting during the run weighs on all rows alike."""
    collected = {name: ([], 0) for name, *_ in pages}
    with multiprocessing.Pool(args.concurrency) as pool:
        for n in range(args.rounds):
            for name, host, path, bust in pages if n % 2 == 0 else pages[::-1]:
                lats, errors = measure(pool, args.port, host, path, args.duration, args.concurrency, bust)
                collected[name] = (collected[name][0] + lats, collected[name][1] + errors)
    seconds = args.duration * args.rounds
    return [(name, summarise(lats, errors, seconds)) for name, (lats, errors) in collected.items()]


def report(rows, count, size, args):
    base, floor = rows[0][1]["rps"], rows[1][1]["rps"]
    print(f"\n{count} articles in {VILLAGE}; front page {size} bytes; gunicorn -w 2; {args.concurrency} clients; "
          f"{args.rounds} rounds x {args.duration:.0f} s per row\n")  # fmt: skip
    print(f"{'page':34} {'req/s':>8} {'x bare':>7} {'x no mw':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}")
    for name, r in rows:
        rps = r["rps"]
        ratios = f"{rps / base:7.2f} {rps / floor:7.2f}"
        print(f"{name:34} {rps:8.0f} {ratios} {r['p50']:7.1f} {r['p95']:7.1f} {r['errors']:6d}")


if __name__ == "__main__":
    main()
