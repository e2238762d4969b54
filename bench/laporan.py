"""PDF of the Buku Administrasi Penduduk: milliseconds per row (run on demand).

    .venv/bin/python bench/laporan.py --penduduk 3000 --baris 600 --ulang 3

Builds a throw-away SQLite database (or uses DATABASE_URL, whose residents of the bench village
are REPLACED) with one village of --penduduk synthetic residents in whole families
(balai.penduduk.synth), then renders the first --baris rows of the Buku Induk Penduduk and of
the Buku KTP dan KK, each phase --ulang times in a fresh process (so its peak memory is its own):

  html               baseline: the rows read and rendered into the former PDF template's HTML
                     (kept beside this script), no layout
  weasyprint         that HTML through WeasyPrint in parts of 300 rows joined with pypdf: the
                     former renderer
  weasyprint-ringan  the same with the cheapest CSS that still reads as a table (no cell
                     borders or backgrounds, one rule under the headings): what CSS alone gains
  pdf                the book's PDF as the application makes it now (ekspor.pdf_bytes, ReportLab)

and prints ms/row (median), the ratio to the baseline, pages and peak memory (VmHWM). --semua
also renders the whole Buku Induk with the application's renderer (time and memory stay linear).
"""

import argparse
import functools
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

DESA_KODE = "33.03.04.2006"
BUKU = ("induk", "ktp-kk")
FASE = ("html", "weasyprint", "weasyprint-ringan", "pdf")
TEMPLATE = Path(__file__).with_name("laporan_weasyprint.html")


def _django():
    import django

    django.setup()


def _puncak_mb():
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    from the parent through fork and exec, so a child would report the parent's peak."""
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM")) / 1024


def siapkan(penduduk, seed):
    """Migrate, and (re)fill the bench village with `penduduk` residents."""
    from django.core.management import call_command
    from django.db import transaction
    from django_scopes import scopes_disabled

    from balai.penduduk.models import Keluarga, Penduduk, Peristiwa, RumahTangga
    from balai.penduduk.synth import TEMPAT, Generator
    from balai.wilayah.models import RT, RW, Desa, Dusun, Kabupaten, Kecamatan

    call_command("migrate", verbosity=0)
    with scopes_disabled(), transaction.atomic():
        kab, _ = Kabupaten.objects.get_or_create(
            kode="33.03", defaults={"nama": "Kabupaten Purbalingga", "slug": "pbg"}
        )
        kec, _ = Kecamatan.objects.get_or_create(
            kode="33.03.04", defaults={"kabupaten": kab, "nama": "Kaligondang", "slug": "kaligondang"}
        )
        desa, _ = Desa.objects.get_or_create(
            kode=DESA_KODE, defaults={"kecamatan": kec, "nama": "Selakambang", "slug": "selakambang"}
        )
        if Penduduk.objects.filter(desa=desa).count() >= penduduk:
            return desa
        Peristiwa.objects.filter(desa=desa).delete()
        RumahTangga.objects.filter(desa=desa).delete()
        Penduduk.objects.filter(desa=desa).delete()
        Keluarga.objects.filter(desa=desa).delete()
        RT.objects.filter(desa=desa).delete()
        RW.objects.filter(desa=desa).delete()
        Dusun.objects.filter(desa=desa).delete()
        places = {}
        for i, nama in enumerate(["Krajan", "Karanganyar", "Kalibening", "Sidamulya", "Pesantren", "Gunungsari"]):
            dusun = Dusun.objects.create(desa=desa, nama=nama)
            for r in range(3):
                rw = RW.objects.create(desa=desa, dusun=dusun, nomor=i * 3 + r + 1)
                for t in range(1, 7):
                    places[(nama, rw.nomor, t)] = RT.objects.create(desa=desa, rw=rw, nomor=t)
        from faker import Faker

        fake = Faker("id_ID")
        fake.seed_instance(seed)
        gen = Generator(random.Random(seed), fake)
        families, people = {}, []
        for row in gen.penduduk("330304", list(places), penduduk):
            rt = places[(row["dusun"], row["rw"], row["rt"])]
            kk = families.get(row["no_kk"])
            if kk is None:
                kk = families[row["no_kk"]] = Keluarga(
                    desa=desa,
                    no_kk=row["no_kk"],
                    alamat=row["alamat"],
                    tanggal_cetak_kk=row["tanggal_cetak_kk"],
                    rt=rt,
                    rw_id=rt.rw_id,
                    dusun_id=rt.rw.dusun_id,
                )
            people.append((kk, rt, {k: v for k, v in row.items() if k not in TEMPAT}))
        Keluarga.objects.bulk_create(families.values(), batch_size=2000)
        Penduduk.objects.bulk_create(
            (
                Penduduk(desa=desa, keluarga=kk, rt=rt, rw_id=rt.rw_id, dusun_id=rt.rw.dusun_id, **values)
                for kk, rt, values in people
            ),
            batch_size=2000,
        )
    return desa


class _Potongan:
    """A book cut to its first `n` rows, so every phase renders the same rows."""

    def __init__(self, buku, n):
        self.buku, self.n = buku, n

    def __getattr__(self, name):
        return getattr(self.buku, name)

    def baris(self, mulai=0, batas=None):
        sisa = self.n - mulai
        return self.buku.baris(mulai, sisa if batas is None else min(batas, sisa))


def fase(nama, slug, baris):
    """One measurement in this process: (seconds, rows, pages, bytes)."""
    from django.utils import timezone
    from django_scopes import scope
    from pypdf import PdfReader

    from balai.akun.models import Peran, User
    from balai.laporan import ekspor
    from balai.laporan.buku import BUKU as KELAS
    from balai.penduduk import kode
    from balai.wilayah.models import Desa

    desa = Desa.objects.select_related("kecamatan__kabupaten").get(kode=DESA_KODE)
    user, _ = User.objects.get_or_create(
        username="bench-laporan",
        defaults={
            "peran": Peran.OPERATOR_DESA,
            "desa": desa,
            "kecamatan": desa.kecamatan,
            "kabupaten": desa.kecamatan.kabupaten,
        },
    )
    with scope(desa=desa):
        buku = KELAS[slug](desa=desa, user=user)
        if baris:
            buku = _Potongan(buku, baris)
        kode.semua()  # the reference codes are cached per process: read them before timing
        start = time.perf_counter()
        if nama == "html":
            rows = list(buku.baris())
            context = {"buku": buku, "kop": ekspor.kop(desa), "tanggal": timezone.localdate(), "desa": desa}
            content = _html({**context, "baris": rows, "awal": True, "akhir": True, "halaman": 1}).encode()
            n, pages = len(rows), 0
        elif nama.startswith("weasyprint"):
            content = _weasyprint(buku, ringan=nama == "weasyprint-ringan")
        else:
            content = ekspor.pdf_bytes(buku)
        elapsed = time.perf_counter() - start
        if nama != "html":
            n, pages = baris or buku.jumlah_baris(), len(PdfReader(io.BytesIO(content)).pages)
    return elapsed, n, pages, len(content)


RINGAN = """
table { border: 0; }
th, td { border: 0; padding: 0 1pt; }
th { background: none; border-bottom: 0.4pt solid #000; }
"""


def _html(context, ringan=False):
    """The former PDF template (kept beside this script) rendered with `context`."""
    from django.template import engines

    template = TEMPLATE.read_text()
    if ringan:
        template = template.replace("</style>", RINGAN + "</style>")
    return engines["django"].from_string(template).render(context)


def _weasyprint(buku, per_bagian=300, ringan=False):
    """The former renderer: the book's HTML through WeasyPrint in parts of 300 rows (WeasyPrint
    keeps a whole document's layout in memory), joined with pypdf."""
    from django.utils import timezone
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    from balai.laporan.ekspor import kop

    context = {"buku": buku, "kop": kop(buku.desa), "tanggal": timezone.localdate(), "desa": buku.desa}
    writer, halaman, rows = PdfWriter(), 1, iter(buku.baris())
    bagian = list(islice(rows, per_bagian))
    while True:
        berikut = list(islice(rows, per_bagian))
        html = _html(
            {**context, "baris": bagian, "awal": halaman == 1, "akhir": not berikut, "halaman": halaman}, ringan
        )
        reader = PdfReader(io.BytesIO(HTML(string=html).write_pdf()))
        halaman += len(reader.pages)
        writer.append(reader)
        if not berikut:
            break
        bagian = berikut
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _rasio(per_baris, a, b):
    """Median of the per-round ratios a/b: load drifting on the machine weighs on both alike."""
    return statistics.median(x / y for x, y in zip(per_baris[a], per_baris[b], strict=True))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--penduduk", type=int, default=3000, help="residents of the bench village")
    parser.add_argument("--baris", type=int, default=600, help="rows rendered by every phase")
    parser.add_argument("--ulang", type=int, default=3, help="runs of every phase (median)")
    parser.add_argument("--fase", default=",".join(FASE), help="phases to run, comma-separated")
    parser.add_argument("--semua", action="store_true", help="also render the whole Buku Induk")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jalankan", nargs=3, help=argparse.SUPPRESS)  # phase, book, rows (child process)
    args = parser.parse_args()

    if args.jalankan:
        _django()
        nama, slug, baris = args.jalankan
        elapsed, n, pages, size = fase(nama, slug, int(baris))
        print(f"{elapsed} {n} {pages} {size} {_puncak_mb()}")
        return

    tmp = None
    if "DATABASE_URL" not in os.environ:
        tmp = tempfile.TemporaryDirectory(prefix="bench-laporan-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    _django()
    t0 = time.perf_counter()
    siapkan(args.penduduk, args.seed)
    print(f"village of {args.penduduk:,} residents ready in {time.perf_counter() - t0:.1f} s")

    def run(nama, slug, baris):
        out = subprocess.run(
            [sys.executable, __file__, "--jalankan", nama, slug, str(baris)],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ,
        ).stdout.split()
        elapsed, n, pages, size, rss = float(out[0]), int(out[1]), int(out[2]), int(out[3]), float(out[4])
        return elapsed, n, pages, size, rss

    phases = args.fase.split(",")
    for slug in BUKU:
        print(f"\n{slug}: first {args.baris} rows, median of {args.ulang} runs (phases interleaved)")
        results = {p: [] for p in phases}
        for i in range(args.ulang):
            order = phases if i % 2 == 0 else phases[::-1]
            for p in order:
                results[p].append(run(p, slug, args.baris))
        per_baris = {p: [r[0] / r[1] for r in results[p]] for p in phases}
        rasio = functools.partial(_rasio, per_baris)
        for p in phases:
            ms = 1000 * statistics.median(per_baris[p])
            pages, size, mem = results[p][0][2], results[p][0][3], max(r[4] for r in results[p])
            ratio = f"{rasio(p, 'html'):6.1f}x html" if "html" in phases else ""
            print(f"  {p:<17} {ms:7.2f} ms/row {ratio}  {pages:4d} pages  {size / 1e6:5.2f} MB  peak {mem:4.0f} MB")
        for p in ("weasyprint", "weasyprint-ringan"):
            if p in phases and "pdf" in phases:
                print(f"  pdf is {rasio(p, 'pdf'):.1f}x faster than {p}")
    if args.semua:
        elapsed, n, pages, size, rss = run("pdf", "induk", 0)
        print(
            f"\nwhole Buku Induk: {n:,} rows in {elapsed:.1f} s ({1000 * elapsed / n:.2f} ms/row), "
            f"{pages} pages, {size / 1e6:.1f} MB, peak {rss:.0f} MB"
        )
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
