"""Benchmark of the kecamatan and kabupaten dashboards over 239 villages with a year of activity,
on PostgreSQL, in this process (Django's test client through the whole middleware stack, real
sessions, as `bench/kantor.py --cpu` does).

    createdb -h 127.0.0.1 -U postgres balai_bench_dasbor
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/balai_bench_dasbor .venv/bin/python bench/dasbor.py

Loads once (later runs reuse the data; `--muat-ulang` empties the database and loads again):
the demo kabupaten (`seed_demo`: the 239 Purbalingga villages from `load_wilayah`, residents,
APBDes with realisation, development projects, PPID lists, accounts, ...) and on top of it a year
of believable activity for EVERY village, written in bulk: articles, announcements and agenda
over 12 months, letters requested and signed (with their times; most signed within a day, a few
rejected or cancelled, the newest still waiting), PPID requests (most answered in time, some
extended, some overdue), attendance of five officials on every working day, village accounts
with their last sign-in (a few villages with nobody signing in for over a month), audit entries
and open or handled security findings. Then computes the stored scores once (`hitung_skor`) as
the daily timer does in production.

Measures, for an admin kabupaten (2FA verified) on `localhost` and an operator of the kecamatan
with the most villages on `kec-<slug>.localhost`: `/dasbor/`, `/dasbor/skor/`,
`/dasbor/peringatan/`, `/dasbor/sipande/` and `/dasbor/bukti/` (pages a role may not open are
left out), each

- warm: the region's dashboard widgets and village table cached (balai.core.dashboard, 120 s);
- cold: the cache emptied before each request (outside the timing): the widgets and the table
  are built again, and the host, session and role entries are read from the database too, as
  on a view after the cache lost everything;
- after the timer: `manage.py segarkan_dasbor` (every minute in production) run before each
  request (outside the timing): the view reads the summaries it computed;

with wall time (median and p95 of `--n` requests: Python and PostgreSQL together), the process's
CPU time (median; PostgreSQL's time is not in it) and the queries of one request, against the
bare view (baseline: no database or template work, behind the same middleware) measured in the
same run. Goals: kabupaten dashboard < 300 ms and <= 20 queries, kecamatan dashboard < 150 ms.

`--widgets` also times each widget of the cold dashboards (wall, CPU, queries, SQL time).
`--gunicorn` also measures the two dashboards under `gunicorn -w 2` with `--concurrency`
clients (bench/kantor.py's client), warm."""

import argparse
import contextlib
import datetime
import io
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

MARK = "bench-dasbor"  # slug prefix of the loaded articles: present means the year is loaded
HARI = 365
GOALS = {"kabupaten dashboard": (300, 20), "kecamatan dashboard": (150, None)}
JUDUL = [
    "Musyawarah desa membahas rencana kerja",
    "Posyandu balita bulan ini",
    "Gotong royong membersihkan saluran irigasi",
    "Penyaluran BLT Dana Desa tahap berikutnya",
    "Pelatihan kader PKK",
    "Perbaikan jalan dusun selesai dikerjakan",
    "Lomba kebersihan antar RT",
    "Sosialisasi pencegahan demam berdarah",
]


def step(label, start):
    print(f"  {label}: {time.perf_counter() - start:.1f} s", flush=True)
    return time.perf_counter()


@contextlib.contextmanager
def tanpa_auto_now(*fields):
    """Bulk rows keep the times given to them (auto_now_add/auto_now would stamp them 'now')."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def muat(rng):
    """A year of activity for every village, in bulk. Returns nothing; prints progress."""
    from django.utils import timezone

    from balai.akun.models import Keanggotaan, Peran, User
    from balai.core.models import AuditEntry
    from balai.demo.ppid import _jawab
    from balai.keamanan.models import Temuan
    from balai.kehadiran.models import Kehadiran, Metode
    from balai.penduduk.kode import HIDUP
    from balai.penduduk.models import Penduduk
    from balai.ppid import tenggat as tg
    from balai.ppid.choices import Jawaban, StatusPermohonan
    from balai.ppid.models import Permohonan
    from balai.publikasi.models import Agenda, Pengumuman
    from balai.surat.katalog import JENIS
    from balai.surat.models import Surat
    from balai.website.models import Artikel, Perangkat
    from balai.wilayah.models import Desa

    now = timezone.now()
    today = timezone.localdate()
    villages = list(Desa.objects.select_related("kecamatan").order_by("kode"))
    t = time.perf_counter()

    def waktu(hari_lalu, jam=None):
        """A time `hari_lalu` days ago during office hours (never in the future)."""
        d = now - datetime.timedelta(days=hari_lalu)
        d = d.replace(hour=jam if jam is not None else rng.randint(1, 9), minute=rng.randint(0, 59))
        return min(d, now - datetime.timedelta(minutes=5))

    # Articles (2-6 a month), announcements and agenda (1-2 a month each): some villages write
    # less, a few stopped months ago.
    artikel, pengumuman, agenda = [], [], []
    for desa in villages:
        rajin = rng.choice([0.3, 1, 1, 1, 1.5, 2])
        berhenti = rng.choice([0] * 9 + [45, 120])  # days since the village last wrote
        for n in range(int(rng.randint(24, 72) * rajin)):
            lalu = rng.randint(berhenti, HARI)
            terbit = waktu(lalu)
            artikel.append(
                Artikel(
                    desa=desa,
                    judul=f"{rng.choice(JUDUL)} ({n + 1})",
                    slug=f"{MARK}-{n}",
                    ringkasan="Kegiatan warga dan pemerintah desa bulan ini.",
                    isi="<p>Warga dan perangkat desa bersama-sama melaksanakan kegiatan ini.</p>" * 6,
                    status=Artikel.Status.TERBIT,
                    terbit_pada=terbit,
                    dibuat=terbit,
                    diperbarui=terbit,
                    dibaca=rng.randint(5, 900),
                )
            )
        for n in range(int(rng.randint(12, 24) * rajin)):
            mulai = waktu(rng.randint(berhenti, HARI))
            pengumuman.append(
                Pengumuman(
                    desa=desa,
                    judul=f"Pengumuman jadwal pelayanan ({n + 1})",
                    slug=f"{MARK}-{n}",
                    isi="Pelayanan kantor desa buka pukul 08.00 sampai 14.00.",
                    mulai_tayang=mulai,
                    berlaku_sampai=mulai + datetime.timedelta(days=14),
                    dibuat=mulai,
                    diperbarui=mulai,
                )
            )
            acara = mulai + datetime.timedelta(days=rng.randint(3, 20))
            agenda.append(
                Agenda(
                    desa=desa,
                    judul=f"Rapat koordinasi RT/RW ({n + 1})",
                    slug=f"{MARK}-{n}",
                    mulai=acara,
                    selesai=acara + datetime.timedelta(hours=3),
                    lokasi="Balai desa",
                    penyelenggara="Pemerintah desa",
                    status=Agenda.Status.TERBIT,
                    dibuat=mulai,
                    diperbarui=mulai,
                )
            )
    with tanpa_auto_now(
        *(m._meta.get_field(f) for m in (Artikel, Pengumuman, Agenda) for f in ("dibuat", "diperbarui"))
    ):
        Artikel.objects.bulk_create(artikel, batch_size=2000)
        Pengumuman.objects.bulk_create(pengumuman, batch_size=2000)
        Agenda.objects.bulk_create(agenda, batch_size=2000)
    t = step(f"{len(artikel):,} articles, {len(pengumuman):,} announcements, {len(agenda):,} agenda", t)

    # Five officials per village (the demo gives the showcase village its own).
    punya = set(Perangkat.objects.values_list("desa_id", flat=True).distinct())
    jabatan = ["Kepala Desa", "Sekretaris Desa", "Kaur Keuangan", "Kasi Pemerintahan", "Kasi Pelayanan"]
    Perangkat.objects.bulk_create(
        Perangkat(desa=d, nama=f"{j} {d.nama}", jabatan=j, urutan=k)
        for d in villages
        if d.pk not in punya
        for k, j in enumerate(jabatan)
    )
    perangkat = {}
    for p in Perangkat.objects.filter(aktif=True).order_by("urutan", "pk").values("desa_id", "pk"):
        perangkat.setdefault(p["desa_id"], []).append(p["pk"])

    # Letters: 60-250 a year per village; signed 2-30 hours after the request.
    warga = {}
    for desa_id, pk in Penduduk.objects.filter(status_dasar=HIDUP).values_list("desa_id", "pk"):
        warga.setdefault(desa_id, []).append(pk)
    jenis = [k for k, spec in JENIS.items() if not spec.perlu_camat]
    S = Surat.Status
    surat = []
    for desa in villages:
        if not warga.get(desa.pk):
            continue
        ttd = perangkat[desa.pk][0]
        rencana = sorted(rng.randint(0, HARI) for _ in range(rng.randint(60, 250)))[::-1]
        for nomor, lalu in enumerate(rencana, start=1):
            j = rng.choice(jenis)
            spec = JENIS[j]
            diajukan = waktu(lalu)
            if lalu <= 1:
                status = rng.choice([S.PERMOHONAN, S.DIVERIFIKASI])
            else:
                status = rng.choices([S.SELESAI, S.DITANDATANGANI, S.DITOLAK, S.BATAL], [88, 4, 5, 3])[0]
            s = Surat(
                desa=desa,
                jenis=j,
                klasifikasi=spec.klasifikasi,
                penduduk_id=rng.choice(warga[desa.pk]),
                kanal=rng.choice([Surat.Kanal.KANTOR] * 3 + [Surat.Kanal.MANDIRI]),
                isian={"keperluan": "Persyaratan administrasi"},
                status=status,
                diajukan=diajukan,
                diperbarui=diajukan,
            )
            if status == S.DITOLAK:
                s.alasan_tolak, s.ditolak_pada = (
                    "Berkas persyaratan belum lengkap.",
                    diajukan + datetime.timedelta(hours=3),
                )
            if status == S.BATAL:
                s.alasan_batal, s.dibatalkan_pada = "Dibatalkan pemohon.", diajukan + datetime.timedelta(hours=2)
            if status in (S.DIVERIFIKASI, S.SELESAI, S.DITANDATANGANI):
                s.penanda_tangan_id = ttd
                s.diverifikasi_pada = diajukan + datetime.timedelta(hours=1)
            if status in (S.SELESAI, S.DITANDATANGANI):
                signed = min(diajukan + datetime.timedelta(hours=rng.randint(2, 30)), now)
                s.ditandatangani_pada, s.tanggal_surat, s.nomor = signed, timezone.localtime(signed).date(), nomor
                s.nomor_lengkap = f"{spec.klasifikasi}/{nomor:04d}/{desa.kode}/{signed.year}"
                if status == S.SELESAI:
                    s.selesai_pada = signed + datetime.timedelta(hours=rng.randint(1, 48))
            surat.append(s)
    with tanpa_auto_now(Surat._meta.get_field("diajukan"), Surat._meta.get_field("diperbarui")):
        Surat.objects.bulk_create(surat, batch_size=2000)
    t = step(f"{len(surat):,} letters", t)

    # PPID requests: 4-30 a year; most answered within 3-16 days, some extended, some overdue.
    urut = {}
    for desa_id, tahun, n in Permohonan.objects.values_list("desa_id", "tahun", "urut"):
        urut[(desa_id, tahun)] = max(urut.get((desa_id, tahun), 0), n)
    ppid = []
    for desa in villages:
        for lalu in sorted((rng.randint(0, HARI) for _ in range(rng.randint(4, 30))), reverse=True):
            diterima = today - datetime.timedelta(days=lalu)
            key = (desa.pk, diterima.year)
            urut[key] = urut.get(key, 0) + 1
            p = Permohonan(
                desa=desa,
                tahun=diterima.year,
                urut=urut[key],
                nomor=f"PPID/{desa.kode}/{diterima.year}/{urut[key]:04d}",
                nama=f"Pemohon {urut[key]}",
                nomor_identitas=f"3303{rng.randint(10**11, 10**12 - 1)}",
                alamat=f"RT 0{rng.randint(1, 9)} RW 0{rng.randint(1, 5)} {desa.nama}",
                rincian="Salinan APBDes dan laporan realisasinya.",
                tujuan="Pengawasan penggunaan dana desa.",
                cara_memperoleh="softcopy",
                cara_salinan="email",
                diterima=diterima,
                tenggat=tg.tenggat_jawab(diterima),
            )
            nasib, dijawab = rng.random(), diterima + datetime.timedelta(days=rng.randint(3, 16))
            if nasib < 0.06 and p.tenggat < today:
                pass  # overdue: still being processed after its deadline
            elif nasib < 0.12:
                p.diperpanjang = min(today, p.tenggat)
                p.alasan_perpanjangan = "Dokumen sedang dihimpun dari arsip."
                p.tenggat = tg.tenggat_diperpanjang(p.tenggat)
                p.status = StatusPermohonan.DIPERPANJANG
                if p.tenggat < today:
                    _jawab(p, Jawaban.SELURUHNYA, p.tenggat - datetime.timedelta(days=1))
            elif dijawab <= today:
                _jawab(p, Jawaban.SELURUHNYA, dijawab)
            ppid.append(p)
    Permohonan.objects.bulk_create(ppid, batch_size=2000)
    t = step(f"{len(ppid):,} PPID requests", t)

    # Attendance of the first five officials on every working day of the year.
    hadir = []
    for lalu in range(HARI, 0, -1):
        h = today - datetime.timedelta(days=lalu)
        if h.weekday() >= 5:
            continue
        for desa in villages:
            for pk in perangkat[desa.pk][:5]:
                if rng.random() < 0.06:
                    continue  # leave, sick, out of office
                masuk = timezone.make_aware(datetime.datetime.combine(h, datetime.time(7, rng.randint(0, 59))))
                pulang = masuk + datetime.timedelta(hours=7, minutes=rng.randint(0, 60))
                hadir.append(
                    Kehadiran(
                        desa_id=desa.pk,
                        perangkat_id=pk,
                        tanggal=h,
                        masuk=masuk,
                        metode=Metode.QR_LOKASI,
                        jarak_meter=rng.randint(3, 60),
                        terlambat_menit=max(0, masuk.minute - 45),
                        pulang=pulang,
                        metode_pulang=Metode.QR_LOKASI,
                        jarak_pulang_meter=rng.randint(3, 60),
                    )
                )
        if len(hadir) >= 20_000:
            Kehadiran.objects.bulk_create(hadir, batch_size=5000, ignore_conflicts=True)
            hadir = []
    Kehadiran.objects.bulk_create(hadir, batch_size=5000, ignore_conflicts=True)
    t = step(f"{Kehadiran.objects.count():,} attendance records", t)

    # Three village accounts each, last signed in 0-20 days ago (5 % of villages: 40-90 days).
    kabupaten = villages[0].kecamatan.kabupaten
    akun = []
    for desa in villages:
        lupa = rng.random() < 0.05
        for peran in (Peran.OPERATOR_DESA, Peran.SEKDES, Peran.PPID_DESA):
            hari = rng.randint(40, 90) if lupa else rng.randint(0, 20)
            akun.append(
                (
                    User(
                        username=f"{MARK}-{desa.slug}-{peran}",
                        password="!",
                        kabupaten=kabupaten,
                        kecamatan=desa.kecamatan,
                        desa=desa,
                        jabatan=peran.label,
                        wajib_ganti_sandi=False,
                        last_login=now - datetime.timedelta(days=hari, hours=rng.randint(0, 8)),
                    ),
                    peran,
                )
            )
    User.objects.bulk_create([u for u, _p in akun], batch_size=2000)
    Keanggotaan.objects.bulk_create([Keanggotaan(user=u, peran=p) for u, p in akun], batch_size=2000)
    t = step(f"{len(akun):,} village accounts", t)

    # Audit entries: what those accounts did, 10-40 a month per village.
    aksi = ["website.artikel_terbit", "surat.ditandatangani", "penduduk.diubah", "ppid.dijawab", "akun.masuk"]
    pelaku = {}
    for u, _p in akun:
        pelaku.setdefault(u.desa_id, []).append(u)
    audit = []
    for desa in villages:
        for _ in range(rng.randint(120, 480)):
            u = rng.choice(pelaku[desa.pk])
            audit.append(
                AuditEntry(
                    waktu=waktu(rng.randint(0, HARI)),
                    actor=u,
                    actor_label=u.username,
                    desa=desa,
                    kecamatan_id=desa.kecamatan_id,
                    action=rng.choice(aksi),
                    object_type="bench",
                    object_id=str(rng.randint(1, 9999)),
                    object_label="Catatan kegiatan",
                )
            )
    with tanpa_auto_now(AuditEntry._meta.get_field("waktu")):
        AuditEntry.objects.bulk_create(audit, batch_size=5000)
    t = step(f"{len(audit):,} audit entries", t)

    # Security findings: a fifth of the villages have 1-4, about half of them handled.
    temuan = []
    for desa in rng.sample(villages, len(villages) // 5):
        for n in range(rng.randint(1, 4)):
            pertama = waktu(rng.randint(1, HARI))
            selesai = rng.random() < 0.5
            temuan.append(
                Temuan(
                    desa=desa,
                    halaman=f"/artikel/{MARK}-{n}/",
                    aturan=rng.choice(["tautan_luar", "skrip_asing", "judi"]),
                    keterangan="Tautan keluar ke domain yang tidak dikenal.",
                    sidik=secrets.token_hex(16),
                    status=Temuan.Status.SELESAI if selesai else Temuan.Status.TERBUKA,
                    pertama=pertama,
                    terakhir=pertama + datetime.timedelta(days=rng.randint(0, 30)) if not selesai else pertama,
                    ditangani_pada=pertama + datetime.timedelta(days=2) if selesai else None,
                )
            )
    with tanpa_auto_now(Temuan._meta.get_field("pertama")):
        for f in temuan:
            f.terakhir = min(f.terakhir, now)
        Temuan.objects.bulk_create(temuan)
    step(f"{len(temuan):,} security findings", t)


def prepare(args):
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Count
    from django_scopes import scopes_disabled

    from balai.website.models import Artikel
    from balai.wilayah.models import Desa, Kecamatan

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        if args.muat_ulang and Desa.objects.exists():
            print("Emptying the database ...", flush=True)
            call_command("flush", interactive=False, verbosity=0)
        start = time.perf_counter()
        if not Desa.objects.exists():
            print("Loading the demo kabupaten (seed_demo) ...", flush=True)
            with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):  # and its mails
                call_command("seed_demo", seed=1, stdout=quiet)
            step("seed_demo", start)
        if not Artikel.objects.filter(slug__startswith=MARK).exists():
            t = time.perf_counter()
            print("Loading a year of activity for every village ...", flush=True)
            with transaction.atomic():
                muat(random.Random(1))
            t = time.perf_counter()
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
            t = step("ANALYZE", t)
            with open(os.devnull, "w") as quiet:
                call_command("hitung_skor", stdout=quiet)  # as the daily timer does
            step("hitung_skor", t)
            print(f"Loaded in {time.perf_counter() - start:.0f} s", flush=True)
        kecamatan = (
            Kecamatan.objects.annotate(n=Count("desa")).order_by("-n", "kode").select_related("kabupaten").first()
        )
        desa_kec = Desa.objects.filter(kecamatan=kecamatan).order_by("kode").first()
    cache.clear()
    return {"kecamatan": kecamatan, "n_kec": kecamatan.n, "desa_kec": desa_kec, **sessions(kecamatan)}


def sessions(kecamatan):
    from django_scopes import scopes_disabled

    from bench.kantor import bench_user, signed_in_session

    kabupaten = kecamatan.kabupaten
    with scopes_disabled():
        kec = bench_user("bench-dasbor-kec", "operator_kecamatan", kabupaten=kabupaten, kecamatan=kecamatan)
        kab = bench_user("bench-dasbor-kab", "admin_kabupaten", kabupaten=kabupaten)
        return {"kec": signed_in_session(kec), "kab": signed_in_session(kab)}


def counts():
    """Rows per table the dashboards read (for the README)."""
    from django.db import connection

    tables = [
        "wilayah_desa",
        "penduduk_penduduk",
        "website_artikel",
        "publikasi_pengumuman",
        "publikasi_agenda",
        "surat_surat",
        "ppid_permohonan",
        "keuangan_apbdes",
        "keuangan_baris",
        "keuangan_realisasi",
        "pembangunan_proyek",
        "pembangunan_progres",
        "kehadiran_kehadiran",
        "akun_user",
        "django_session",
        "core_auditentry",
        "keamanan_temuan",
        "pengawasan_skordesa",
    ]
    out = []
    with connection.cursor() as cur:
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        have = {r[0] for r in cur.fetchall()}
        for name in tables:
            if name in have:
                cur.execute(f'SELECT count(*) FROM "{name}"')  # noqa: S608 - names from the list above
                out.append((name, cur.fetchone()[0]))
    return out


def measure(info, args):
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    hosts = {"kab": "localhost", "kec": f"kec-{info['kecamatan'].slug}.localhost"}
    clients = {}
    for who, key in (("kab", info["kab"]), ("kec", info["kec"])):
        c = Client()
        c.cookies["sessionid"] = key
        clients[who] = c
    size = len(clients["kab"].get("/dasbor/", HTTP_HOST=hosts["kab"]).content)
    rows = [("bare view (baseline)", "kab", f"/bench/bare/?bytes={size}", False)]
    for who, label in (("kab", "kabupaten"), ("kec", "kecamatan")):
        for path, name in (
            ("/dasbor/", "dashboard"),
            ("/dasbor/skor/", "skor"),
            ("/dasbor/peringatan/", "peringatan"),
            ("/dasbor/sipande/", "sipande"),
            ("/dasbor/bukti/", "bukti"),
        ):
            for mode in ("", "cold", "after the timer"):
                if mode and path != "/dasbor/":
                    continue  # only the dashboards cache their widgets
                rows.append((f"{label} {name}{', ' + mode if mode else ''}", who, path, mode))
    results, skipped = [], []
    for name, who, path, mode in rows:
        if args.only and args.only not in name and not name.startswith("bare"):
            continue
        client, host = clients[who], hosts[who]
        cold = mode == "cold"

        def call(client=client, host=host, path=path, cold=cold, timer=mode == "after the timer"):
            if cold:
                cache.clear()
            if timer:  # the summaries just computed by the timer, as every minute in production
                call_command("segarkan_dasbor", stdout=io.StringIO())
            start, cpu = time.perf_counter(), time.process_time()
            response = client.get(path, HTTP_HOST=host)
            return response, (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000

        first = call()[0]
        if first.status_code != 200:
            skipped.append(f"{name}: {first.status_code}")
            continue
        for _ in range(2):
            call()
        walls, cpus = [], []
        for _ in range(args.n):
            _r, wall, cpu_ms = call()
            walls.append(wall)
            cpus.append(cpu_ms)
        if cold:
            cache.clear()
        if mode == "after the timer":
            call_command("segarkan_dasbor", stdout=io.StringIO())
        with CaptureQueriesContext(connection) as q:
            client.get(path, HTTP_HOST=host)
        walls.sort()
        results.append(
            {
                "name": name,
                "p50": statistics.median(walls),
                "p95": walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))],
                "cpu": statistics.median(cpus),
                "queries": len(q),
                "bytes": len(first.content),
            }
        )
        print(f"  {name}: {results[-1]['p50']:.1f} ms", flush=True)
    return results, skipped


def verdict(name):
    """(ms, queries or None) for the dashboards, warm, cold or after the timer."""
    return GOALS.get(name.removesuffix(", cold").removesuffix(", after the timer"))


def report(results, skipped, info, args):
    base = results[0]
    print(
        f"\n{args.n} requests per row in this process; kecamatan {info['kecamatan'].nama} "
        f"({info['n_kec']} villages); load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n"
    )
    print(f"{'page':32} {'p50 ms':>7} {'p95 ms':>7} {'x bare':>7} {'CPU ms':>7} {'queries':>7}  goal")
    for r in results:
        goal = ""
        g = verdict(r["name"])
        if g:
            ms, queries = g
            ok = r["p50"] < ms and (queries is None or r["queries"] <= queries)
            goal = f"< {ms} ms" + (f", <= {queries} q" if queries else "") + (": PASS" if ok else ": FAIL")
        print(
            f"{r['name']:32} {r['p50']:7.1f} {r['p95']:7.1f} {r['p50'] / base['p50']:7.1f} "
            f"{r['cpu']:7.1f} {r['queries']:7d}  {goal}"
        )
    for s in skipped:
        print(f"not measured (answered {s})")


def gunicorn(info, args):
    from bench.kantor import _client
    from bench.website import start_gunicorn, summarise

    proc = start_gunicorn(args.port)
    try:
        print(f"\ngunicorn -w 2, {args.concurrency} clients, {args.duration:.0f} s per row, warm")
        import multiprocessing

        rows = [
            ("bare view (baseline)", "localhost", "/bench/bare/?bytes=20000", info["kab"]),
            ("kabupaten dashboard", "localhost", "/dasbor/", info["kab"]),
            ("kecamatan dashboard", f"kec-{info['kecamatan'].slug}.localhost", "/dasbor/", info["kec"]),
        ]
        print(f"{'page':32} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}")
        with multiprocessing.Pool(args.concurrency) as pool:
            for name, host, path, session in rows:
                target = (host, "GET", path, None, False)
                _client((args.port, target, session, 0.5))
                results = pool.map(_client, [(args.port, target, session, args.duration)] * args.concurrency)
                r = summarise([x for lats, _e in results for x in lats], sum(e for _l, e in results), args.duration)
                print(f"{name:32} {r['rps']:7.0f} {r['p50']:7.1f} {r['p95']:7.1f} {r['errors']:6d}")
    finally:
        proc.terminate()
        proc.wait(10)


def widgets(info, args):
    """Where a cold dashboard's time goes: each widget's data (`Widget.__call__`, the template
    rendering is negligible) timed with its queries, median of `--n` cold requests."""
    from collections import defaultdict

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from balai.core.registry import Widget

    original, seen = Widget.__call__, []

    def timed(self, request):
        first, start, cpu = len(connection.queries), time.perf_counter(), time.process_time()
        try:
            return original(self, request)
        finally:
            done = connection.queries[first:]
            sql = sum(float(q["time"]) for q in done) * 1000
            wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
            seen.append((self.target if isinstance(self.target, str) else self.template, wall, cpu, len(done), sql))

    Widget.__call__ = timed
    try:
        for who, host in (("kab", "localhost"), ("kec", f"kec-{info['kecamatan'].slug}.localhost")):
            client = Client()
            client.cookies["sessionid"] = info[who]
            client.get("/dasbor/", HTTP_HOST=host)
            per, total = defaultdict(list), []
            for _ in range(args.n):
                cache.clear()
                seen.clear()
                with CaptureQueriesContext(connection) as q:
                    start = time.perf_counter()
                    client.get("/dasbor/", HTTP_HOST=host)
                    total.append(((time.perf_counter() - start) * 1000, len(q)))
                for name, *figures in seen:
                    per[name].append(figures)
            print(
                f"\n{who} dashboard, cold: {statistics.median(t for t, _q in total):.1f} ms, {total[0][1]} queries; "
                f"per widget (median of {args.n}):"
            )
            print(f"  {'widget data':58} {'wall ms':>7} {'CPU ms':>7} {'queries':>7} {'SQL ms':>7}")
            for name, rows in per.items():
                wall, cpu, n, sql = (statistics.median(col) for col in zip(*rows, strict=True))
                print(f"  {name:58} {wall:7.1f} {cpu:7.1f} {n:7.0f} {sql:7.1f}")
    finally:
        Widget.__call__ = original


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20, help="requests per row (median and p95)")
    parser.add_argument("--only", default="", help="measure only rows whose name contains this text")
    parser.add_argument("--muat-ulang", action="store_true", help="empty the database and load it again")
    parser.add_argument("--counts", action="store_true", help="print rows per table")
    parser.add_argument("--widgets", action="store_true", help="also time each widget of the cold dashboards")
    parser.add_argument("--gunicorn", action="store_true", help="also measure the dashboards under gunicorn")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per row under gunicorn")
    parser.add_argument("--port", type=int, default=8813)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL=postgres://... (the benchmark runs on PostgreSQL).")
    info = prepare(args)
    if args.counts:
        for name, n in counts():
            print(f"{name:28} {n:>9,}")
    results, skipped = measure(info, args)
    report(results, skipped, info, args)
    if args.widgets:
        widgets(info, args)
    if args.gunicorn:
        gunicorn(info, args)


if __name__ == "__main__":
    main()
