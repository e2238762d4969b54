"""Measures the oversight itself declares (from core data every module feeds)."""

from balai.core import kesegaran


def hari_sejak_terbit(desa_ids, awal, akhir):
    """Whole days from the village's latest public publication (any module) to `akhir`."""
    return {d: max((akhir - t).days, 0) for d, t in kesegaran.terakhir(desa_ids).items() if t <= akhir}


def situs_basi(desa_ids):
    """Alert: villages whose site is stale by the kabupaten's one definition (core.kesegaran)."""
    from balai.wilayah.models import Desa

    desa_ids = list(desa_ids)
    if not desa_ids:
        return []
    ambang = Desa.objects.filter(pk=desa_ids[0]).values_list("kecamatan__kabupaten__ambang_kesegaran_hari", flat=True)[
        0
    ]
    hasil = []
    for desa_id, k in kesegaran.per_desa(desa_ids, ambang).items():
        if k.basi:
            pesan = (
                "Situs belum pernah menerbitkan apa pun."
                if k.terakhir is None
                else f"Tidak ada terbitan {k.hari} hari."
            )
            hasil.append((desa_id, pesan))
    return hasil


def tanpa_akun_aktif(desa_ids):
    """Alert: villages where no staff account signed in during the last 30 days."""
    from datetime import timedelta

    from django.utils import timezone

    from balai.akun.models import User

    batas = timezone.now() - timedelta(days=30)
    aktif = set(
        User.objects.filter(desa_id__in=desa_ids, is_active=True, last_login__gte=batas).values_list(
            "desa_id", flat=True
        )
    )
    return [(d, "Tidak ada petugas desa yang masuk dalam 30 hari.") for d in desa_ids if d not in aktif]
