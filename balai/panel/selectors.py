"""Reads for the dashboards. Kabupaten-wide reads disable scoping explicitly and visibly."""

from datetime import timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.models import User
from balai.core.models import AuditEntry
from balai.penduduk.services import AKSI_CEK_NIK
from balai.wilayah.models import Desa
from balai.wilayah.selectors import jumlah_dusun_per_desa


def direktori_desa(*, kabupaten, kecamatan=None, q=""):
    qs = Desa.objects.filter(kecamatan__kabupaten=kabupaten).select_related("kecamatan")
    if kecamatan is not None:
        qs = qs.filter(kecamatan=kecamatan)
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__startswith=q) | Q(kecamatan__nama__icontains=q))
    return qs.annotate(jumlah_pengguna=Count("pengguna", filter=Q(pengguna__is_active=True))).order_by("kode")


def aktivitas_terakhir_per_desa(desa_ids):
    """{desa_id: time of the last operator action} in one query."""
    with scopes_disabled():
        rows = (
            AuditEntry.objects.filter(desa_id__in=desa_ids, actor__isnull=False)
            .exclude(action__startswith="akun.")
            .values("desa_id")
            .annotate(terakhir=Max("waktu"))
        )
        return {r["desa_id"]: r["terakhir"] for r in rows}


def baris_desa(villages):
    """Villages decorated with dusun count and last activity, in two extra queries in total."""
    villages = list(villages)
    ids = [d.pk for d in villages]
    with scopes_disabled():
        dusun = jumlah_dusun_per_desa(ids)
    activity = aktivitas_terakhir_per_desa(ids)
    for d in villages:
        d.jumlah_dusun = dusun.get(d.pk, 0)
        d.aktivitas_terakhir = activity.get(d.pk)
    return villages


def ringkasan_kabupaten(*, kabupaten):
    since = timezone.now() - timedelta(days=1)
    desa = Desa.objects.filter(kecamatan__kabupaten=kabupaten)
    users = User.objects.filter(kabupaten=kabupaten, is_active=True)
    with scopes_disabled():
        gagal = AuditEntry.objects.filter(action="akun.gagal_masuk", waktu__gte=since).count()
        cek_nik = AuditEntry.objects.filter(action=AKSI_CEK_NIK, waktu__gte=since).count()
        aktif_7_hari = (
            AuditEntry.objects.filter(
                desa__isnull=False, actor__isnull=False, waktu__gte=timezone.now() - timedelta(days=7)
            )
            .values("desa_id")
            .distinct()
            .count()
        )
    return {
        "jumlah_desa": desa.filter(jenis=Desa.Jenis.DESA).count(),
        "jumlah_kelurahan": desa.filter(jenis=Desa.Jenis.KELURAHAN).count(),
        "desa_nonaktif": desa.filter(aktif=False).count(),
        "jumlah_pengguna": users.count(),
        "pengguna_2fa": users.filter(totpdevice__confirmed=True).distinct().count(),
        "gagal_masuk_24_jam": gagal,
        "cek_nik_desa_lain_24_jam": cek_nik,
        "aksi_cek_nik": AKSI_CEK_NIK,
        "desa_aktif_7_hari": aktif_7_hari,
    }


def per_kecamatan(*, kabupaten):
    return (
        Desa.objects.filter(kecamatan__kabupaten=kabupaten)
        .values("kecamatan__nama", "kecamatan__slug")
        .annotate(jumlah=Count("id"), nonaktif=Count("id", filter=Q(aktif=False)))
        .order_by("kecamatan__kode")
    )


def audit_entries(*, desa=None, kecamatan=None, kabupaten_wide=False, action=""):
    """Audit entries for a village (inside its scope), a kecamatan, or the whole kabupaten."""
    if kabupaten_wide:
        with scopes_disabled():
            qs = AuditEntry.objects.all()
            if action:
                qs = qs.filter(action__startswith=action)
            return list(qs.select_related("desa")[:200])
    qs = (
        AuditEntry.objects.filter(desa=desa)
        if desa is not None
        else AuditEntry.objects.filter(desa__kecamatan=kecamatan)
    )
    if action:
        qs = qs.filter(action__startswith=action)
    return list(qs.select_related("desa")[:200])
