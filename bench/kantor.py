"""Benchmark of the back office under gunicorn (2 workers) on PostgreSQL: the pages operators
use most, with 16 operators of one village signed in at once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_bench .venv/bin/python bench/kantor.py

Loads (once; later runs reuse it, `--muat-ulang` loads again) the 239 villages of Purbalingga
with one village of `--besar` residents (default 50,000) and one of `--kecil` (5,000), in whole
families with valid NIKs (balai.penduduk.synth, COPY, as bench/statistik.py does), plus articles.
Creates 16 operators per village, an operator of their kecamatan and an admin kabupaten, and
signs them in by writing their sessions (2FA marked verified with a TOTP device, as django-otp
does after a code). Starts `gunicorn -w 2` with bench/settings.py and measures, with
`--concurrency` clients each holding its own operator's session, requests/s and p50/p95 of:

- the bare view (baseline: no database or template work, a static page as big as the resident
  list, behind the same middleware) on the village host;
- per village: the resident list (plain, filtered by dusun, searched by name and by NIK through
  the list's htmx filter form, the last page), the KK list, a resident's detail, the statistics
  page, the village dashboard, the article list and the import page;
- the kecamatan and kabupaten dashboards.

`--cpu N` measures instead, in this process, the median CPU time of N requests per page through
the whole stack and its queries: figures that load from other programs moves far less.

Every row runs in every round (order reversed every other round). The database named by
DATABASE_URL has its residents REPLACED on the first run: use a throw-away database."""

import argparse
import math
import multiprocessing
import os
import secrets
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

from bench.website import start_gunicorn, summarise  # noqa: E402

OPERATORS = 16
CSRF = "benchcsrfsecretbenchcsrfsecret32"  # a 32-character CSRF secret, sent as cookie and header


def bench_user(username, peran, *, kabupaten, **fields):
    """A staff account holding the role `peran` (created once, reused by later runs)."""
    from balai.akun.models import Keanggotaan, User

    u, dibuat = User.objects.get_or_create(username=username, defaults={**fields, "kabupaten": kabupaten})
    if dibuat:
        Keanggotaan.objects.create(user=u, peran=peran)
    return u


def signed_in_session(u):
    """The key of a new session signed in as `u`, 2FA verified as django-otp marks it after a
    code (the 2FA roles get a TOTP device first)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    s = SessionStore()
    s[SESSION_KEY] = str(u.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = u.get_session_auth_hash()
    if u.wajib_2fa:
        device = TOTPDevice.objects.filter(user=u).first() or TOTPDevice.objects.create(
            user=u, name="bench", confirmed=True
        )
        s[DEVICE_ID_SESSION_KEY] = device.persistent_id
    s.create()
    return s.session_key


def prepare(args):
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from balai.penduduk.models import Keluarga, Penduduk
    from balai.website.models import Artikel
    from balai.wilayah.models import Desa, Dusun
    from bench.statistik import muat

    call_command("migrate", verbosity=0)
    if not Desa.objects.exists():
        call_command("load_wilayah", verbosity=0)
    villages = list(Desa.objects.select_related("kecamatan__kabupaten").order_by("kode"))
    besar, kecil, sedang = villages[0], villages[1], villages[2]
    with scopes_disabled():
        # Whole families: a village holds its target or a few residents more.
        loaded = args.besar <= Penduduk.objects.filter(desa=besar).count() < args.besar + 20
        loaded = loaded and args.kecil <= Penduduk.objects.filter(desa=kecil).count() < args.kecil + 20
    if args.muat_ulang or not loaded:
        t0 = time.perf_counter()
        opts = SimpleNamespace(seed=1, penduduk=args.besar + args.kecil + 500, besar=args.besar, kecil=args.kecil)
        opts.sedang = 500
        n = muat(villages, besar=besar, kecil=kecil, sedang=sedang, args=opts)
        # As autovacuum leaves a table in production: right after COPY the visibility map is
        # empty, and an index-only scan (the name search) reads every heap row anyway.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE penduduk_penduduk")
        print(f"Loaded {n:,} residents in {time.perf_counter() - t0:.0f} s", flush=True)
    cache.clear()
    now = timezone.now()
    with scopes_disabled():
        for desa in (besar, kecil):
            if not Artikel.objects.filter(desa=desa).exists():
                Artikel.objects.bulk_create(
                    Artikel(
                        desa=desa,
                        judul=f"Kabar kegiatan warga nomor {i}",
                        slug=f"kabar-kegiatan-warga-{i}",
                        ringkasan="Warga bergotong royong membersihkan lingkungan.",
                        isi="<p>Warga bergotong royong membersihkan lingkungan dan saluran air.</p>" * 8,
                        status=Artikel.Status.TERBIT,
                        terbit_pada=now - timezone.timedelta(hours=i + 1),
                    )
                    for i in range(300)
                )

        def user(username, peran, **fields):
            return bench_user(username, peran, kabupaten=besar.kecamatan.kabupaten, **fields)

        session = signed_in_session

        info = {}
        for key, desa in (("besar", besar), ("kecil", kecil)):
            ops = [
                user(f"bench-op-{desa.slug}-{i}", peran="operator_desa", kecamatan=desa.kecamatan, desa=desa)
                for i in range(OPERATORS)
            ]
            hidup = Penduduk.objects.filter(desa=desa, status_dasar=1)
            contoh = hidup.order_by("id")[len(ops) * 7]
            info[key] = {
                "desa": desa,
                "sessions": [session(u) for u in ops],
                "hidup": hidup.count(),
                "keluarga": Keluarga.objects.filter(desa=desa).count(),
                "dusun": Dusun.objects.filter(desa=desa).order_by("nama").first().pk,
                "penduduk": contoh.pk,
                "nik": contoh.nik,
                "nama": contoh.nama.split()[0][:4].lower(),
            }
        kec = user("bench-kec", peran="operator_kecamatan", kecamatan=besar.kecamatan)
        kab = user("bench-kab", peran="admin_kabupaten")
        info["kec"] = {"slug": besar.kecamatan.slug, "sessions": [session(kec)] * OPERATORS}
        info["kab"] = {"sessions": [session(kab)] * OPERATORS}
    return info


def _request(port, host, method, path, session, htmx, body=None):
    import http.client

    headers = {"Host": host, "Cookie": f"sessionid={session}; csrftoken={CSRF}"}
    if htmx:
        headers["HX-Request"] = "true"
    if method == "POST":
        headers.update({"X-CSRFToken": CSRF, "Content-Type": "application/x-www-form-urlencoded"})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _client(job):
    port, (host, method, path, body, htmx), session, duration = job
    latencies, errors = [], 0
    end = time.perf_counter() + duration
    while time.perf_counter() < end:
        start = time.perf_counter()
        status, _ = _request(port, host, method, path, session, htmx, body)
        latencies.append((time.perf_counter() - start) * 1000)
        errors += status != 200
    return latencies, errors


def pages(info, size):
    from urllib.parse import urlencode

    rows = [("bare view (baseline)", "besar", (None, "GET", f"/bench/bare/?bytes={size}", None, False))]
    for key, label in (("kecil", f"{info['kecil']['hidup']:,}"), ("besar", f"{info['besar']['hidup']:,}")):
        v = info[key]
        host = f"{v['desa'].slug}.localhost"
        last = math.ceil(v["hidup"] / 50)
        for name, method, path, body, htmx in (
            ("penduduk list", "GET", "/admin-desa/penduduk/", None, False),
            ("penduduk, dusun", "GET", f"/admin-desa/penduduk/?dusun={v['dusun']}", None, False),
            ("penduduk, search name", "POST", "/admin-desa/penduduk/", urlencode({"q": v["nama"]}), True),
            ("penduduk, search NIK", "POST", "/admin-desa/penduduk/", urlencode({"q": v["nik"]}), True),
            ("penduduk, last page", "GET", f"/admin-desa/penduduk/?hal={last}", None, False),
            ("keluarga list", "GET", "/admin-desa/penduduk/keluarga/", None, False),
            ("penduduk detail", "GET", f"/admin-desa/penduduk/{v['penduduk']}/", None, False),
            ("statistik", "GET", "/admin-desa/statistik/", None, False),
            ("village dashboard", "GET", "/admin-desa/", None, False),
            ("article list", "GET", "/admin-desa/artikel/", None, False),
            ("import page", "GET", "/admin-desa/penduduk/impor/", None, False),
        ):
            rows.append((f"{label}: {name}", key, (host, method, path, body, htmx)))
    rows.append(
        ("kecamatan dashboard", "kec", (f"kec-{info['kec']['slug']}.localhost", "GET", "/dasbor/", None, False))
    )
    rows.append(("kabupaten dashboard", "kab", ("localhost", "GET", "/dasbor/", None, False)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--besar", type=int, default=50_000, help="residents of the big village")
    parser.add_argument("--kecil", type=int, default=5_000, help="residents of the small village")
    parser.add_argument("--duration", type=float, default=4.0, help="seconds per row and round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=OPERATORS)
    parser.add_argument("--port", type=int, default=8812)
    parser.add_argument("--only", default="", help="measure only rows whose name contains this text")
    parser.add_argument("--muat-ulang", action="store_true", help="load the residents again")
    parser.add_argument(
        "--cpu", type=int, default=0, help="instead: N requests per page in this process, median CPU ms and queries"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL=postgres://... (the benchmark runs on PostgreSQL).")
    info = prepare(args)
    if args.cpu:
        return cpu(info, args)
    proc = start_gunicorn(args.port)
    try:
        v = info["besar"]
        first = _request(
            args.port, f"{v['desa'].slug}.localhost", "GET", "/admin-desa/penduduk/", v["sessions"][0], False
        )
        if first[0] != 200:
            raise SystemExit(f"the resident list answered {first[0]}: {first[1][:300]!r}")
        rows = [
            r
            for r in pages(info, len(first[1]))
            if not args.only or args.only in r[0] or r[1] == "besar" and r[0].startswith("bare")
        ]
        collected = run_rounds(rows, info, args)
    finally:
        proc.terminate()
        proc.wait(10)
    report(collected, info, len(first[1]), args)


def cpu(info, args):
    """Each page through the whole stack in this process (Django's test client, the same
    sessions): median CPU time of the process (time.process_time, which load from other
    programs on the machine barely moves, unlike wall time) and the queries of one request."""
    import statistics
    from urllib.parse import parse_qsl

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    first = info["besar"]
    size = len(_request_in_process(Client(), f"{first['desa'].slug}.localhost", first["sessions"][0]).content)
    print(f"\n{'page':40} {'CPU ms':>7} {'x bare':>7} {'queries':>7}")
    base = None
    for name, key, (host, method, path, body, htmx) in pages(info, size):
        if args.only and args.only not in name and not name.startswith("bare"):
            continue
        host = host or f"{info[key]['desa'].slug}.localhost"
        client = Client()
        client.cookies["sessionid"] = info[key]["sessions"][0]
        client.cookies["csrftoken"] = CSRF
        extra = {"HTTP_HOST": host, "HTTP_X_CSRFTOKEN": CSRF}
        if htmx:
            extra["HTTP_HX_REQUEST"] = "true"
        data = dict(parse_qsl(body)) if body else None
        call = (
            (lambda c=client, p=path, d=data, e=extra: c.post(p, d, **e))
            if method == "POST"
            else (lambda c=client, p=path, e=extra: c.get(p, **e))
        )
        for _ in range(3):
            assert call().status_code == 200, name
        times = []
        for _ in range(args.cpu):
            start = time.process_time()
            call()
            times.append((time.process_time() - start) * 1000)
        with CaptureQueriesContext(connection) as q:
            call()
        ms = statistics.median(times)
        base = base or ms
        print(f"{name:40} {ms:7.2f} {ms / base:7.1f} {len(q):7d}")


def _request_in_process(client, host, session):
    client.cookies["sessionid"] = session
    return client.get("/admin-desa/penduduk/", HTTP_HOST=host)


def run_rounds(rows, info, args):
    collected = {name: ([], 0) for name, *_ in rows}
    with multiprocessing.Pool(args.concurrency) as pool:
        for n in range(args.rounds):
            for name, key, (host, *rest) in rows if n % 2 == 0 else rows[::-1]:
                host = host or f"{info[key]['desa'].slug}.localhost"
                sessions = info[key]["sessions"]
                target = (host, *rest)
                _client((args.port, target, sessions[0], 0.3))  # warm up caches and connections
                method, path, body, htmx = rest
                for session in dict.fromkeys(sessions[1:]):  # and what is kept per operator
                    _request(args.port, host, method, path, session, htmx, body)
                jobs = [
                    (args.port, target, sessions[i % len(sessions)], args.duration) for i in range(args.concurrency)
                ]
                results = pool.map(_client, jobs)
                lats = [lat for lats, _e in results for lat in lats]
                collected[name] = (collected[name][0] + lats, collected[name][1] + sum(e for _l, e in results))
    seconds = args.duration * args.rounds
    return [(name, summarise(lats, errors, seconds)) for name, (lats, errors) in collected.items()]


def report(rows, info, size, args):
    base = rows[0][1]["rps"]
    print(
        f"\nVillages of {info['kecil']['hidup']:,} and {info['besar']['hidup']:,} living residents; "
        f"resident list {size:,} bytes; gunicorn -w 2; {args.concurrency} operators; "
        f"{args.rounds} rounds x {args.duration:.0f} s per row\n"
    )
    print(f"{'page':40} {'req/s':>8} {'x bare':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}")
    for name, r in rows:
        print(f"{name:40} {r['rps']:8.0f} {r['rps'] / base:7.2f} {r['p50']:7.1f} {r['p95']:7.1f} {r['errors']:6d}")


if __name__ == "__main__":
    main()
