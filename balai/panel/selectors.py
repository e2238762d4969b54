"""Reads for the dashboards. Kabupaten-wide reads disable scoping explicitly and visibly."""

from collections import Counter
from datetime import datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.models import User
from balai.core import kesegaran
from balai.core.dashboard import SEGAR_TTL, WIDGET_TTL
from balai.core.models import AuditEntry
from balai.penduduk.services import AKSI_CEK_NIK
from balai.wilayah.models import Desa, Kecamatan
from balai.wilayah.selectors import jumlah_dusun_per_desa


def kecamatan_cocok(*, kabupaten, q):
    """Kecamatan whose name matches a search (so "kaligondang" finds the kecamatan itself)."""
    q = " ".join(q.split())[:100]
    if not q:
        return []
    return list(
        Kecamatan.objects.filter(kabupaten=kabupaten, nama__icontains=q).annotate(jumlah=Count("desa")).order_by("nama")
    )


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


def kolom_aktivitas(desa_ids, awal, akhir):
    """Village column: the last time a village's staff did anything recorded (one query)."""
    return aktivitas_terakhir_per_desa(desa_ids)


def baris_desa(villages, *, kabupaten=None):
    """Villages decorated with dusun count and last staff activity (two extra queries in total),
    and, given the kabupaten, their freshness as balai.core.kesegaran defines it (`terakhir`,
    `hari`, `basi`; one query per freshness source)."""
    villages = list(villages)
    ids = [d.pk for d in villages]
    with scopes_disabled():
        dusun = jumlah_dusun_per_desa(ids)
    activity = aktivitas_terakhir_per_desa(ids)
    segar = kesegaran.per_desa(ids, kabupaten.ambang_kesegaran_hari) if kabupaten is not None else {}
    for d in villages:
        d.jumlah_dusun = dusun.get(d.pk, 0)
        d.aktivitas_terakhir = activity.get(d.pk)
        if d.pk in segar:
            d.terakhir, d.hari, d.basi = segar[d.pk].terakhir, segar[d.pk].hari, segar[d.pk].basi
    return villages


def ringkasan_kabupaten(*, kabupaten):
    """The kabupaten dashboard's header figures, live (failed sign-ins matter now): three queries."""
    since = timezone.now() - timedelta(days=1)
    desa = Desa.objects.filter(kecamatan__kabupaten=kabupaten).aggregate(
        jumlah_desa=Count("pk", filter=Q(jenis=Desa.Jenis.DESA)),
        jumlah_kelurahan=Count("pk", filter=Q(jenis=Desa.Jenis.KELURAHAN)),
        desa_nonaktif=Count("pk", filter=Q(aktif=False)),
    )
    users = User.objects.filter(kabupaten=kabupaten, is_active=True).aggregate(
        jumlah_pengguna=Count("pk", distinct=True),
        pengguna_2fa=Count("pk", filter=Q(totpdevice__confirmed=True), distinct=True),
    )
    with scopes_disabled():
        audit = AuditEntry.objects.filter(waktu__gte=since, action__in=("akun.gagal_masuk", AKSI_CEK_NIK)).aggregate(
            gagal_masuk_24_jam=Count("pk", filter=Q(action="akun.gagal_masuk")),
            cek_nik_desa_lain_24_jam=Count("pk", filter=Q(action=AKSI_CEK_NIK)),
        )
    return {**desa, **users, **audit, "aksi_cek_nik": AKSI_CEK_NIK}


def per_kecamatan(*, kabupaten, segarkan=False):
    """Per kecamatan: villages, switched-off sites and stale sites (freshness as
    balai.core.kesegaran defines it, over the active villages). Kept for up to two minutes, as
    the dashboard's widgets are (balai.core.dashboard): freshness reads every village's latest
    publication. `segarkan`: compute it anew and keep it as the timer does (SEGAR_TTL)."""
    key = f"panel:per-kecamatan:{kabupaten.pk}"
    rows = None if segarkan else cache.get(key)
    if rows is None:
        rows = _per_kecamatan(kabupaten)
        cache.set(key, rows, SEGAR_TTL if segarkan else WIDGET_TTL)
    return rows


def _per_kecamatan(kabupaten):
    rows = list(
        Desa.objects.filter(kecamatan__kabupaten=kabupaten)
        .values("kecamatan__nama", "kecamatan__slug")
        .annotate(jumlah=Count("id"), nonaktif=Count("id", filter=Q(aktif=False)))
        .order_by("kecamatan__kode")
    )
    aktif = list(Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True).values_list("pk", "kecamatan__slug"))
    segar = kesegaran.per_desa([pk for pk, _slug in aktif], kabupaten.ambang_kesegaran_hari)
    basi = Counter(slug for pk, slug in aktif if segar[pk].basi)
    for row in rows:
        row["basi"] = basi.get(row["kecamatan__slug"], 0)
    return rows


def audit_entries(*, desa=None, kecamatan=None, kabupaten_wide=False, action=""):
    """Audit entries (newest first, a queryset) for a village (inside its scope), a kecamatan,
    or the whole kabupaten. `action` is an exact action code."""
    if kabupaten_wide:
        with scopes_disabled():
            qs = AuditEntry.objects.all()
    elif desa is not None:
        qs = AuditEntry.objects.filter(desa=desa)
    else:
        qs = AuditEntry.objects.filter(desa__kecamatan=kecamatan)
    if action:
        qs = qs.filter(action=action)
    if desa is None:
        qs = qs.select_related("desa")  # the region's logs name each entry's village
    return qs.order_by("-waktu", "-id")


def saring_audit(qs, *, dari=None, sampai=None, pengguna="", jenis="", tindakan="", pengguna_persis=False):
    """Narrow audit entries by day range (local days, whole days inclusive), account, object
    type and action. Uses the time index: the days become a half-open range of instants."""
    tz = timezone.get_current_timezone()
    if dari:
        qs = qs.filter(waktu__gte=datetime.combine(dari, time.min, tzinfo=tz))
    if sampai:
        qs = qs.filter(waktu__lt=datetime.combine(sampai + timedelta(days=1), time.min, tzinfo=tz))
    if pengguna:
        qs = qs.filter(actor_label=pengguna) if pengguna_persis else qs.filter(actor_label__icontains=pengguna)
    if jenis:
        qs = qs.filter(object_type=jenis)
    if tindakan:
        qs = qs.filter(action=tindakan)
    return qs


def jenis_objek_choices(qs):
    """[(object_type, readable name)] of the object types present in `qs` (one query)."""
    from balai.core.models import jenis_objek_label

    types = qs.exclude(object_type="").order_by().values_list("object_type", flat=True).distinct()
    return sorted(((t, jenis_objek_label(t)) for t in types), key=lambda c: c[1])
