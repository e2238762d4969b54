"""Reads for the public pages, front-page widgets and back office. Every function runs a fixed
number of queries, whatever the number of rows."""

from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone

from balai.core import pencarian, sitecache
from balai.core.hitung import hitung_per_desa

from .models import Agenda, Album, Dokumen, Foto, Pengumuman

BERANDA_AGENDA = 4
BERANDA_PENGUMUMAN = 5
BERANDA_FOTO = 6


def agenda_terbit(*, desa):
    return Agenda.objects.filter(desa=desa, status=Agenda.Status.TERBIT)


def agenda_mendatang(*, desa, now=None):
    """Published events not yet over, soonest first."""
    return agenda_terbit(desa=desa).filter(selesai__gte=now or timezone.now()).order_by("mulai", "pk")


def agenda_lalu(*, desa, now=None):
    return agenda_terbit(desa=desa).filter(selesai__lt=now or timezone.now()).order_by("-mulai", "-pk")


def pengumuman_aktif(*, desa, now=None):
    """Published announcements showing now; expired ones drop out by this query alone."""
    return Pengumuman.objects.filter(desa=desa).aktif(now).order_by("-disematkan", "-penting", "-mulai_tayang", "-pk")


def pengumuman_berubah_pada(*, desa, now=None):
    """When the set of active announcements next changes by itself: the earliest expiry of a
    showing one or the earliest start of a scheduled one (one query). Cached pages end there."""
    now = now or timezone.now()
    times = Pengumuman.objects.filter(desa=desa, terbit=True).aggregate(
        habis=Min("berlaku_sampai", filter=Q(mulai_tayang__lte=now, berlaku_sampai__gt=now)),
        mulai=Min("mulai_tayang", filter=Q(mulai_tayang__gt=now)),
    )
    return min((t for t in times.values() if t is not None), default=None)


def agenda_berubah_pada(*, desa, now=None):
    """When the next upcoming event ends and moves to the past (one query)."""
    now = now or timezone.now()
    return agenda_terbit(desa=desa).filter(selesai__gte=now).aggregate(t=Min("selesai"))["t"]


def album_terbit(*, desa):
    return Album.objects.filter(desa=desa, terbit=True)


def album_list(*, desa):
    """Published albums with their cover and photo count, newest first (one query per page)."""
    return (
        album_terbit(desa=desa)
        .select_related("sampul")
        .annotate(jumlah_foto=Count("foto"))
        .order_by("-tanggal", "-dibuat", "-pk")
    )


def foto_album(*, album):
    return Foto.objects.filter(desa_id=album.desa_id, album=album).select_related("gambar").order_by("urutan", "pk")


def foto_tetangga(*, foto):
    """(previous, next) photo of the same album in display order, two queries."""
    fotos = Foto.objects.filter(desa_id=foto.desa_id, album_id=foto.album_id).only("pk")
    sebelum = Q(urutan__lt=foto.urutan) | Q(urutan=foto.urutan, pk__lt=foto.pk)
    sesudah = Q(urutan__gt=foto.urutan) | Q(urutan=foto.urutan, pk__gt=foto.pk)
    return fotos.filter(sebelum).order_by("-urutan", "-pk").first(), fotos.filter(sesudah).order_by(
        "urutan", "pk"
    ).first()


def dokumen_terbit(*, desa):
    return Dokumen.objects.filter(desa=desa, terbit=True).order_by("kategori", "-dibuat", "-pk")


def dokumen_per_kategori(*, desa):
    """[(label, [dokumen, ...]), ...] in the order of the categories, one query."""
    labels = dict(Dokumen.Kategori.choices)
    grouped = {}
    for d in dokumen_terbit(desa=desa):
        grouped.setdefault(d.kategori, []).append(d)
    return [(labels[k], grouped[k]) for k in labels if k in grouped]


# --- sources of the village site search (balai.core.pencarian), registered in apps.py -------


def cari_pengumuman(*, desa, q):
    """Announcements showing now (not expired, not scheduled, not drafts)."""
    qs = pengumuman_aktif(desa=desa).filter(pencarian.cocok(q, "judul", "isi"))
    return qs.annotate(ringkasan_cari=F("isi"), tanggal_cari=F("mulai_tayang"))


def cari_agenda(*, desa, q):
    """Published events, the latest start first (coming ones and past ones alike)."""
    qs = agenda_terbit(desa=desa).filter(pencarian.cocok(q, "judul", "uraian", "lokasi", "penyelenggara"))
    return qs.annotate(ringkasan_cari=F("uraian"), tanggal_cari=F("mulai")).order_by("-mulai", "-pk")


def cari_dokumen(*, desa, q):
    qs = Dokumen.objects.filter(desa=desa, terbit=True).filter(pencarian.cocok(q, "judul"))
    return qs.annotate(tanggal_cari=F("dibuat")).order_by("-dibuat", "-pk")


def cari_album(*, desa, q):
    qs = album_terbit(desa=desa).filter(pencarian.cocok(q, "judul", "uraian"))
    return qs.annotate(ringkasan_cari=F("uraian"), tanggal_cari=F("tanggal")).order_by("-tanggal", "-dibuat", "-pk")


# --- front-page widgets (area "beranda-desa"): context callables taking the request ---------


def beranda_agenda(request):
    items = list(agenda_mendatang(desa=request.desa)[:BERANDA_AGENDA])
    sitecache.expire_at(request, min((a.selesai for a in items), default=None))
    return {"agenda_list": items}


def beranda_pengumuman(request):
    now = timezone.now()
    sitecache.expire_at(request, pengumuman_berubah_pada(desa=request.desa, now=now))
    return {"pengumuman_list": list(pengumuman_aktif(desa=request.desa, now=now)[:BERANDA_PENGUMUMAN])}


def beranda_galeri(request):
    fotos = (
        Foto.objects.filter(desa=request.desa, album__terbit=True)
        .select_related("gambar", "album")
        .order_by("-dibuat", "-pk")[:BERANDA_FOTO]
    )
    return {"foto_list": list(fotos)}


def sitemap_entries(*, desa):
    """[(path, last modified), ...] of this app's public pages for the village's sitemap.xml,
    four queries whatever the number of items."""
    dokumen = dokumen_terbit(desa=desa).aggregate(t=Max("diperbarui"))["t"]
    entries = [(reverse(f"publikasi:{name}"), None) for name in ("agenda", "pengumuman", "galeri")]
    entries.append((reverse("publikasi:unduhan"), dokumen))
    for model, qs in (
        (Agenda, agenda_terbit(desa=desa)),
        (Pengumuman, pengumuman_aktif(desa=desa)),
        (Album, album_terbit(desa=desa)),
    ):
        for slug, diperbarui in qs.order_by("-diperbarui").values_list("slug", "diperbarui")[:5000]:
            entries.append((model(slug=slug).get_absolute_url(), diperbarui))
    return entries


def terbitan_terakhir(desa_ids):
    """Freshness source (balai.core.kesegaran): {desa_id: latest public publication} over
    published agenda, announcements once showing, albums, their photos and documents (one
    query). An edit of a published item counts as an update of the site."""
    now = timezone.now()
    parts = [
        model.objects.filter(desa_id__in=desa_ids, **filters).order_by().values("desa_id").annotate(t=expr)
        for model, filters, expr in (
            (Agenda, {"status": Agenda.Status.TERBIT}, Max("diperbarui")),
            (Pengumuman, {"terbit": True, "mulai_tayang__lte": now}, Max(Greatest("mulai_tayang", "diperbarui"))),
            (Album, {"terbit": True}, Max("diperbarui")),
            (Foto, {"album__terbit": True}, Max("dibuat")),
            (Dokumen, {"terbit": True}, Max("diperbarui")),
        )
    ]
    hasil = {}
    for row in parts[0].union(*parts[1:], all=True):
        if row["t"] is not None and (row["desa_id"] not in hasil or row["t"] > hasil[row["desa_id"]]):
            hasil[row["desa_id"]] = row["t"]
    return hasil


def ukuran_publikasi_baru(desa_ids, awal, akhir):
    """Activity measure: agenda, announcements, albums and documents first published in
    [awal, akhir), per village (one query)."""
    return hitung_per_desa(
        [
            model.objects.filter(dibuat__gte=awal, dibuat__lt=akhir, **filters)
            for model, filters in (
                (Agenda, {"status": Agenda.Status.TERBIT}),
                (Pengumuman, {"terbit": True}),
                (Album, {"terbit": True}),
                (Dokumen, {"terbit": True}),
            )
        ],
        desa_ids,
    )
