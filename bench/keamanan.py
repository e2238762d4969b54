"""Benchmark of the judi-online guard on the demo kabupaten (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_bench .venv/bin/python bench/keamanan.py [--scan]

1. Check on save: publishing an article through `simpan_artikel` (sanitiser, slug, revision,
   audit, cache bump) with the content check installed, against the same service with no check
   installed (the baseline, measured in the same run): median and p95 per article, and the
   difference.
2. The check alone: a normal article, an anti-judi news item, a spam text, a 5 MB body and
   50,000 nested elements.
3. With --scan: the full scan of every village (`manage.py pindai_situs --pekerja 2`, two
   processes), wall time, pages and pages per second, against the limit of 10 minutes.

Loads the demo kabupaten first if the database is empty."""

import argparse
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

ISI = "<p>" + "Musyawarah desa membahas RKPDes, rabat beton Dusun Krajan dan posyandu balita. " * 40 + "</p>"


def prepare():
    import django

    django.setup()
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from balai.website.models import Artikel

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        if not Artikel.objects.exists():
            with open(os.devnull, "w") as quiet:
                call_command("seed_demo", seed=1, stdout=quiet)


def _publish_times(n, *, with_check):
    from django.db import transaction
    from django_scopes import scope, scopes_disabled

    from balai.akun.models import Peran, User
    from balai.core import konten
    from balai.core.registry import extensions
    from balai.website import services
    from balai.wilayah.models import Desa

    with scopes_disabled():
        desa = Desa.objects.select_related("kecamatan__kabupaten").get(slug="selakambang")
        actor = User.objects.filter(desa=desa, keanggotaan__peran=Peran.OPERATOR_DESA).first()
    konten.extensions = extensions if with_check else (lambda kind: [])
    times = []
    with scope(desa=desa):
        for i in range(n):
            data = {"judul": f"Kabar warga bench {i}", "isi": ISI, "status": "terbit"}
            start = time.perf_counter()
            with transaction.atomic():
                services.simpan_artikel(desa=desa, actor=actor, data=data)
                transaction.set_rollback(True)  # measure the work, keep the database as it was
            times.append((time.perf_counter() - start) * 1000)
    konten.extensions = extensions
    return times


def bench_save(n):
    _publish_times(5, with_check=True)  # warm up
    rounds = {"tanpa pemeriksaan": [], "dengan pemeriksaan": []}
    for _ in range(3):  # interleaved, so load on a shared machine hits both alike
        rounds["tanpa pemeriksaan"] += _publish_times(n, with_check=False)
        rounds["dengan pemeriksaan"] += _publish_times(n, with_check=True)
    print(f"\nTerbitkan artikel ({3 * n} kali masing-masing, median / p95 ms):")
    med = {}
    for name, times in rounds.items():
        times.sort()
        med[name] = statistics.median(times)
        print(f"  {name:20} {med[name]:7.1f} {times[int(len(times) * 0.95) - 1]:7.1f}")
    diff = med["dengan pemeriksaan"] - med["tanpa pemeriksaan"]
    ratio = med["dengan pemeriksaan"] / med["tanpa pemeriksaan"]
    print(f"  selisih median: {diff:.1f} ms (batas 20 ms), rasio {ratio:.2f}")


def bench_check():
    from balai.keamanan import deteksi

    cases = {
        "artikel biasa (6 KB)": ISI,
        "berita razia judi": "<p>Polsek menggelar razia judi togel dan sosialisasi bahaya judi online, slot gacor.</p>"
        * 20,
        "spam tersamar": "<p>s1ot g4c0r m4xw1n d3po via dana mahkota88 daftar sekarang</p>" * 5,
        "badan 5 MB": "<p>Warga bergotong royong membersihkan saluran air di dusun.</p>" * 80_000,
        "50.000 elemen bersarang": "<div>" * 50_000 + "slot gacor" + "</div>" * 50_000,
    }
    print("\nPemeriksaan saja (median ms):")
    for name, text in cases.items():
        deteksi.periksa(text)
        runs = 3 if len(text) > 100_000 else 30
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            putusan = deteksi.periksa(text)
            times.append((time.perf_counter() - start) * 1000)
        print(f"  {name:26} {statistics.median(times):8.1f}  {putusan.label} {putusan.aturan}")


def bench_scan():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "pindai_situs", "--pekerja", "2"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds = time.perf_counter() - start
    summary = out.strip().splitlines()[-1]
    pages = int(summary.split(" halaman")[0].rsplit(" ", 1)[-1])
    minutes = seconds / 60
    print(f"\nPemindaian semua desa, 2 proses: {seconds:.0f} detik ({minutes:.1f} menit, batas 10), ", end="")
    print(f"{pages / seconds:.1f} halaman/detik")
    print(f"  {summary}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20, help="articles per round")
    parser.add_argument("--scan", action="store_true", help="also scan every village (minutes)")
    args = parser.parse_args()
    prepare()
    bench_save(args.n)
    bench_check()
    if args.scan:
        bench_scan()


if __name__ == "__main__":
    main()
