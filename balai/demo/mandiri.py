"""Demo Layanan Mandiri accounts: a head of family in the showcase village who can sign in at
once (their PIN printed with the demo logins), a few more accounts there for the office list,
and one resident with a fresh PIN slip in a few other villages. PINs are new on every run."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from balai.core.tenancy import host_desa, origin
from balai.mandiri import services
from balai.mandiri.models import AkunWarga
from balai.penduduk import kode
from balai.penduduk.models import Penduduk

DESA_LAIN = 3


def _kepala_keluarga(desa, jumlah):
    """Heads of KKs with three or more living members, by KK number (the same on every run)."""
    return list(
        Penduduk.objects.filter(desa=desa, status_dasar=kode.HIDUP, shdk=kode.KEPALA_KELUARGA)
        .exclude(nik="")
        .annotate(anggota=Count("keluarga__anggota", filter=Q(keluarga__anggota__status_dasar=kode.HIDUP)))
        .filter(anggota__gte=3)
        .order_by("keluarga__no_kk")[:jumlah]
    )


def seed(*, villages, showcase, rng, fake, stdout):
    """Returns the lines the demo prints with its logins."""
    lines = []
    orang = _kepala_keluarga(showcase, 4)
    if not orang:
        return lines
    for i, p in enumerate(orang):
        _akun, pin = services.terbitkan_pin(desa=showcase, actor=None, penduduk=p)
        # As if they had signed in before and chosen a PIN of their own (so the demo opens at
        # once; a fresh slip's PIN must be changed first, as the other villages' show).
        masuk = timezone.now() - datetime.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 23))
        AkunWarga.objects.filter(desa=showcase, penduduk=p).update(wajib_ganti_pin=False, terakhir_masuk=masuk)
        if i == 0:
            lines.append(_baris(showcase, p, pin, "warga, PIN siap dipakai"))
    lain = sorted((d for d in villages if d.pk != showcase.pk), key=lambda d: d.kode)
    for desa in rng.sample(lain, min(DESA_LAIN, len(lain))):
        for p in _kepala_keluarga(desa, 1):
            _akun, pin = services.terbitkan_pin(desa=desa, actor=None, penduduk=p)
            lines.append(_baris(desa, p, pin, "warga, slip baru: ganti PIN saat masuk"))
    return lines


def _baris(desa, orang, pin, keterangan):
    return f"  NIK {orang.nik}  PIN {pin}  {orang.nama} · {keterangan} · {origin(host_desa(desa))}/mandiri/"
