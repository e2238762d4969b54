"""Reads of Layanan Mandiri, each a fixed number of queries."""

from balai.penduduk.kode import HIDUP
from balai.penduduk.models import Penduduk, nama_memuat

from .models import AkunWarga

MAKS_HASIL_CARI = 20


def akun_untuk_nik(*, desa, nik):
    """The active account of the living resident with this NIK in `desa`, or None (one query)."""
    if not nik:
        return None
    return (
        AkunWarga.objects.select_related("penduduk")
        .filter(desa=desa, aktif=True, penduduk__desa=desa, penduduk__nik=nik, penduduk__status_dasar=HIDUP)
        .first()
    )


def akun_sesi(*, desa, pk):
    """The account a session names, if it may still be used: active, its resident alive and
    still registered in this village (one query)."""
    return (
        AkunWarga.objects.select_related("penduduk", "penduduk__keluarga")
        .filter(desa=desa, pk=pk, aktif=True, penduduk__desa=desa, penduduk__status_dasar=HIDUP)
        .first()
    )


def anggota_keluarga(*, akun):
    """The living members of the resident's KK, the head first (the resident alone without a KK)."""
    penduduk = akun.penduduk
    if penduduk.keluarga_id is None:
        return [penduduk]
    return list(
        Penduduk.objects.filter(desa_id=akun.desa_id, keluarga_id=penduduk.keluarga_id, status_dasar=HIDUP).order_by(
            "shdk", "tanggal_lahir", "id"
        )
    )


def daftar_akun(*, desa, batas=50):
    """The most recent accounts with their residents, and how many there are."""
    qs = AkunWarga.objects.filter(desa=desa)
    return list(qs.select_related("penduduk")[:batas]), qs.count()


def cari_penduduk(*, desa, q):
    """Living residents whose name holds `q`, or whose NIK is `q` (16 digits), each with its
    account or None: [(penduduk, akun), ...] in two queries."""
    q = q.strip()
    if not q:
        return []
    qs = Penduduk.objects.filter(desa=desa, status_dasar=HIDUP)
    qs = qs.filter(nik=q) if q.isdigit() and len(q) == 16 else qs.filter(nama_memuat(q))
    orang = list(qs.order_by("nama", "id")[:MAKS_HASIL_CARI])
    akun = {a.penduduk_id: a for a in AkunWarga.objects.filter(desa=desa, penduduk__in=orang)}
    return [(p, akun.get(p.pk)) for p in orang]


def akun_penduduk(*, desa, penduduk):
    return AkunWarga.objects.filter(desa=desa, penduduk=penduduk).first()
