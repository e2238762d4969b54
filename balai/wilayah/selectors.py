from django.db.models import Count, Prefetch, Subquery
from django.db.models.functions import Coalesce

from .models import RT, RW, Desa, Dusun


def pohon_wilayah(*, desa):
    """Dusun with their RW and RT, in three queries whatever the size of the village."""
    rt = Prefetch("rt", queryset=RT.objects.filter(desa=desa).order_by("nomor"))
    rw = Prefetch("rw", queryset=RW.objects.filter(desa=desa).order_by("nomor").prefetch_related(rt))
    return Dusun.objects.filter(desa=desa).prefetch_related(rw).order_by("nama")


def _jumlah(model, desa):
    counted = model.objects.filter(desa=desa).order_by().values("desa").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def jumlah_wilayah(*, desa):
    """The village's numbers of dusun, RW and RT (one query)."""
    row = (
        Desa.objects.filter(pk=desa.pk)
        .values(n_dusun=_jumlah(Dusun, desa), n_rw=_jumlah(RW, desa), n_rt=_jumlah(RT, desa))
        .get()
    )
    return {"dusun": row["n_dusun"], "rw": row["n_rw"], "rt": row["n_rt"]}


def jumlah_dusun_per_desa(desa_ids):
    """{desa_id: number of dusun} for a list of villages, one query."""
    rows = Dusun.objects.filter(desa_id__in=desa_ids).values("desa_id").annotate(n=Count("id"))
    return {r["desa_id"]: r["n"] for r in rows}
