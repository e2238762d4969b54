"""Reads of staff accounts for the kecamatan's view of its villages."""

from django.db.models import Count, Max, Q

from .models import User


def kolom_akun(desa_ids, awal, akhir):
    """Village columns: active staff accounts of each village and the latest sign-in of any of
    them (`User.last_login`); one query."""
    rows = (
        User.objects.filter(desa_id__in=desa_ids)
        .order_by()
        .values("desa_id")
        .annotate(aktif=Count("id", filter=Q(is_active=True)), terakhir=Max("last_login", filter=Q(is_active=True)))
    )
    return {r["desa_id"]: {"aktif": r["aktif"], "terakhir": r["terakhir"]} for r in rows}


def bagian_desa(*, desa, awal, akhir):
    """The kecamatan's read-only page of a village: its staff accounts with roles, last sign-in
    and whether they are active (two queries)."""
    akun = User.objects.filter(desa=desa).prefetch_related("keanggotaan").order_by("-is_active", "username")
    return {"akun": list(akun)}
