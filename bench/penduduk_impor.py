"""Import of OpenSID's resident sheet on PostgreSQL (run on demand).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai \\
        .venv/bin/python bench/penduduk_impor.py            # --rows 20000: the goal below

Creates a throw-away database (test_<name>) with the real Purbalingga regions, generates a
synthetic village of --rows residents (families, valid NIKs; balai.penduduk.synth) as CSV and
XLSX, then runs, each in a fresh process so its peak memory is its own:

  baseline  csv module parse + COPY of the same rows into a plain table (what the machine can do)
  bulk_create  the naive way: csv module, no checks, Django bulk_create into the register
  csv       the real import of the CSV into an empty register (check + write, all inserts)
  csv-ulang the same CSV again: every row matched by NIK (unchanged rows are not rewritten)
  xlsx      the real import of the XLSX into an empty register

and reports rows/s, the ratio to the baseline, the peak memory (ru_maxrss of the process, and
the Python heap peak from tracemalloc) and how long the import held the kabupaten's NIK lock
(from taking it to the commit). Results also go to bench/results/penduduk_impor.json.
Goal: a 20,000-resident village file, CSV and XLSX, checked and imported in under 10 s with a
peak under 300 MB (the default --rows); the last lines say whether each phase met it.
"""

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

SHOWCASE = "33.03.04.2006"  # Selakambang
GOAL_SECONDS, GOAL_MB = 10, 300


def _django():
    import django

    django.setup()


def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(workdir, rows, seed):
    """Write penduduk.csv and penduduk.xlsx with `rows` synthetic residents of Selakambang."""
    from faker import Faker
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from balai.penduduk.opensid import KOLOM
    from balai.penduduk.synth import Generator, opensid_row

    fake = Faker("id_ID")
    fake.seed_instance(seed)
    gen = Generator(random.Random(seed), fake)
    dusun = ["Krajan", "Karanganyar", "Kalibening", "Sidamulya", "Pesantren", "Gunungsari"]
    places = [(d, i * 3 + rw + 1, rt) for i, d in enumerate(dusun) for rw in range(3) for rt in range(1, 7)]
    csv_path, xlsx_path = workdir / "penduduk.csv", workdir / "penduduk.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("penduduk")
    ws.append(KOLOM)
    date_cols = [
        KOLOM.index(c) for c in ("tanggallahir", "tanggal_akhir_paspor", "tanggalperkawinan", "tanggalperceraian")
    ]
    n = 0
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(KOLOM)
        for row in gen.penduduk("330304", places, rows):
            if n >= rows:
                break
            w.writerow(opensid_row(row))
            cells = opensid_row(row, untuk_excel=True)
            for i in date_cols:
                if cells[i]:
                    cell = WriteOnlyCell(ws, value=cells[i])
                    cell.number_format = "DD-MM-YYYY"
                    cells[i] = cell
            ws.append(cells)
            n += 1
    wb.save(xlsx_path)
    return n, csv_path, xlsx_path


def phase_baseline(csv_path):
    """csv parse + COPY into an unindexed table of text columns."""
    from django.db import connection

    from balai.penduduk.opensid import KOLOM

    cols = ", ".join(f"{c} text" for c in KOLOM)
    start = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_baseline")
        cur.execute(f"CREATE UNLOGGED TABLE bench_baseline ({cols})")
        with open(csv_path, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            next(reader)
            n = 0
            with cur.cursor.copy(f"COPY bench_baseline ({', '.join(KOLOM)}) FROM STDIN") as copy:
                for row in reader:
                    copy.write_row(row)
                    n += 1
        cur.execute("DROP TABLE bench_baseline")
    return n, time.perf_counter() - start


def phase_bulk_create(csv_path):
    """The naive way: csv module, minimal conversion, no checks, Django bulk_create."""
    import datetime

    from django.db import connection, transaction
    from django_scopes import scope

    from balai.penduduk.models import Penduduk
    from balai.penduduk.opensid import FIELD, KODE_KOLOM, KOLOM, TANGGAL_KOLOM
    from balai.wilayah.models import Desa

    desa = Desa.objects.get(kode=SHOWCASE)
    with connection.cursor() as cur:
        cur.execute("TRUNCATE penduduk_peristiwa, penduduk_penduduk, penduduk_keluarga CASCADE")
    convert = {}
    for name in KOLOM:
        if name in KODE_KOLOM:
            convert[name] = lambda v: int(v) if v else None
        elif name in TANGGAL_KOLOM:
            convert[name] = lambda v: datetime.datetime.strptime(v, "%d-%m-%Y").date() if v else None
        elif name == "hamil":
            convert[name] = lambda v: v == "1"
        elif name in ("lat", "lng"):
            convert[name] = lambda v: v or None
        else:
            convert[name] = lambda v: v
    start = time.perf_counter()
    n = 0
    with scope(desa=desa), transaction.atomic(), open(csv_path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        batch = []
        for row in reader:
            values = {FIELD[k]: convert[k](v) for k, v in zip(header, row, strict=True) if k in FIELD}
            # No KKs here, and a family head must have one (a database rule): heads go in as
            # "lainnya", which costs the same.
            if values.get("shdk") == 1:
                values["shdk"] = 11
            batch.append(Penduduk(desa=desa, **values))
            n += 1
            if len(batch) == 2000:
                Penduduk.objects.bulk_create(batch)
                batch = []
        Penduduk.objects.bulk_create(batch)
    elapsed = time.perf_counter() - start
    with connection.cursor() as cur:
        cur.execute("TRUNCATE penduduk_penduduk CASCADE")
    return n, elapsed


def phase_import(path, *, kosongkan):
    from django.core.files import File
    from django.db import connection
    from django_scopes import scope

    from balai.penduduk import impor
    from balai.penduduk.models import ImporPenduduk
    from balai.wilayah.models import Desa

    desa = Desa.objects.select_related("kecamatan").get(kode=SHOWCASE)
    if kosongkan:
        with connection.cursor() as cur:
            cur.execute("TRUNCATE penduduk_peristiwa, penduduk_penduduk, penduduk_keluarga CASCADE")
    from django.db import transaction

    kunci = {}
    asli = impor.writer.kunci_dan_periksa_ulang

    def kunci_dan_periksa_ulang(state):
        # The lock is held from here until the transaction commits.
        kunci["mulai"] = time.perf_counter()
        transaction.on_commit(lambda: kunci.setdefault("selesai", time.perf_counter()))
        return asli(state)

    impor.writer.kunci_dan_periksa_ulang = kunci_dan_periksa_ulang
    with scope(desa=desa):
        job = ImporPenduduk(desa=desa, nama_berkas=path.name, mode=ImporPenduduk.Mode.SEMUA)
        with open(path, "rb") as fh:
            job.berkas.save(path.name, File(fh), save=False)
        job.save()
        start = time.perf_counter()
        impor.jalankan(job)
        elapsed = time.perf_counter() - start
        job.berkas.delete(save=False)
    if job.status != ImporPenduduk.Status.SELESAI or job.jumlah_galat:
        raise SystemExit(f"import failed: {job.pesan} {job.galat[:5]}")
    extra = {
        "baru": job.jumlah_baru,
        "diubah": job.jumlah_diubah,
        "nik_lock_ms": round(1000 * (kunci["selesai"] - kunci["mulai"]), 1),
    }
    return job.jumlah_baru + job.jumlah_diubah, elapsed, extra


def run_phase(args):
    """Child process: one phase, results as JSON on stdout."""
    _django()
    if args.tracemalloc:
        tracemalloc.start()
    path = Path(args.path)
    if args.phase == "baseline":
        n, elapsed = phase_baseline(path)
        extra = {}
    elif args.phase == "bulk_create":
        n, elapsed = phase_bulk_create(path)
        extra = {}
    else:
        n, elapsed, extra = phase_import(path, kosongkan=args.phase != "csv-ulang")
    peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else 0
    print(
        json.dumps(
            {
                "phase": args.phase,
                "rows": n,
                "seconds": round(elapsed, 3),
                "rows_per_s": round(n / elapsed),
                "peak_rss_mb": round(_rss_mb(), 1),
                "python_heap_peak_mb": round(peak / 2**20, 1) if args.tracemalloc else None,
                **extra,
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--rounds", type=int, default=1, help="run every phase this many times; the summary shows medians"
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace the Python heap (slows the import, so rows/s drop)"
    )
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        return run_phase(args)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL=postgres://... (the benchmark measures PostgreSQL).")
    _django()
    from django.db import connection

    from balai.wilayah.services import load_wilayah

    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        load_wilayah()
        connection.close()
        env = dict(os.environ, DATABASE_URL=os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + test_db)
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            t = time.perf_counter()
            rows, csv_path, xlsx_path = generate(workdir, args.rows, args.seed)
            print(
                f"generated {rows} rows in {time.perf_counter() - t:.1f}s: "
                f"csv {csv_path.stat().st_size / 2**20:.1f} MB, xlsx {xlsx_path.stat().st_size / 2**20:.1f} MB",
                flush=True,
            )
            results = []
            for _round in range(args.rounds):
                for phase, path in (
                    ("baseline", csv_path),
                    ("bulk_create", csv_path),
                    ("csv", csv_path),
                    ("csv-ulang", csv_path),
                    ("xlsx", xlsx_path),
                ):
                    out = subprocess.run(
                        [sys.executable, __file__, "--phase", phase, "--path", str(path)]
                        + (["--tracemalloc"] if args.tracemalloc else []),
                        env=env,
                        capture_output=True,
                        text=True,
                    )
                    if out.returncode:
                        raise SystemExit(f"phase {phase} failed:\n{out.stderr[-3000:]}")
                    result = json.loads(out.stdout.strip().splitlines()[-1])
                    results.append(result)
                    print(json.dumps(result), flush=True)
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)
    # Ratios are taken within each round (against that round's baselines), then the median
    # over the rounds: load drifting on a shared machine weighs on both sides of a ratio.
    rounds = [results[i : i + 5] for i in range(0, len(results), 5)]
    print()
    if len(rounds) > 1:
        print(f"median of {len(rounds)} rounds (peak RSS: the highest)")
    print(
        f"{'phase':<12} {'rows/s':>9} {'seconds':>8} {'× COPY':>8} {'× bulk_create':>14} {'peak RSS MB':>12} "
        f"{'py heap MB':>11}"
    )
    for i, name in enumerate(r["phase"] for r in rounds[0]):
        per_round = [rnd[i] for rnd in rounds]
        rate = statistics.median(r["rows_per_s"] for r in per_round)
        x_copy = statistics.median(rnd[i]["rows_per_s"] / rnd[0]["rows_per_s"] for rnd in rounds)
        x_naive = statistics.median(rnd[i]["rows_per_s"] / rnd[1]["rows_per_s"] for rnd in rounds)
        rss = max(r["peak_rss_mb"] for r in per_round)
        heaps = [r["python_heap_peak_mb"] for r in per_round if r["python_heap_peak_mb"] is not None]
        heap = f"{max(heaps):.0f}" if heaps else "-"
        seconds = statistics.median(r["seconds"] for r in per_round)
        print(f"{name:<12} {rate:>9,.0f} {seconds:>8.2f} {x_copy:>8.2f} {x_naive:>14.2f} {rss:>12.0f} {heap:>11}")
    print()
    print(f"goal: {rows:,} rows checked and imported in < {GOAL_SECONDS} s, peak RSS < {GOAL_MB} MB")
    for name in ("csv", "xlsx"):
        worst = max((r for r in results if r["phase"] == name), key=lambda r: r["seconds"])
        ok = worst["seconds"] < GOAL_SECONDS and worst["peak_rss_mb"] < GOAL_MB
        print(
            f"  {name:<5} {worst['seconds']:6.2f} s, {worst['peak_rss_mb']:5.0f} MB, "
            f"NIK lock held {worst['nik_lock_ms']:.0f} ms: {'met' if ok else 'NOT MET'} (slowest round)"
        )
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "penduduk_impor.json").write_text(json.dumps({"rows": rows, "results": results}, indent=2))


if __name__ == "__main__":
    main()
