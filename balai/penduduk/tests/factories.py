"""Builders for tests: valid residents and families with as few arguments as possible."""

import datetime
import itertools

from django_scopes import scopes_disabled

from balai.penduduk import kode
from balai.penduduk.models import Keluarga, Penduduk

_seq = itertools.count(1)


def nik_for(desa, tanggal_lahir, *, perempuan=False, urut=None):
    """A valid NIK issued in `desa`'s kecamatan for someone born on `tanggal_lahir`."""
    wilayah = desa.kode.replace(".", "")[:6]
    day = tanggal_lahir.day + (40 if perempuan else 0)
    urut = next(_seq) if urut is None else urut
    return f"{wilayah}{day:02d}{tanggal_lahir.month:02d}{tanggal_lahir.year % 100:02d}{urut % 10000:04d}"


def no_kk_for(desa, urut=None):
    wilayah = desa.kode.replace(".", "")[:6]
    return f"{wilayah}0101{20:02d}{(next(_seq) if urut is None else urut) % 10000:04d}"


def make_keluarga(desa, **kw):
    kw.setdefault("no_kk", no_kk_for(desa))
    return Keluarga.objects.create(desa=desa, **kw)


def make_penduduk(desa, **kw):
    tanggal_lahir = kw.pop("tanggal_lahir", datetime.date(1985, 3, 7))
    jk = kw.pop("jenis_kelamin", kode.LAKI_LAKI)
    kw.setdefault("nik", nik_for(desa, tanggal_lahir, perempuan=jk == kode.PEREMPUAN))
    kw.setdefault("nama", f"Warga Uji {next(_seq)}")
    defaults = dict(
        tempat_lahir="Purbalingga",
        agama=1,
        pendidikan_kk=5,
        pekerjaan=9,
        status_kawin=2,
        shdk=kode.KEPALA_KELUARGA if kw.get("keluarga") else 4,
        warganegara=1,
    )
    for k, v in defaults.items():
        kw.setdefault(k, v)
    return Penduduk.objects.create(desa=desa, tanggal_lahir=tanggal_lahir, jenis_kelamin=jk, **kw)


def make_kk(desa, *, nama="Kepala", anggota=2, rt=None, mati=0):
    """A KK with a living head, `anggota` more living members and `mati` dead ones:
    [head, members..., dead...]."""
    with scopes_disabled():
        kk = make_keluarga(desa, rt=rt)
        place = {"rt": rt, "rw": rt.rw, "dusun": rt.rw.dusun} if rt else {}
        orang = [make_penduduk(desa, keluarga=kk, shdk=kode.KEPALA_KELUARGA, nama=nama, **place)]
        for i in range(anggota):
            orang.append(make_penduduk(desa, keluarga=kk, shdk=4, nama=f"{nama} Anak {i + 1}", **place))
        for i in range(mati):
            orang.append(
                make_penduduk(desa, keluarga=kk, shdk=4, nama=f"{nama} Almarhum {i + 1}", status_dasar=kode.MATI)
            )
    return kk, orang


def anggota_ids(r):
    """Ids of a household's members, whatever their status."""
    with scopes_disabled():
        return set(Penduduk.objects.filter(rumah_tangga=r).values_list("pk", flat=True))
