"""Benchmark of the Layanan Mandiri sign-in, in process, with the production Argon2id cost.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_mandiri_bench .venv/bin/python bench/mandiri.py

Loads the demo kabupaten (if absent), gives a resident of Desa Selakambang an account with a
known PIN, lifts the sign-in limits for this process only (so thousands of wrong PINs are not
locked out), then times each request through Django's full handler and middleware stack
(tenant lookup, sessions, CSRF, auth, CSP, ...) on the village host:

| row | what |
|---|---|
| bare view (baseline) | `/bench/bare/`: no database, no template, same middleware |
| sign-in page | GET /mandiri/masuk/ |
| sign-in, right PIN | POST NIK + PIN: one Argon2id verification, the session, one audit entry |
| sign-in, wrong PIN | POST with a wrong PIN: one Argon2id verification, the failure counted |
| sign-in, unknown NIK | POST with a NIK nobody has: a dummy Argon2id verification, counted alike |
| resident home page | GET /mandiri/ signed in |
| Argon2id verify alone | `pin.cocok` without any request: the floor of a sign-in |

Rows run interleaved in --rounds rounds (order reversed every other round) so load from
elsewhere on the machine weighs on all alike. Prints p50/p95 and the ratio of p50 to the bare
view's, and how many sign-ins per second one process can answer (1000 / p50)."""

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
VILLAGE = "selakambang"


def prepare():
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from balai.mandiri import services
    from balai.penduduk import kode
    from balai.penduduk.models import Penduduk
    from balai.wilayah.models import Desa

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        if not Penduduk.objects.filter(desa__slug=VILLAGE).exists():
            with open(os.devnull, "w") as quiet:
                call_command("seed_demo", seed=1, stdout=quiet)
        desa = Desa.objects.get(slug=VILLAGE)
        orang = Penduduk.objects.filter(desa=desa, status_dasar=kode.HIDUP).exclude(nik="").order_by("pk").first()
        _akun, pin = services.terbitkan_pin(desa=desa, actor=None, penduduk=orang)
    # This process only: no lockout while the same NIK fails thousands of times.
    settings.MANDIRI_GAGAL_PER_NIK = settings.MANDIRI_GAGAL_PER_ALAMAT = 10**9
    return orang.nik, pin


def rows(nik, pin):
    from django.test import Client
    from django_scopes import scopes_disabled

    from balai.mandiri import pin as pins
    from balai.mandiri.models import AkunWarga

    host = {"HTTP_HOST": f"{VILLAGE}.localhost"}
    signed_in = Client(**host)
    assert signed_in.post("/mandiri/masuk/", {"nik": nik, "pin": pin}).status_code == 302
    baru = "480613" if pin != "480613" else "593721"
    changed = signed_in.post("/mandiri/pin/", {"pin_lama": pin, "pin_baru": baru, "pin_baru_ulang": baru})
    assert changed.status_code == 302, "the first PIN could not be replaced"
    with scopes_disabled():
        hashed = AkunWarga.objects.get(penduduk__nik=nik, aktif=True).pin_hash
    wrong = "480614"

    def post(data, expect):
        def run():
            response = Client(**host).post("/mandiri/masuk/", data)
            assert response.status_code == expect, response.status_code

        return run

    def get(client, path):
        def run():
            assert client.get(path).status_code == 200

        return run

    anonymous = Client(**host)
    return [
        ("bare view (baseline)", get(anonymous, "/bench/bare/?bytes=3000")),
        ("sign-in page", get(anonymous, "/mandiri/masuk/")),
        ("sign-in, right PIN", post({"nik": nik, "pin": baru}, 302)),
        ("sign-in, wrong PIN", post({"nik": nik, "pin": wrong}, 200)),
        ("sign-in, unknown NIK", post({"nik": "3303049999990001", "pin": baru}, 200)),
        ("resident home page", get(signed_in, "/mandiri/")),
        ("Argon2id verify alone", lambda: pins.cocok(baru, hashed)),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=40, help="requests per row and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    nik, pin = prepare()
    from balai.mandiri.pin import PinHasher

    todo = rows(nik, pin)
    times = {name: [] for name, _run in todo}
    for n in range(args.rounds):
        for name, run in todo if n % 2 == 0 else todo[::-1]:
            run()  # warm
            for _ in range(args.requests):
                start = time.perf_counter()
                run()
                times[name].append((time.perf_counter() - start) * 1000)
    h = PinHasher
    print(f"\nArgon2id time_cost={h.time_cost} memory_cost={h.memory_cost} KiB parallelism={h.parallelism}; "
          f"{args.rounds} rounds x {args.requests} requests per row; in process, one thread\n")  # fmt: skip
    base = statistics.median(times["bare view (baseline)"])
    print(f"{'row':26} {'p50 ms':>8} {'p95 ms':>8} {'x bare':>8} {'per s':>7}")
    for name, lats in times.items():
        lats.sort()
        p50, p95 = statistics.median(lats), lats[int(len(lats) * 0.95) - 1]
        print(f"{name:26} {p50:8.1f} {p95:8.1f} {p50 / base:8.1f} {1000 / p50:7.1f}")


if __name__ == "__main__":
    main()
