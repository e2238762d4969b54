import datetime

import pytest
from django_scopes import scopes_disabled

from balai.penduduk import kode
from balai.penduduk.tests.factories import make_keluarga, make_penduduk
from balai.wilayah.models import RT, RW, Dusun


def umur(tahun, hari_ini=None):
    """A birth date making someone `tahun` years old today (birthday 10 days ago)."""
    hari_ini = hari_ini or datetime.date.today()
    d = hari_ini - datetime.timedelta(days=10)
    try:
        return d.replace(year=d.year - tahun)
    except ValueError:
        return d.replace(year=d.year - tahun, day=28)


@pytest.fixture
def warga_a(desa_a):
    """A known village A: 12 living residents and 1 dead one.

    men: ages 3, 30 (kepala), 40 (kepala, cacat netra), 70, 80 (dead: not counted) -> 4 living
    women: ages 3, 8, 25 (istri, hamil), 33, 45 (kepala), 61, 62, 77 -> 8
    """
    with scopes_disabled():
        dusun = Dusun.objects.create(desa=desa_a, nama="Krajan")
        rw = RW.objects.create(desa=desa_a, dusun=dusun, nomor=1)
        rt1 = RT.objects.create(desa=desa_a, rw=rw, nomor=1)
        rt2 = RT.objects.create(desa=desa_a, rw=rw, nomor=2)
        place1 = dict(dusun=dusun, rw=rw, rt=rt1)
        place2 = dict(dusun=dusun, rw=rw, rt=rt2)
        k1, k2, k3 = make_keluarga(desa_a), make_keluarga(desa_a), make_keluarga(desa_a)
        L, P = kode.LAKI_LAKI, kode.PEREMPUAN
        people = [
            dict(jenis_kelamin=L, tanggal_lahir=umur(3), shdk=4, status_kawin=1, keluarga=k1, **place1),
            dict(jenis_kelamin=L, tanggal_lahir=umur(30), shdk=1, keluarga=k1, akta_lahir="X-1", bahasa=4, **place1),
            dict(jenis_kelamin=L, tanggal_lahir=umur(40), shdk=1, keluarga=k2, cacat=2, agama=2, **place1),
            dict(jenis_kelamin=L, tanggal_lahir=umur(70), shdk=7, keluarga=k2, **place2),
            dict(jenis_kelamin=P, tanggal_lahir=umur(3), shdk=4, status_kawin=1, keluarga=k1, **place1),
            dict(jenis_kelamin=P, tanggal_lahir=umur(8), shdk=4, status_kawin=1, keluarga=k2, **place1),
            dict(jenis_kelamin=P, tanggal_lahir=umur(25), shdk=3, keluarga=k1, hamil=True, **place1),
            dict(jenis_kelamin=P, tanggal_lahir=umur(33), shdk=3, keluarga=k2, agama=2, **place2),
            dict(jenis_kelamin=P, tanggal_lahir=umur(45), shdk=1, keluarga=k3, status_kawin=4, **place2),
            dict(jenis_kelamin=P, tanggal_lahir=umur(61), shdk=9, keluarga=k3, **place2),
            dict(jenis_kelamin=P, tanggal_lahir=umur(62), shdk=9, keluarga=k3, **place2),
            dict(jenis_kelamin=P, tanggal_lahir=umur(77), shdk=9, keluarga=k3, **place2),
            dict(jenis_kelamin=L, tanggal_lahir=umur(80), shdk=9, status_dasar=kode.MATI, **place2),
        ]
        return [make_penduduk(desa_a, **p) for p in people]


@pytest.fixture
def warga_b(desa_b):
    """Village B: 3 residents, all men aged 50 - must never show up in A's figures."""
    with scopes_disabled():
        return [
            make_penduduk(desa_b, nama=f"Warga Karangpetir Rahasia {i}", tanggal_lahir=umur(50), agama=4)
            for i in range(3)
        ]


@pytest.fixture
def warga_banyak(desa_a, warga_a):
    """Village A grown to 60 living residents, enough for the public sensitive tables to be broken
    down: 48 more, all Muslim and TIDAK CACAT (so A has 58 ISLAM, 2 KRISTEN; 48 TIDAK CACAT,
    1 CACAT NETRA/BUTA, 11 without a cacat code)."""
    with scopes_disabled():
        dusun = Dusun.objects.get(desa=desa_a)
        rt = RT.objects.filter(desa=desa_a).first()
        for i in range(48):
            make_penduduk(desa_a, tanggal_lahir=umur(20 + i), cacat=7, dusun=dusun, rw=rt.rw, rt=rt)
    return warga_a
