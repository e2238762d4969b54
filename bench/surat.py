"""Letters: PDF render + signing per letter, and numbering under 50 concurrent signers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_surat_bench .venv/bin/python bench/surat.py

Migrates the database named by DATABASE_URL (PostgreSQL: the concurrency part needs row locks)
and sets up one village (Selakambang) with a resident, a kepala desa with an account, and the
letters it needs; the bench village's letters from earlier runs are removed first.

Part 1, one letter at a time (--ulang letters, after two warm-up rounds; p50 and p95 in ms):

  weasyprint      baseline: the finished letter HTML (kop, body, QR) through WeasyPrint only
  render          the letter HTML built from the template and the register, then WeasyPrint
  render+tte      the same, then signed (PAdES, the village key under the kabupaten authority)
  tandatangani    the whole signing service: row lock, number, frozen values, render, sign,
                  store the file, audit (what the kepala desa waits for after pressing the button)

Part 2, 50 threads at once (one database connection each), each signing --per-thread letters
(terbitkan=False: number, frozen values and audit, no PDF, so the lock is what is measured):

  baseline        each thread updates its own row in a transaction (no shared lock)
  penomoran       each thread signs letters, all taking numbers from one locked counter row

and prints numbers/s, ratios to the baseline and whether every number is distinct and
consecutive."""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
THREADS = 50


def setup():
    import django

    django.setup()
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from balai.akun.models import Keanggotaan, Peran, User
    from balai.penduduk.models import Penduduk
    from balai.penduduk.tests.factories import make_kk
    from balai.surat.models import PenghitungNomor, PesanSurat, Surat
    from balai.website.models import Perangkat
    from balai.wilayah.models import Desa
    from balai.wilayah.services import load_wilayah

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        load_wilayah()
        desa = Desa.objects.select_related("kecamatan__kabupaten").get(kode="33.03.04.2006")
        PesanSurat.objects.filter(desa=desa).delete()
        Surat.objects.filter(desa=desa, menggantikan__isnull=False).delete()
        Surat.objects.filter(desa=desa).delete()
        PenghitungNomor.objects.filter(desa=desa).delete()
        user, _ = User.objects.get_or_create(
            username="bench.kades.selakambang",
            defaults=dict(kabupaten=desa.kecamatan.kabupaten, kecamatan=desa.kecamatan, desa=desa),
        )
        Keanggotaan.objects.get_or_create(user=user, peran=Peran.KEPALA_DESA)
        kades = Perangkat.objects.filter(pengguna=user).first() or Perangkat.objects.create(
            desa=desa, nama="Budi Santoso", jabatan="Kepala Desa", pengguna=user
        )
        warga = Penduduk.objects.filter(desa=desa, nama="Sumarni Bench").first()
        if warga is None:
            warga = make_kk(desa, nama="Sumarni Bench", anggota=0)[1][0]
    return desa, user, kades, warga


def buat_surat(desa, warga, kades, n):
    from django_scopes import scope

    from balai.surat import services
    from balai.surat.models import Surat

    with scope(desa=desa):
        letters = [
            services.ajukan_permohonan(
                desa=desa,
                jenis="sktm",
                penduduk=warga,
                pemohon=None,
                lampiran={},
                kanal="kantor",
                isian={"penghasilan": "1250000", "jumlah_tanggungan": "3", "keperluan": "Keringanan biaya sekolah"},
            )  # fmt: skip
            for _ in range(n)
        ]
        Surat.objects.filter(pk__in=[s.pk for s in letters]).update(status="diverifikasi", penanda_tangan=kades)
        return list(Surat.objects.filter(pk__in=[s.pk for s in letters]).select_related("penduduk", "penanda_tangan"))


def _ms(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples) * 1000, p95 * 1000


def bagian_pdf(desa, user, kades, warga, ulang):
    from django_scopes import scope

    from balai.surat import isi, nomor, pdf, services

    letters = buat_surat(desa, warga, kades, ulang + 2)
    hasil = {}
    with scope(desa=desa):
        contoh = letters[0]
        html = isi.dokumen_html(contoh, nomor.pengaturan(desa))
        fases = {
            "weasyprint": lambda s: pdf.render_html(html),
            "render": lambda s: pdf.render(s),
            "render+tte": lambda s: pdf.tandatangani(s, pdf.render(s)),
        }
        for nama, fn in fases.items():
            for s in letters[:2]:
                fn(s)  # warm-up: fonts, the village key
            samples = []
            for s in letters[2:]:
                t = time.perf_counter()
                fn(s)
                samples.append(time.perf_counter() - t)
            hasil[nama] = _ms(samples)
        samples = []
        for s in letters:
            t = time.perf_counter()
            services.tandatangani_surat(surat=s, actor=user)
            samples.append(time.perf_counter() - t)
        hasil["tandatangani"] = _ms(samples[2:])
    return hasil


def _serentak(kerja):
    """Run kerja(i) in THREADS threads released together; seconds from release to last finish."""
    from django.db import connection

    barrier = threading.Barrier(THREADS + 1)
    errors = []

    def run(i):
        try:
            barrier.wait()
            kerja(i)
        except Exception as e:  # noqa: BLE001 - reported after the run
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - start


def bagian_nomor(desa, user, kades, warga, per_thread):
    from django.db import transaction
    from django_scopes import scope, scopes_disabled

    from balai.surat import services
    from balai.surat.models import PenghitungNomor, Surat

    with scopes_disabled():
        own = PenghitungNomor.objects.bulk_create(
            [PenghitungNomor(desa=desa, tahun=1900 + i, kunci="bench") for i in range(THREADS)]
        )

    def baseline(i):
        with scopes_disabled():
            for _ in range(per_thread):
                with transaction.atomic():
                    row = PenghitungNomor.objects.select_for_update().get(pk=own[i].pk)
                    row.terakhir += 1
                    row.save(update_fields=["terakhir"])

    letters = buat_surat(desa, warga, kades, THREADS * per_thread)
    with scopes_disabled():
        start_no = max(Surat.objects.filter(desa=desa).exclude(nomor=None).values_list("nomor", flat=True), default=0)

    def sign(i):
        with scope(desa=desa):
            for s in letters[i * per_thread : (i + 1) * per_thread]:
                services.tandatangani_surat(surat=s, actor=user, terbitkan=False)

    t_base = _serentak(baseline)
    t_nomor = _serentak(sign)
    with scopes_disabled():
        numbers = sorted(Surat.objects.filter(pk__in=[s.pk for s in letters]).values_list("nomor", flat=True))
        PenghitungNomor.objects.filter(pk__in=[r.pk for r in own]).delete()
    n = THREADS * per_thread
    ok = numbers == list(range(start_no + 1, start_no + n + 1))
    return n / t_base, n / t_nomor, ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ulang", type=int, default=30)
    parser.add_argument("--per-thread", type=int, default=4)
    args = parser.parse_args()
    desa, user, kades, warga = setup()
    from django.db import connection

    pdf = bagian_pdf(desa, user, kades, warga, args.ulang)
    base = pdf["weasyprint"][0]
    print(f"Letter PDF ({args.ulang} letters, {connection.vendor})")
    print("| phase | p50 ms | p95 ms | × weasyprint p50 |\n|---|---|---|---|")
    for nama, (p50, p95) in pdf.items():
        print(f"| {nama} | {p50:.0f} | {p95:.0f} | {p50 / base:.2f} |")
    if connection.vendor != "postgresql":
        print("Numbering under concurrency needs PostgreSQL (row locks); skipped.")
        return
    per_s_base, per_s, ok = bagian_nomor(desa, user, kades, warga, args.per_thread)
    print(f"\nNumbering, {THREADS} concurrent threads × {args.per_thread}")
    print("| phase | numbers/s | × baseline |\n|---|---|---|")
    print(f"| baseline (own row each) | {per_s_base:.0f} | 1.00 |")
    print(f"| penomoran (one counter) | {per_s:.0f} | {per_s / per_s_base:.2f} |")
    print(f"distinct and consecutive: {'yes' if ok else 'NO'}")


if __name__ == "__main__":
    main()
