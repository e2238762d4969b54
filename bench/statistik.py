"""Benchmark of the population statistics on a synthetic kabupaten (PostgreSQL only).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_bench \\
        .venv/bin/python bench/statistik.py --penduduk 1000000

Builds (or reuses, with --pakai-data) the 239 villages of Purbalingga with `--penduduk`
residents in whole families with valid NIKs (balai.penduduk.synth), loaded with COPY: one
village of `--besar` residents (default 50,000), one of `--kecil` (500, the baseline), one of
`--sedang` (3,000, for the PDF of the Buku Induk) and the rest spread evenly. Then measures,
through the real views (middleware, scope, templates), the village statistics pages of the
big and the small village for every dimension, the public page uncached and cached, the
kecamatan and kabupaten aggregates, and a bare COUNT(*) over the big village as the floor.
Times are medians of --ulang runs; ratios are against the small village and the COUNT(*).

The database named by DATABASE_URL is migrated and its residents are REPLACED: never point
this at a database you care about.
"""

import argparse
import io
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Production settings with plain static files (no collectstatic manifest needed).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings_test")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--penduduk", type=int, default=100_000, help="residents in the kabupaten (default 100,000)")
    parser.add_argument("--besar", type=int, default=50_000, help="residents of the big village")
    parser.add_argument("--kecil", type=int, default=500, help="residents of the baseline village")
    parser.add_argument("--sedang", type=int, default=3_000, help="residents of the village whose books are printed")
    parser.add_argument("--ulang", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--pakai-data", action="store_true", help="reuse the residents already loaded")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/statistik.py needs PostgreSQL: set DATABASE_URL=postgres://...")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from balai.wilayah.models import Desa

    if not Desa.objects.exists():
        call_command("load_wilayah", verbosity=0)
    villages = list(Desa.objects.select_related("kecamatan").order_by("kode"))
    besar, kecil, sedang = villages[0], villages[1], villages[2]
    if not args.pakai_data:
        t0 = time.perf_counter()
        n = muat(villages, besar=besar, kecil=kecil, sedang=sedang, args=args)
        dt = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"Loaded {n:,} residents in {dt:.1f} s ({n / dt:,.0f} rows/s), peak RSS {peak:.0f} MB")
    ukur(besar=besar, kecil=kecil, sedang=sedang, args=args)


# --- loading ---------------------------------------------------------------------------------


def _tempat(desa, n_dusun, n_rw, n_rt):
    """Dusun/RW/RT for one village; returns [((dusun name, rw no, rt no), (dusun_id, rw_id, rt_id))]."""
    from balai.wilayah.models import RT, RW, Dusun

    dusun = Dusun.objects.bulk_create([Dusun(desa=desa, nama=f"Dusun {i + 1}") for i in range(n_dusun)])
    rws = RW.objects.bulk_create(
        [RW(desa=desa, dusun=d, nomor=i * n_rw + j + 1) for i, d in enumerate(dusun) for j in range(n_rw)]
    )
    rts = RT.objects.bulk_create([RT(desa=desa, rw=rw, nomor=k + 1) for rw in rws for k in range(n_rt)])
    return [((rt.rw.dusun.nama, rt.rw.nomor, rt.nomor), (rt.rw.dusun_id, rt.rw_id, rt.pk)) for rt in rts]


def muat(villages, *, besar, kecil, sedang, args):
    from django.db import connection, transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from balai.penduduk.models import Keluarga, Penduduk, Peristiwa, RumahTangga
    from balai.penduduk.synth import TEMPAT, Generator
    from balai.wilayah.models import RT, RW, Dusun

    rng = random.Random(args.seed)
    gen = Generator(rng)
    rest = [v for v in villages if v not in (besar, kecil, sedang)]
    remaining = max(0, args.penduduk - args.besar - args.kecil - args.sedang)
    target = {besar.pk: args.besar, kecil.pk: args.kecil, sedang.pk: args.sedang}
    for v in rest:
        target[v.pk] = remaining // len(rest)

    pmeta, kmeta = Penduduk._meta, Keluarga._meta
    sample = next(gen.penduduk("330301", [("Dusun 1", 1, 1)], 1))
    fields = [k for k in sample if k not in TEMPAT]
    pcols = [pmeta.get_field(f).column for f in fields]
    pcols += ["id", "desa_id", "keluarga_id", "dusun_id", "rw_id", "rt_id", "status_penduduk", "dibuat", "diperbarui"]
    kcols = [
        "id",
        "desa_id",
        "no_kk",
        "alamat",
        "tanggal_cetak_kk",
        "dusun_id",
        "rw_id",
        "rt_id",
        "dibuat",
        "diperbarui",
    ]
    now = timezone.now()
    total = 0
    with scopes_disabled(), transaction.atomic():
        cur = connection.cursor()
        for model in (Peristiwa, Penduduk, RumahTangga, Keluarga, RT, RW, Dusun):
            cur.execute(f"TRUNCATE {model._meta.db_table} CASCADE")
        raw = cur.cursor
        next_p = next_k = 1
        for i, desa in enumerate(villages):
            n = target[desa.pk]
            size = max(1, n // 2000)  # about 2,000 residents per dusun
            tempat = _tempat(desa, size, 2, 4 if n > 1000 else 2)
            by_key = dict(tempat)
            prefix = desa.kode.replace(".", "")[:6]
            families = {}
            people = []
            for row in gen.penduduk(prefix, [k for k, _ in tempat], n):
                dusun_id, rw_id, rt_id = by_key[(row["dusun"], row["rw"], row["rt"])]
                kk = families.get(row["no_kk"])
                if kk is None:
                    kk = families[row["no_kk"]] = (
                        next_k,
                        row["alamat"],
                        row["tanggal_cetak_kk"],
                        dusun_id,
                        rw_id,
                        rt_id,
                    )
                    next_k += 1
                people.append(
                    (
                        *(row[f] for f in fields),
                        next_p,
                        desa.pk,
                        kk[0],
                        dusun_id,
                        rw_id,
                        rt_id,
                        1,
                        now,
                        now,
                    )
                )
                next_p += 1
            with raw.copy(f"COPY {kmeta.db_table} ({', '.join(kcols)}) FROM STDIN") as kcopy:
                for no_kk, (pk, alamat, cetak, dusun_id, rw_id, rt_id) in families.items():
                    kcopy.write_row((pk, desa.pk, no_kk, alamat, cetak, dusun_id, rw_id, rt_id, now, now))
            with raw.copy(f"COPY {pmeta.db_table} ({', '.join(pcols)}) FROM STDIN") as pcopy:
                for values in people:
                    pcopy.write_row(values)
            total += len(people)
            if i % 40 == 0:
                print(f"  {i + 1}/{len(villages)} villages, {total:,} residents", flush=True)
        for model in (Keluarga, Penduduk):
            table = model._meta.db_table
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return total


# --- measuring -------------------------------------------------------------------------------


def _median_ms(fn, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _client(desa=None, *, peran):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from balai.akun.models import User

    username = f"bench-{peran}-{desa.slug if desa else 'kab'}"
    user = User.objects.filter(username=username).first()
    if user is None:
        kab = (desa.kecamatan.kabupaten if desa else None) or _kabupaten()
        user = User.objects.create(
            username=username,
            kabupaten=kab,
            kecamatan=desa.kecamatan if desa and peran != "admin_kabupaten" else None,
            desa=desa if peran not in ("operator_kecamatan", "admin_kabupaten") else None,
        )
        user.keanggotaan.create(peran=peran)
    client = Client(HTTP_HOST=f"{desa.slug}.localhost" if desa and peran != "admin_kabupaten" else "localhost")
    client.force_login(user)
    if user.wajib_2fa:
        device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
            user=user, name="bench", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _kabupaten():
    from balai.wilayah.models import Kabupaten

    return Kabupaten.objects.get()


def _get(client, path, *, host=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    extra = {"HTTP_HOST": host} if host else {}
    with CaptureQueriesContext(connection) as q:
        r = client.get(path, **extra)
    assert r.status_code == 200, (path, r.status_code)
    return len(q)


def ukur(*, besar, kecil, sedang, args):
    from django.core.cache import cache
    from django.db import connection
    from django_scopes import scope
    from pypdf import PdfReader

    from balai.penduduk.models import Penduduk
    from balai.statistik import selectors
    from balai.statistik.dimensi import untuk

    runs = args.ulang
    from balai.penduduk import kode

    kode.semua()  # the reference codes are read once per process; not part of any page
    with scope(desa=[besar.pk, kecil.pk]):
        n_besar = Penduduk.objects.filter(desa=besar, status_dasar=1).count()
        n_kecil = Penduduk.objects.filter(desa=kecil, status_dasar=1).count()
    n_total = Penduduk._base_manager.count()
    print(f"\nKabupaten: {n_total:,} residents. Big village {besar}: {n_besar:,}; small {kecil}: {n_kecil:,}.\n")

    def count_star():
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM penduduk_penduduk WHERE desa_id = %s AND status_dasar = 1", [besar.pk])
            c.fetchone()

    floor = _median_ms(count_star, runs)
    print(f"Floor: SELECT COUNT(*) over the big village: {floor:.1f} ms\n")

    cb, ck = _client(besar, peran="operator_desa"), _client(kecil, peran="operator_desa")
    print(f"{'dimension':<20} {'big ms':>8} {'small ms':>9} {'ratio':>6} {'x COUNT':>8} {'queries':>8}")
    all_big = all_small = 0.0
    rows = []
    for dim in untuk("desa"):
        path = f"/admin-desa/statistik/?d={dim.key}"
        qb = _get(cb, path)
        qk = _get(ck, path)
        tb = _median_ms(lambda path=path: cb.get(path), runs)
        tk = _median_ms(lambda path=path: ck.get(path), runs)
        all_big += tb
        all_small += tk
        rows.append((dim.key, tb, tk, qb, qk))
        print(f"{dim.key:<20} {tb:8.1f} {tk:9.1f} {tb / tk:6.2f} {tb / floor:8.1f} {qb:>4}/{qk:<3}")
    print(
        f"{'ALL (sum)':<20} {all_big:8.1f} {all_small:9.1f} {all_big / all_small:6.2f} {all_big / floor:8.1f}"
        f"   (queries: same count for both villages: {all(r[3] == r[4] for r in rows)})"
    )
    worst = max(rows, key=lambda r: r[1])
    print(
        f"Slowest single page: {worst[0]} {worst[1]:.1f} ms; median page {statistics.median(r[1] for r in rows):.1f} ms"
    )

    # Public page: uncached (cache cleared before each run) and cached.
    from django.test import Client

    pub_b, pub_k = Client(HTTP_HOST=f"{besar.slug}.localhost"), Client(HTTP_HOST=f"{kecil.slug}.localhost")

    def uncached(client, path):
        cache.clear()
        client.get(path)

    for d in ("umur", "pekerjaan", "cacat"):
        path = f"/statistik/?d={d}"
        tb = _median_ms(lambda path=path: uncached(pub_b, path), runs)
        tk = _median_ms(lambda path=path: uncached(pub_k, path), runs)
        cache.clear()
        qb = _get(pub_b, path)
        tc = _median_ms(lambda path=path: pub_b.get(path), runs)
        print(f"public {path:<24} uncached big {tb:6.1f} ms, small {tk:6.1f} ms, queries {qb}; cached {tc:5.1f} ms")

    # Region aggregates (selectors; the kecamatan of the big village, and the whole kabupaten).
    for dim in ("umur", "pekerjaan", "agama"):
        tkec = _median_ms(lambda dim=dim: selectors.penduduk_stats(kecamatan=besar.kecamatan, dimensi=dim), runs)
        tkab = _median_ms(lambda dim=dim: selectors.penduduk_stats(kabupaten=_kabupaten(), dimensi=dim), runs)
        tper = _median_ms(
            lambda dim=dim: (cache.clear(), selectors.per_desa(kabupaten=_kabupaten(), dimensi=dim)),
            max(1, runs // 2),
        )
        print(
            f"aggregate {dim:<10} kecamatan {tkec:7.1f} ms, kabupaten {tkab:7.1f} ms,"
            f" per-village kabupaten {tper:7.1f} ms"
        )
    ckab = _client(None, peran="admin_kabupaten")
    for d in ("agama", "umur"):
        path = f"/dasbor/statistik/?d={d}"
        cache.clear()
        t0 = time.perf_counter()
        q = _get(ckab, path)
        t = (time.perf_counter() - t0) * 1000
        tc = _median_ms(lambda path=path: ckab.get(path), runs)
        print(f"kabupaten page {path}: first {t:.1f} ms ({q} queries), within the 5-minute cache {tc:.1f} ms")

    # Books of the medium village.
    cs = _client(sedang, peran="operator_desa")
    with scope(desa=sedang):
        n_sedang = Penduduk.objects.filter(desa=sedang, status_dasar=1).count()
    for slug in ("induk", "ktp-kk"):
        # Long books go to a background task; the bench's settings run tasks inline.
        t0 = time.perf_counter()
        r = cs.get(f"/admin-desa/laporan/{slug}/?format=pdf")
        if r.status_code == 302:
            r = cs.get(r["Location"] + "?ambil=1")
        dt = time.perf_counter() - t0
        pages = len(PdfReader(io.BytesIO(r.content)).pages)
        size = len(r.content) / 1e6
        print(f"PDF {slug} of {sedang} ({n_sedang:,} residents): {dt:.1f} s, {size:.1f} MB, {pages} pages")
        t0 = time.perf_counter()
        r = cs.get(f"/admin-desa/laporan/{slug}/?format=xlsx")
        size = sum(len(c) for c in r.streaming_content)
        print(f"XLSX {slug}: {time.perf_counter() - t0:.2f} s, {size / 1e6:.1f} MB")
    print(f"\nPeak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
