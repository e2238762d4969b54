"""Demo data for the kecamatan's table of villages (Kaligondang): an operator account in every
other village of the showcase's kecamatan, each last signed in some days ago (one long ago), the
showcase's staff signed in this week, and the neighbours' officials' attendance for last month
and this month so far, some villages more diligent than others. Bulk writes; run again, it
leaves what is there."""

from datetime import timedelta

from django.utils import timezone

from balai.akun.models import Keanggotaan, Peran, User
from balai.core.kalender import hari_kerja_dalam
from balai.kehadiran.models import Kehadiran, PengaturanKehadiran
from balai.website.models import Perangkat

from .kehadiran import _hari


def seed(*, villages, showcase, rng, fake, stdout):
    sekarang = timezone.now()
    tetangga = [d for d in villages if d.kecamatan_id == showcase.kecamatan_id and d != showcase]
    _akun(showcase, tetangga, sekarang, rng)
    hadir = _kehadiran(tetangga, rng)
    stdout.write(f"  kecamatan {showcase.kecamatan.nama}: {len(tetangga)} desa tetangga, {hadir} hari hadir perangkat")


def _akun(showcase, tetangga, sekarang, rng):
    for i, u in enumerate(User.objects.filter(desa=showcase).order_by("pk")):
        User.objects.filter(pk=u.pk, last_login__isnull=True).update(last_login=sekarang - timedelta(hours=3 + 20 * i))
    for i, desa in enumerate(tetangga):
        user, baru = User.objects.get_or_create(
            username=f"operator.{desa.slug}",
            defaults=dict(
                kabupaten_id=desa.kecamatan.kabupaten_id, kecamatan_id=desa.kecamatan_id, desa=desa,
                jabatan="Operator SID", email=f"operator.{desa.slug}@demo.balai.localhost",
            ),
        )  # fmt: skip
        if baru:
            user.set_unusable_password()  # shown on the dashboards only; nobody signs in with it
            # Most signed in within the last two weeks; every fifth has not for two months.
            hari = rng.randint(50, 70) if i % 5 == 4 else rng.randint(0, 14)
            user.last_login = sekarang - timedelta(days=hari, hours=rng.randint(0, 8))
            user.save()
            Keanggotaan.objects.create(user=user, peran=Peran.OPERATOR_DESA)


def _kehadiran(tetangga, rng):
    hari_ini = timezone.localdate()
    awal = (hari_ini.replace(day=1) - timedelta(days=1)).replace(day=1)
    hari = [h for h in hari_kerja_dalam(awal, hari_ini) if h < hari_ini]
    sudah = set(Kehadiran.objects.filter(desa__in=tetangga).values_list("desa_id", flat=True).distinct())
    aturan = PengaturanKehadiran()  # the default hours
    rows = []
    for desa in tetangga:
        if desa.pk in sudah:
            continue
        rajin = rng.uniform(0.7, 0.98)
        for p in Perangkat.objects.filter(desa=desa, urutan__lt=20):
            rows += [_hari(desa, p, h, aturan, rng) for h in hari if rng.random() < rajin]
    Kehadiran.objects.bulk_create(rows)
    return len(rows)
