"""Reads for the village sites and portals. Every public read has a fixed number of queries,
whatever the number of articles; kabupaten-wide reads disable scoping explicitly."""

from datetime import UTC, datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Max, Q, When
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import kesegaran as sumber_kesegaran
from balai.core import pencarian
from balai.core.hitung import hitung_per_desa
from balai.core.registry import SearchSource, SitemapSource, extensions
from balai.wilayah.models import Desa

from .models import Artikel, ArtikelTag, Halaman, Komentar, MenuSitus, PengaturanSitus, Perangkat, Tag

S = Artikel.Status
PER_HALAMAN = 10
PER_HALAMAN_DESA = 30  # villages per page of the kabupaten search


def pengaturan(*, desa):
    """The village's site settings, or unsaved defaults when it never set any."""
    found = PengaturanSitus.objects.filter(desa=desa).select_related("logo", "banner").first()
    return found or PengaturanSitus(desa=desa)


def pengaturan_request(request):
    """The village's site settings, read once per request (layout and page share them)."""
    if not hasattr(request, "_website_pengaturan"):
        request._website_pengaturan = pengaturan(desa=request.desa)
    return request._website_pengaturan


def artikel_terbit(*, desa=None):
    qs = Artikel.objects.filter(status=S.TERBIT, terbit_pada__lte=timezone.now())
    return qs.filter(desa=desa) if desa is not None else qs


# Name of the PostgreSQL GIN index over exactly `vektor_cari()` (migration 0003_artikel_cari_gin).
INDEKS_CARI = "artikel_cari_gin"


def vektor_cari():
    """The article's search document: title (weight A), summary and body (weight B).

    Migration 0003_artikel_cari_gin indexes this very expression; PostgreSQL uses that index only
    while the query repeats it token for token, so change both together (a test checks the plan)."""
    return SearchVector("judul", weight="A", config="simple") + SearchVector(
        "ringkasan", "isi", weight="B", config="simple"
    )


def cari(qs, q):
    """Full-text search on PostgreSQL (indexed match, only the matches ranked), a plain substring
    match elsewhere."""
    q = pencarian.bersihkan(q)
    if not q:
        return qs
    if connection.vendor == "postgresql":
        query = SearchQuery(q, search_type="websearch", config="simple")
        # WHERE <indexed expression> @@ query: the GIN index finds the matches, no body is parsed
        # for the others; the rank is computed for the matching rows only.
        return (
            qs.annotate(dokumen_cari=vektor_cari())
            .filter(dokumen_cari=query)
            .annotate(rank=SearchRank(F("dokumen_cari"), query))
            .order_by("-rank", "-terbit_pada")
        )
    return qs.filter(pencarian.cocok(q, "judul", "ringkasan", "isi"))


def daftar_artikel(*, desa, q="", kategori=None, tag=None):
    qs = artikel_terbit(desa=desa).select_related("kategori", "gambar").defer("isi")
    if kategori is not None:
        qs = qs.filter(kategori=kategori)
    if tag is not None:
        qs = qs.filter(pk__in=ArtikelTag.objects.filter(desa=desa, tag=tag).values("artikel_id"))
    return cari(qs.order_by("-terbit_pada", "-id"), q)


def beranda(*, desa):
    latest = list(
        artikel_terbit(desa=desa)
        .select_related("kategori", "gambar")
        .defer("isi")
        .order_by("-unggulan", "-terbit_pada")[:7]
    )
    return {"utama": latest[:1], "terbaru": latest[1:]}


def artikel_detail(*, desa, slug):
    """A published article with its tags, approved comments and related articles, or None."""
    artikel = artikel_terbit(desa=desa).select_related("kategori", "penulis", "gambar").filter(slug=slug).first()
    if artikel is None:
        return None
    tags = list(Tag.objects.filter(desa=desa, artikel=artikel))
    komentar = list(Komentar.objects.filter(desa=desa, artikel=artikel, status=Komentar.Status.DISETUJUI)[:100])
    related = terkait(desa=desa, artikel=artikel, tags=tags)
    return {"artikel": artikel, "tags": tags, "komentar": komentar, "terkait": related}


def terkait(*, desa, artikel, tags, limit=3):
    """Latest published articles sharing the category or a tag, one query."""
    cond = Q(tags__in=tags) if tags else Q(pk__in=[])
    if artikel.kategori_id:
        cond |= Q(kategori_id=artikel.kategori_id)
    qs = (
        artikel_terbit(desa=desa)
        .filter(cond)
        .select_related("kategori", "gambar")
        .exclude(pk=artikel.pk)
        .defer("isi")
        .distinct()
    )
    return list(qs.order_by("-terbit_pada")[:limit])


def halaman_list(*, desa):
    return list(Halaman.objects.filter(desa=desa, terbit=True).only("judul", "slug"))


def perangkat_list(*, desa):
    return list(Perangkat.objects.filter(desa=desa, aktif=True).select_related("foto"))


def menu_list(*, desa):
    return list(MenuSitus.objects.filter(desa=desa))


def sitemap_entries(*, desa):
    """This app's pages and those of every module that declares a `SitemapSource`."""
    artikel = artikel_terbit(desa=desa).order_by("-terbit_pada").values_list("slug", "diperbarui")
    halaman = Halaman.objects.filter(desa=desa, terbit=True).values_list("slug", "diperbarui")
    lain = []
    for source in extensions(SitemapSource):
        lain += source(desa=desa)
    return {"artikel": list(artikel[:5000]), "halaman": list(halaman), "lain": lain}


# --- village site search ------------------------------------------------------------------

PER_SUMBER = 5  # matches of each kind on the overview of a village search


def cari_situs(*, desa, q):
    """[{"sumber", "jumlah", "qs"}] for every registered source, in order: each source counted
    (one query each); `qs` is the source's queryset, for the caller to slice or page."""
    q = pencarian.bersihkan(q)
    if not q:
        return []
    hasil = []
    for s in extensions(SearchSource):
        qs = s(desa=desa, q=q)
        hasil.append({"sumber": s, "jumlah": qs.count(), "qs": qs})
    return hasil


# Sources of the village site search, declared in apps.py.


def cari_artikel(*, desa, q):
    qs = artikel_terbit(desa=desa).order_by("-terbit_pada", "-id").defer("isi")
    return cari(qs, q).annotate(ringkasan_cari=F("ringkasan"), tanggal_cari=F("terbit_pada"))


def cari_halaman(*, desa, q):
    qs = Halaman.objects.filter(desa=desa, terbit=True).filter(pencarian.cocok(q, "judul", "isi"))
    return qs.annotate(ringkasan_cari=F("isi")).order_by("urutan", "judul", "pk")


# --- back office -------------------------------------------------------------------------


def artikel_kantor(*, desa, q="", status=""):
    """The back office's article list: drafts and scheduled articles on top (work still to do),
    then everything by publication date, newest first."""
    belum_terbit = Case(When(status__in=[S.DRAFT, S.TERJADWAL], then=0), default=1)
    qs = (
        Artikel.objects.filter(desa=desa)
        .select_related("kategori")
        .defer("isi")
        .order_by(belum_terbit, F("terbit_pada").desc(nulls_first=True), "-diperbarui", "-id")
    )
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(judul__icontains=q.strip()[:100])
    return qs


def antrean_komentar(*, desa, status=Komentar.Status.MENUNGGU):
    return Komentar.objects.filter(desa=desa, status=status).select_related("artikel").order_by("-dibuat")


def artikel_terakhir(desa_ids):
    """Freshness source (balai.core.kesegaran): {desa_id: latest published article} (one query)."""
    return hitung_per_desa(artikel_terbit(), desa_ids, t=Max("terbit_pada"))


def kesegaran(*, desa, kabupaten):
    """Days since the village last published anything (article, agenda, announcement, album,
    document: every registered source), against the kabupaten's threshold."""
    ambang = kabupaten.ambang_kesegaran_hari
    k = sumber_kesegaran.per_desa([desa.pk], ambang)[desa.pk]
    return {"terakhir": k.terakhir, "hari": k.hari, "ambang": ambang, "basi": k.basi}


def widget_kesegaran(request):
    return {
        "kesegaran": kesegaran(desa=request.desa, kabupaten=request.kabupaten),
        "menunggu": Komentar.objects.filter(desa=request.desa, status=Komentar.Status.MENUNGGU).count(),
    }


# --- portals -------------------------------------------------------------------------------


def berita_lintas_desa(*, desa_ids=None, limit=10, q=""):
    """Latest published articles across villages (all of the kabupaten, or `desa_ids`).

    Without a search the newest ids come first from the (status, terbit_pada) index alone, then
    only those rows are joined to their villages: the cost does not grow with the archive."""
    with scopes_disabled():
        qs = artikel_terbit()
        if desa_ids is not None:
            qs = qs.filter(desa_id__in=desa_ids)
        if q:
            qs = cari(qs.filter(desa__aktif=True).order_by("-terbit_pada", "-id"), q)
        else:
            newest = list(qs.order_by("-terbit_pada").values_list("pk", flat=True)[: limit * 2])
            qs = Artikel.objects.filter(pk__in=newest, desa__aktif=True).order_by("-terbit_pada", "-id")
        return list(qs.select_related("desa__kecamatan").defer("isi")[:limit])


def profil_kecamatan(*, kecamatan):
    """The kecamatan's active villages with its totals: villages, kelurahan, area, dusun/RW/RT."""
    from balai.wilayah.models import RT, RW, Dusun

    villages = list(Desa.objects.filter(kecamatan=kecamatan, aktif=True).order_by("nama"))
    ids = [d.pk for d in villages]
    with scopes_disabled():
        wilayah = {m.__name__.lower(): m.objects.filter(desa_id__in=ids).count() for m in (Dusun, RW, RT)}
    luas = sum((d.luas_wilayah_ha or 0) for d in villages)
    return {
        "villages": villages,
        "jumlah_kelurahan": sum(d.jenis == Desa.Jenis.KELURAHAN for d in villages),
        "luas_ha": luas,
        "wilayah": wilayah,
    }


def cari_desa(*, kabupaten, q):
    """Active villages whose name or kecamatan matches `q` (a queryset, for paging); none
    without a search term."""
    q = pencarian.bersihkan(q)
    qs = Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True).select_related("kecamatan")
    if not q:
        return qs.none()
    return qs.filter(Q(nama__icontains=q) | Q(kecamatan__nama__icontains=q)).order_by("nama", "pk")


def direktori(*, kabupaten):
    """Kecamatan with their active villages and each village's published article count (3 queries)."""
    villages = list(
        Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True).select_related("kecamatan").order_by("nama")
    )
    with scopes_disabled():
        counts = hitung_per_desa(artikel_terbit(), [d.pk for d in villages])
    groups = {}
    for d in villages:
        d.jumlah_artikel = counts.get(d.pk, 0)
        groups.setdefault(d.kecamatan, []).append(d)
    return sorted(groups.items(), key=lambda kv: kv[0].nama)


URUT_KESEGARAN = {
    "terakhir": "terbitan terakhir, terlama dulu",
    "-terakhir": "terbitan terakhir, terbaru dulu",
    "nama": "nama desa",
    "kecamatan": "kecamatan",
}


def daftar_kesegaran(*, kabupaten, kecamatan=None, status="", urut="terakhir", q=""):
    """Every active village with its latest publication (`terakhir`, `hari`, `basi`, as defined
    once in balai.core.kesegaran), filtered by `status` ("basi" or "segar") and a name or
    kecamatan search, sorted by `urut` (URUT_KESEGARAN). One query for the villages, then one
    per freshness source."""
    villages = Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True).select_related("kecamatan")
    if kecamatan is not None:
        villages = villages.filter(kecamatan=kecamatan)
    q = " ".join(q.split())[:100]
    if q:
        villages = villages.filter(Q(nama__icontains=q) | Q(kecamatan__nama__icontains=q) | Q(kode__startswith=q))
    villages = list(villages)
    status_per_desa = sumber_kesegaran.per_desa([d.pk for d in villages], kabupaten.ambang_kesegaran_hari)
    for d in villages:
        k = status_per_desa[d.pk]
        d.terakhir, d.hari, d.basi = k.terakhir, k.hari, k.basi
    if status in ("basi", "segar"):
        villages = [d for d in villages if d.basi == (status == "basi")]
    never = datetime.min.replace(tzinfo=UTC)
    if urut == "-terakhir":
        villages.sort(key=lambda d: (d.terakhir or never, d.nama), reverse=True)
    elif urut == "nama":
        villages.sort(key=lambda d: (d.nama.lower(), d.kecamatan.nama))
    elif urut == "kecamatan":
        villages.sort(key=lambda d: (d.kecamatan.nama.lower(), d.nama.lower()))
    else:  # stalest first: never published, then the oldest publication
        villages.sort(key=lambda d: (d.terakhir is not None, d.terakhir or never, d.nama))
    return villages


def kesegaran_desa(*, kabupaten, kecamatan=None, limit=15):
    """The freshness summary of the active villages (of the kabupaten, or one kecamatan): how
    many are fresh and stale, and the stalest `limit` of them."""
    villages = daftar_kesegaran(kabupaten=kabupaten, kecamatan=kecamatan)
    basi = [d for d in villages if d.basi]
    return {
        "ambang": kabupaten.ambang_kesegaran_hari,
        "basi": basi[:limit],
        "jumlah_basi": len(basi),
        "jumlah_segar": len(villages) - len(basi),
        "jumlah": len(villages),
    }


def widget_kesegaran_wilayah(request):
    kecamatan = request.kecamatan if request.tenant.kind == "kecamatan" else None
    return {"k": kesegaran_desa(kabupaten=request.kabupaten, kecamatan=kecamatan)}


def ukuran_artikel_terbit(desa_ids, awal, akhir):
    """Activity measure: news articles published in [awal, akhir), per village (one query)."""
    return hitung_per_desa(
        Artikel.objects.filter(status=S.TERBIT, terbit_pada__gte=awal, terbit_pada__lt=akhir), desa_ids
    )


def kolom_kesegaran(desa_ids, awal, akhir):
    """Village column: when the village last published anything on its site, any module
    (balai.core.kesegaran, the one definition of freshness)."""
    return sumber_kesegaran.terakhir(desa_ids)
