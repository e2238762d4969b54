from django.core.cache import cache
from django.db.models import Count, Prefetch

from .models import RT, RW, Dusun


def pohon_wilayah(*, desa):
    """Dusun with their RW and RT, in three queries whatever the size of the village."""
    rt = Prefetch("rt", queryset=RT.objects.filter(desa=desa).order_by("nomor"))
    rw = Prefetch("rw", queryset=RW.objects.filter(desa=desa).order_by("nomor").prefetch_related(rt))
    return Dusun.objects.filter(desa=desa).prefetch_related(rw).order_by("nama")


JUMLAH_TTL = 60 * 60


def _kunci_jumlah(desa_id):
    return f"wilayah:jumlah:{desa_id}"


def jumlah_wilayah(*, desa):
    """{dusun, rw, rt}: how many the village has. Shown on its dashboard and front page all day,
    so cached until a dusun, RW or RT changes (signals in balai.wilayah.apps)."""
    key = _kunci_jumlah(desa.pk)
    jumlah = cache.get(key)
    if jumlah is None:
        jumlah = {
            "dusun": Dusun.objects.filter(desa=desa).count(),
            "rw": RW.objects.filter(desa=desa).count(),
            "rt": RT.objects.filter(desa=desa).count(),
        }
        cache.set(key, jumlah, JUMLAH_TTL)
    return jumlah


def lupakan_jumlah(*, desa_id):
    cache.delete(_kunci_jumlah(desa_id))


def jumlah_dusun_per_desa(desa_ids):
    """{desa_id: number of dusun} for a list of villages, one query."""
    rows = Dusun.objects.filter(desa_id__in=desa_ids).values("desa_id").annotate(n=Count("id"))
    return {r["desa_id"]: r["n"] for r in rows}
