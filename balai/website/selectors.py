"""Reads for the village sites and portals. Every public read has a fixed number of queries,
whatever the number of articles; kabupaten-wide reads disable scoping explicitly."""

from datetime import timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import kesegaran as sumber_kesegaran
from balai.core import sitecache
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
    q = " ".join(q.split())[:100]
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
    words = q.split()[:5]
    cond = Q()
    for w in words:
        cond &= Q(judul__icontains=w) | Q(ringkasan__icontains=w) | Q(isi__icontains=w)
    return qs.filter(cond)


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


# Other apps' public pages in the village sitemap: {app: dotted path of `fn(*, desa) -> [(path, lastmod)]`}.
SITEMAP_SOURCES = {"balai.publikasi": "balai.publikasi.selectors.sitemap_entries"}


def sitemap_entries(*, desa):
    from django.apps import apps
    from django.utils.module_loading import import_string

    artikel = artikel_terbit(desa=desa).order_by("-terbit_pada").values_list("slug", "diperbarui")
    halaman = Halaman.objects.filter(desa=desa, terbit=True).values_list("slug", "diperbarui")
    lain = []
    for app, source in SITEMAP_SOURCES.items():
        if apps.is_installed(app):
            lain += import_string(source)(desa=desa)
    return {"artikel": list(artikel[:5000]), "halaman": list(halaman), "lain": lain}


# --- back office -------------------------------------------------------------------------


def artikel_kantor(*, desa, q="", status=""):
    qs = Artikel.objects.filter(desa=desa).select_related("kategori").defer("isi").order_by("-diperbarui", "-id")
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(judul__icontains=q.strip()[:100])
    return qs


def antrean_komentar(*, desa, status=Komentar.Status.MENUNGGU):
    return Komentar.objects.filter(desa=desa, status=status).select_related("artikel").order_by("-dibuat")


def artikel_terakhir(desa_ids):
    """Freshness source (balai.core.kesegaran): {desa_id: latest published article} (one query)."""
    rows = artikel_terbit().filter(desa_id__in=desa_ids).values("desa_id").annotate(t=Max("terbit_pada"))
    return {r["desa_id"]: r["t"] for r in rows}


def kesegaran(*, desa, kabupaten):
    """Days since the village last published anything (article, agenda, announcement, album,
    document: every registered source), against the kabupaten's threshold."""
    terakhir = sumber_kesegaran.terakhir([desa.pk]).get(desa.pk)
    hari = (timezone.now() - terakhir).days if terakhir else None
    ambang = kabupaten.ambang_kesegaran_hari
    return {"terakhir": terakhir, "hari": hari, "ambang": ambang, "basi": hari is None or hari > ambang}


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
    q = " ".join(q.split())[:100]
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
        counts = dict(
            artikel_terbit()
            .filter(desa__in=[d.pk for d in villages])
            .values("desa_id")
            .annotate(n=Count("id"))
            .values_list("desa_id", "n")
        )
    groups = {}
    for d in villages:
        d.jumlah_artikel = counts.get(d.pk, 0)
        groups.setdefault(d.kecamatan, []).append(d)
    return sorted(groups.items(), key=lambda kv: kv[0].nama)


KESEGARAN_TTL = 300  # publications bump the version; time alone (an announcement starting) lags this much


def kesegaran_desa(*, kabupaten, kecamatan=None, limit=15):
    """Active villages that published nothing within the kabupaten's threshold, stalest first
    (one query for the villages, then one per freshness source)."""
    villages = Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True).select_related("kecamatan")
    if kecamatan is not None:
        villages = villages.filter(kecamatan=kecamatan)
    villages = list(villages)
    # Cached under the region's portal version, which every publication in its villages bumps:
    # the dashboards of 239 villages then read no publication table on a plain page view.
    versi = sitecache.region_version(kabupaten_id=kabupaten.pk, kecamatan_id=kecamatan.pk if kecamatan else None)
    key = f"kesegaran:terakhir:{kabupaten.pk}:{kecamatan.pk if kecamatan else 0}:{versi}"
    last = cache.get(key)
    if last is None:
        last = sumber_kesegaran.terakhir([d.pk for d in villages])
        cache.set(key, last, KESEGARAN_TTL)
    batas = timezone.now() - timedelta(days=kabupaten.ambang_kesegaran_hari)
    basi = []
    for d in villages:
        d.terakhir = last.get(d.pk)
        if d.terakhir is None or d.terakhir < batas:
            basi.append(d)
    basi.sort(key=lambda d: (d.terakhir is not None, d.terakhir or 0, d.nama))
    return {
        "ambang": kabupaten.ambang_kesegaran_hari,
        "basi": basi[:limit],
        "jumlah_basi": len(basi),
        "jumlah": len(villages),
    }


def widget_kesegaran_wilayah(request):
    kecamatan = request.kecamatan if request.tenant.kind == "kecamatan" else None
    return {"k": kesegaran_desa(kabupaten=request.kabupaten, kecamatan=kecamatan)}
