"""Reads for the public pages, widgets, back office and the kecamatan/kabupaten views. Every
function runs a fixed number of queries, whatever the number of rows."""

from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core.hitung import hitung_per_desa
from balai.media.models import Gambar
from balai.wilayah.models import Desa

from .choices import Status
from .models import FotoProgres, Progres, Proyek

BERANDA_PROYEK = 3


def proyek_terbit(*, desa):
    return Proyek.objects.filter(desa=desa, terbit=True)


def dengan_lokasi(qs):
    return qs.select_related("dusun", "rw", "rt__rw", "kegiatan")


def dengan_sampul(proyek_list):
    """Set `.sampul` on each project: the first photo of its latest update with photos (two
    queries for any number of projects). Returns the list."""
    proyek_list = list(proyek_list)
    if not proyek_list:
        return proyek_list
    desa_id = proyek_list[0].desa_id
    terakhir = (
        FotoProgres.objects.filter(desa_id=desa_id, progres__proyek=OuterRef("pk"))
        .order_by("-progres__tanggal", "-progres__id", "urutan", "id")
        .values("gambar_id")[:1]
    )
    ids = dict(
        Proyek.objects.filter(desa_id=desa_id, pk__in=[p.pk for p in proyek_list])
        .annotate(g=Subquery(terakhir))
        .values_list("pk", "g")
    )
    gambar = Gambar.objects.filter(desa_id=desa_id).in_bulk([g for g in ids.values() if g])
    for p in proyek_list:
        p.sampul = gambar.get(ids.get(p.pk))
    return proyek_list


def tahun_ada(*, desa, terbit_saja=True):
    qs = proyek_terbit(desa=desa) if terbit_saja else Proyek.objects.filter(desa=desa)
    return list(qs.order_by("-tahun").values_list("tahun", flat=True).distinct())


def timeline(*, proyek):
    """The project's updates, oldest first, each with its photos (two queries)."""
    fotos = FotoProgres.objects.filter(desa_id=proyek.desa_id).select_related("gambar").order_by("urutan", "id")
    return list(
        Progres.objects.filter(desa_id=proyek.desa_id, proyek=proyek)
        .select_related("artikel")
        .prefetch_related(Prefetch("foto", queryset=fotos))
        .order_by("tanggal", "id")
    )


def riwayat(*, proyek, limit=20):
    """The project's latest audit entries with readable action names (one query)."""
    from balai.core import audit
    from balai.core.models import AuditEntry

    entries = list(
        AuditEntry.objects.filter(desa_id=proyek.desa_id, object_type="pembangunan.proyek", object_id=str(proyek.pk))
        .only("waktu", "actor_label", "action", "changes")
        .order_by("-waktu", "-id")[:limit]
    )
    for e in entries:
        e.label = audit.label(e.action)
    return entries


def ringkasan(*, desa, qs=None):
    """Counts and sums of a list of projects for the header of the list (one query)."""
    qs = proyek_terbit(desa=desa) if qs is None else qs
    return qs.aggregate(
        jumlah=Count("pk"),
        selesai=Count("pk", filter=Q(status=Status.SELESAI)),
        berjalan=Count("pk", filter=Q(status=Status.BERJALAN)),
        anggaran=Sum("anggaran"),
    )


# --- village site: front page, search, sitemap, freshness (registered in apps.py) ---------


def beranda_pembangunan(request):
    qs = dengan_lokasi(proyek_terbit(desa=request.desa)).exclude(status=Status.BATAL)
    return {"proyek_list": dengan_sampul(qs.order_by("-diperbarui", "-pk")[:BERANDA_PROYEK])}


def cari_proyek(*, desa, q):
    from balai.core import pencarian

    qs = proyek_terbit(desa=desa).filter(pencarian.cocok(q, "nama", "lokasi", "pelaksana", "uraian"))
    return qs.annotate(judul=F("nama"), ringkasan_cari=F("uraian"), tanggal_cari=F("diperbarui")).order_by(
        "-tahun", "-diperbarui", "-pk"
    )


def sitemap_entries(*, desa):
    entries = [(reverse("pembangunan:daftar"), None)]
    qs = proyek_terbit(desa=desa).order_by("-diperbarui").values_list("slug", "diperbarui")[:5000]
    entries += [(reverse("pembangunan:detail", args=[slug]), diperbarui) for slug, diperbarui in qs]
    return entries


def terbitan_terakhir(desa_ids):
    """Freshness source: {desa_id: latest change of a published project} (a progress update
    touches its project), one query."""
    return hitung_per_desa(Proyek.objects.filter(terbit=True), desa_ids, t=Max("diperbarui"))


def ukuran_progres(desa_ids, awal, akhir):
    """Activity measure: progress updates of published projects the village recorded in
    [awal, akhir) (one query)."""
    return hitung_per_desa(Progres.objects.filter(proyek__terbit=True, dibuat__gte=awal, dibuat__lt=akhir), desa_ids)


def proyek_terlambat(desa_ids):
    """Alert: villages with projects past their planned end, neither finished nor postponed or
    cancelled (one query)."""
    hari_ini = timezone.localdate()
    rows = hitung_per_desa(
        Proyek.objects.filter(rencana_selesai__lt=hari_ini, status__in=[Status.RENCANA, Status.BERJALAN]),
        desa_ids,
        n=Count("pk"),
        paling_lama=Min("rencana_selesai"),
    )
    return [
        (
            desa_id,
            f"{r['n']} kegiatan pembangunan melewati rencana selesai tanpa dilaporkan selesai "
            f"(paling lama {(hari_ini - r['paling_lama']).days} hari).",
        )
        for desa_id, r in rows.items()
    ]


# --- kecamatan and kabupaten ---------------------------------------------------------------


def rekap_desa(*, kabupaten, kecamatan=None, tahun=None):
    """Every village of the kabupaten (or kecamatan) with its projects of `tahun`: how many,
    how many finished, running, total budget and the mean progress. Two queries."""
    tahun = tahun or timezone.localdate().year
    villages = Desa.objects.filter(kecamatan__kabupaten=kabupaten).select_related("kecamatan").order_by("kode")
    if kecamatan is not None:
        villages = villages.filter(kecamatan=kecamatan)
    villages = list(villages)
    per_desa = _rekap_per_desa([d.pk for d in villages], tahun)
    for d in villages:
        r = per_desa.get(d.pk, {})
        d.jumlah = r.get("jumlah", 0)
        d.selesai = r.get("selesai", 0)
        d.berjalan = r.get("berjalan", 0)
        d.anggaran = r.get("anggaran") or 0
        d.rata_persen = round(r["persen_total"] / r["jumlah"]) if r.get("jumlah") else None
    return villages


def _rekap_per_desa(desa_ids, tahun):
    """{desa_id: {jumlah, selesai, berjalan, anggaran, persen_total}} of the year's projects,
    cancelled ones left out (one query)."""
    with scopes_disabled():
        return hitung_per_desa(
            Proyek.objects.filter(tahun=tahun).exclude(status=Status.BATAL),
            desa_ids,
            jumlah=Count("pk"),
            selesai=Count("pk", filter=Q(status=Status.SELESAI)),
            berjalan=Count("pk", filter=Q(status=Status.BERJALAN)),
            anggaran=Sum("anggaran"),
            persen_total=Sum("persen"),
        )


def kolom_proyek(desa_ids, awal, akhir):
    """Village columns: projects of the year the period ends in (cancelled ones left out, as
    `rekap_desa` counts them) and their mean progress, and when a published project last
    changed (the freshness source `terbitan_terakhir`). Two queries."""
    from datetime import timedelta

    tahun = timezone.localdate(akhir - timedelta(microseconds=1)).year
    hasil = {
        desa_id: {"jumlah": r["jumlah"], "rata_persen": round(r["persen_total"] / r["jumlah"]) if r["jumlah"] else None}
        for desa_id, r in _rekap_per_desa(desa_ids, tahun).items()
    }
    for desa_id, t in terbitan_terakhir(desa_ids).items():
        hasil.setdefault(desa_id, {})["terakhir"] = t
    return hasil


def bagian_desa(*, desa, awal, akhir):
    """The kecamatan's read-only page of a village: the year's projects (cancelled ones too,
    marked) with status, progress and last change, newest change first (one query)."""
    from datetime import timedelta

    tahun = timezone.localdate(akhir - timedelta(microseconds=1)).year
    proyek = list(
        Proyek.objects.filter(desa=desa, tahun=tahun)
        .only("nama", "status", "persen", "terbit", "diperbarui", "anggaran", "desa_id")
        .order_by("-diperbarui", "-pk")
    )
    return {"tahun": tahun, "proyek": proyek}


def total_rekap(villages):
    return {
        "desa": len(villages),
        "desa_ada": sum(1 for d in villages if d.jumlah),
        "jumlah": sum(d.jumlah for d in villages),
        "selesai": sum(d.selesai for d in villages),
        "berjalan": sum(d.berjalan for d in villages),
        "anggaran": sum(d.anggaran for d in villages),
    }


def widget_rekap(request):
    kecamatan = request.kecamatan if request.tenant.kind == "kecamatan" else None
    tahun = timezone.localdate().year
    villages = rekap_desa(kabupaten=request.kabupaten, kecamatan=kecamatan, tahun=tahun)
    return {"rekap": total_rekap(villages), "tahun": tahun}
