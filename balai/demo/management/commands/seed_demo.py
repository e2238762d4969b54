"""Load the demo kabupaten: real Purbalingga regions, synthetic but believable data.

Deterministic for a given --seed (names, regions, content); passwords are generated fresh on
every run and printed, so no default password exists anywhere. The content of each domain app
comes from its builder in `balai.demo` (`seed(*, villages, showcase, rng, fake, stdout)`), run
in the order of BUILDERS."""

import random
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled
from faker import Faker

from balai.akun.models import Keanggotaan, Peran, User
from balai.akun.services import buat_tautan_2fa, generate_password
from balai.core.tenancy import forget_hosts, site_url
from balai.demo import (
    dasbor_kecamatan,
    keamanan,
    kehadiran,
    keuangan,
    lapak,
    mandiri,
    pembangunan,
    penduduk,
    pengawasan,
    ppid,
    publikasi,
    surat,
    website,
)
from balai.demo.nama import nama_orang
from balai.wilayah.models import RT, RW, Desa, Dusun, Kabupaten
from balai.wilayah.services import load_wilayah

# `pengawasan` scores what the others made: it stays last.
BUILDERS = [
    website,
    publikasi,
    penduduk,
    surat,
    mandiri,
    lapak,
    keuangan,
    pembangunan,
    ppid,
    kehadiran,
    keamanan,
    dasbor_kecamatan,
    pengawasan,
]
SHOWCASE_KODE = "33.03.04.2006"  # Desa Selakambang, Kecamatan Kaligondang
DUSUN_NAMES = [
    "Krajan",
    "Karanganyar",
    "Kalibening",
    "Sidamulya",
    "Pesantren",
    "Gunungsari",
    "Karangrejo",
    "Sindang",
    "Pekuncen",
    "Kaliurip",
    "Babakan",
    "Tegalsari",
    "Sawangan",
    "Cikadu",
    "Penusupan",
]


class Command(BaseCommand):
    help = "Muat data demo kabupaten Purbalingga (deterministik dengan --seed)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, seed, **options):
        rng = random.Random(seed)
        fake = Faker("id_ID")
        fake.seed_instance(seed)
        with scopes_disabled(), transaction.atomic():
            load_wilayah()
            kabupaten = Kabupaten.objects.get(kode=settings.BALAI_KABUPATEN_KODE)
            villages = list(Desa.objects.filter(kecamatan__kabupaten=kabupaten).select_related("kecamatan"))
            showcase = next(d for d in villages if d.kode == SHOWCASE_KODE)
            self._profiles(villages, rng, fake)
            self._regions(villages, showcase, rng, fake)
            logins = self._users(kabupaten, showcase, rng, fake)
            # A builder may return lines for the list of logins (Layanan Mandiri's residents).
            warga = []
            for builder in BUILDERS:
                warga += (
                    builder.seed(villages=villages, showcase=showcase, rng=rng, fake=fake, stdout=self.stdout) or []
                )
        forget_hosts()  # profiles were bulk-updated without signals
        self._print(kabupaten, showcase, logins, warga)

    def _profiles(self, villages, rng, fake):
        for d in villages:
            d.nama_kepala = nama_orang(fake, rng)
            d.alamat_kantor = f"Jl. Raya {d.nama} No. {rng.randint(1, 120)}"
            d.kode_pos = f"533{rng.randint(10, 99)}"
            d.telepon = f"0281-{rng.randint(600000, 899999)}"
            d.email = f"pemdes@{d.slug}.desa.id"
            d.luas_wilayah_ha = round(rng.uniform(150, 1400), 2)
            d.lat = round(-7.39 + rng.uniform(-0.15, 0.15), 6)
            d.lng = round(109.36 + rng.uniform(-0.15, 0.2), 6)
        Desa.objects.bulk_update(
            villages, ["nama_kepala", "alamat_kantor", "kode_pos", "telepon", "email", "luas_wilayah_ha", "lat", "lng"]
        )

    def _regions(self, villages, showcase, rng, fake):
        """Dusun, RW and RT for every village that has none yet (bulk, three inserts per level)."""
        seeded = set(Dusun.objects.values_list("desa_id", flat=True).distinct())
        todo = [d for d in villages if d.pk not in seeded]
        dusun = []
        for d in todo:
            count = 6 if d == showcase else rng.randint(2, 5)
            for nama in rng.sample(DUSUN_NAMES, count):
                dusun.append(Dusun(desa=d, nama=nama, kepala=nama_orang(fake, rng, male=True)))
        Dusun.objects.bulk_create(dusun)
        dusun = list(Dusun.objects.filter(desa__in=todo).order_by("desa_id", "nama"))
        rws, nomor = [], {}
        for du in dusun:
            for _ in range(rng.randint(1, 3)):
                nomor[du.desa_id] = nomor.get(du.desa_id, 0) + 1
                ketua = nama_orang(fake, rng, male=True)
                rws.append(RW(desa_id=du.desa_id, dusun=du, nomor=nomor[du.desa_id], ketua=ketua))
        RW.objects.bulk_create(rws)
        rws = RW.objects.filter(desa__in=todo).order_by("desa_id", "nomor")
        RT.objects.bulk_create(
            RT(desa_id=rw.desa_id, rw=rw, nomor=n, ketua=nama_orang(fake, rng))
            for rw in rws
            for n in range(1, rng.randint(2, 6) + 1)
        )

    def _users(self, kabupaten, showcase, rng, fake):
        kaligondang = showcase.kecamatan
        accounts = [
            ("admin.kabupaten", Peran.ADMIN_KABUPATEN, None, None, "Kepala Bidang Aptika Dinkominfo"),
            (f"op.{kaligondang.slug}", Peran.OPERATOR_KECAMATAN, kaligondang, None, "Operator Sipande"),
            (f"admin.{showcase.slug}", Peran.ADMIN_DESA, kaligondang, showcase, "Kaur Perencanaan"),
            (f"operator.{showcase.slug}", Peran.OPERATOR_DESA, kaligondang, showcase, "Operator SID"),
            (f"kades.{showcase.slug}", Peran.KEPALA_DESA, kaligondang, showcase, "Kepala Desa"),
            (f"sekdes.{showcase.slug}", Peran.SEKDES, kaligondang, showcase, "Sekretaris Desa"),
            (f"perangkat.{showcase.slug}", Peran.PERANGKAT_DESA, kaligondang, showcase, "Kaur Keuangan"),
            (f"ppid.{showcase.slug}", Peran.PPID_DESA, kaligondang, showcase, "PPID Desa"),
        ]
        logins = []
        for username, peran, kecamatan, desa, jabatan in accounts:
            nama = nama_orang(fake, rng)
            lama = User.objects.filter(username=username).first()
            if lama is not None and lama.get_full_name():
                nama = lama.get_full_name()  # a person keeps their name when the demo is loaded again
            if peran == Peran.KEPALA_DESA:
                # One person: the account that signs, the name on the site and on the books.
                nama = desa.nama_kepala
            first, _sep, last = nama.partition(" ")
            user, _ = User.objects.update_or_create(
                username=username,
                defaults=dict(
                    kabupaten=kabupaten,
                    kecamatan=kecamatan,
                    desa=desa,
                    jabatan=jabatan,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@demo.balai.localhost",
                    is_active=True,
                    wajib_ganti_sandi=False,
                ),
            )
            password = generate_password()
            user.set_password(password)
            user.save()
            user.keanggotaan.all().delete()
            Keanggotaan.objects.create(user=user, peran=peran)
            tautan = ""
            if user.wajib_2fa and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                tautan = buat_tautan_2fa(actor=None, user=user)
            logins.append((username, password, user.nama_peran, desa or kecamatan or kabupaten, tautan))
        return logins

    def _print(self, kabupaten, showcase, logins, warga=()):
        lines = [
            "",
            f"Demo {kabupaten.nama} siap.",
            f"  Portal kabupaten : {site_url()}/   (dasbor: /dasbor/)",
            f"  Portal kecamatan : {site_url(label='kec-' + showcase.kecamatan.slug)}/",
            f"  Situs desa       : {site_url(label=showcase.slug)}/   (kantor: /admin-desa/)",
            "",
            "Akun demo (kata sandi dibuat baru setiap kali perintah ini dijalankan):",
        ]
        lines += [f"  {u:<28} {p:<16} {role} · {where}" for u, p, role, where, _t in logins]
        if warga:
            lines += ["", "Layanan Mandiri (warga masuk dengan NIK dan PIN, PIN dibuat baru setiap kali):", *warga]
        tautan = [(u, t) for u, _p, _r, _w, t in logins if t]
        if tautan:
            lines += [
                "",
                "Admin kabupaten dan operator kecamatan wajib memakai verifikasi dua langkah. Setelah masuk,",
                "buka tautan sekali pakai akun itu untuk mendaftarkan aplikasi autentikator:",
            ]
            lines += [f"  {u:<28} {t}" for u, t in tautan]
        text = "\n".join(lines)
        self.stdout.write(text)
        out = Path(settings.BALAI_DEMO_LOGINS_FILE)
        out.parent.mkdir(exist_ok=True)
        # Passwords: readable by the account that runs the demo only.
        out.touch(mode=0o600)
        out.chmod(0o600)
        out.write_text(text + "\n")
