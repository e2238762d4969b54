import datetime

from django.db.models import Count, Q
from django.utils import timezone

from .kode import HIDUP, KEPALA_KELUARGA
from .models import ImporPenduduk, Keluarga, Penduduk, Peristiwa


def daftar_penduduk(*, desa):
    """Residents with their place, ready for a list page (no per-row queries)."""
    return (
        Penduduk.objects.filter(desa=desa)
        .select_related("dusun", "rw", "rt", "keluarga")
        .only(
            "id",
            "nik",
            "nama",
            "jenis_kelamin",
            "tanggal_lahir",
            "shdk",
            "status_dasar",
            "dusun__nama",
            "rw__nomor",
            "rt__nomor",
            "keluarga__no_kk",
        )
        .order_by("nama", "id")
    )


def ringkasan(*, desa):
    """Counts for the list page header, one query."""
    return Penduduk.objects.filter(desa=desa).aggregate(
        hidup=Count("id", filter=Q(status_dasar=HIDUP)),
        laki=Count("id", filter=Q(status_dasar=HIDUP, jenis_kelamin=1)),
        perempuan=Count("id", filter=Q(status_dasar=HIDUP, jenis_kelamin=2)),
        keluarga=Count("keluarga", filter=Q(status_dasar=HIDUP, shdk=KEPALA_KELUARGA)),
    )


def detail_penduduk(*, desa, pk):
    return (
        Penduduk.objects.filter(desa=desa, pk=pk).select_related("dusun", "rw", "rt", "keluarga", "rumah_tangga").get()
    )


def riwayat(*, desa, penduduk):
    return (
        Peristiwa.objects.filter(desa=desa, penduduk=penduduk).select_related("dicatat_oleh").order_by("tanggal", "id")
    )


def daftar_keluarga(*, desa):
    """Families with their head's name and the number of living members (two queries per page)."""
    return (
        Keluarga.objects.filter(desa=desa)
        .select_related("dusun", "rw", "rt")
        .annotate(jumlah_anggota=Count("anggota", filter=Q(anggota__status_dasar=HIDUP)))
        .order_by("no_kk")
    )


def kepala_per_keluarga(*, desa, keluarga_ids):
    rows = Penduduk.objects.filter(
        desa=desa, keluarga_id__in=keluarga_ids, shdk=KEPALA_KELUARGA, status_dasar=HIDUP
    ).values_list("keluarga_id", "nama")
    return dict(rows)


def anggota_keluarga(*, desa, keluarga):
    return Penduduk.objects.filter(desa=desa, keluarga=keluarga).order_by("status_dasar", "shdk", "tanggal_lahir")


def daftar_impor(*, desa):
    return ImporPenduduk.objects.filter(desa=desa).select_related("dibuat_oleh").order_by("-dibuat")[:20]


def widget_penduduk(request):
    """Dashboard card: the register in numbers and this month's mutations (two queries)."""
    desa = request.desa
    sejak = timezone.localdate() - datetime.timedelta(days=30)
    mutasi = dict(Peristiwa.objects.filter(desa=desa, tanggal__gte=sejak).values_list("jenis").annotate(n=Count("id")))
    return {"ringkasan": ringkasan(desa=desa), "mutasi": mutasi, "Jenis": Peristiwa.Jenis}
