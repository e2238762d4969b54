"""Reads of the market. Public reads show a product only while it is `tayang`, its seller
approved and its village active; each page costs a fixed number of queries whatever the number
of products. Kabupaten-wide reads disable scoping explicitly and filter by the kabupaten."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection
from django.db.models import BooleanField, Count, F, FloatField, Sum
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import pencarian
from balai.core.halaman import nomor_halaman
from balai.core.tenancy import host_desa, origin
from balai.wilayah.models import Desa, Kecamatan

from .models import FotoProduk, Kategori, Pelapak, Produk, StatistikProduk

PER_HALAMAN = 24
MAKS_HALAMAN = 50  # 1,200 results can be paged through; past that, a narrower search serves better
HARI_STATISTIK = 30


def kategori_aktif(*, kabupaten_id):
    return list(Kategori.objects.filter(kabupaten_id=kabupaten_id, aktif=True))


def produk_publik(*, desa=None):
    qs = Produk.objects.filter(status=Produk.Status.TAYANG, pelapak__status=Pelapak.Status.DISETUJUI)
    return qs.filter(desa=desa) if desa is not None else qs.filter(desa__aktif=True)


# The stored search document (name weight A, description weight B) that PostgreSQL keeps in
# the generated column of migration 0002_produk_cari_gin, GIN-indexed.
_DOKUMEN = '"lapak_produk"."dokumen_cari"'
_QUERY = "websearch_to_tsquery('simple'::regconfig, %s)"


def cari(qs, q, *, urut_relevansi=True):
    """Full-text match on PostgreSQL (the GIN index finds the rows, the stored vectors rank
    them: no description is parsed at query time), word by word substring match elsewhere.
    Returns (queryset, whether it carries a `rank`)."""
    q = pencarian.bersihkan(q)
    if not q:
        return qs, False
    if connection.vendor == "postgresql":
        qs = qs.filter(RawSQL(f"{_DOKUMEN} @@ {_QUERY}", [q], output_field=BooleanField()))
        if urut_relevansi:
            qs = qs.annotate(rank=RawSQL(f"ts_rank({_DOKUMEN}, {_QUERY})", [q], output_field=FloatField()))
        return qs, urut_relevansi
    return qs.filter(pencarian.cocok(q, "nama", "deskripsi")), False


def _kartu(qs):
    """What a product card shows, joined in the same query."""
    return qs.select_related("sampul", "kategori", "desa", "desa__kecamatan").only(
        "nama", "slug", "harga", "satuan", "ketersediaan", "tayang_pada", "desa_id", "kategori_id", "sampul_id",
        "kategori__nama", "kategori__slug",
        "desa__nama", "desa__slug", "desa__jenis", "desa__domain_kustom", "desa__kecamatan__nama",
        "sampul__thumb", "sampul__thumb_webp", "sampul__alt", "sampul__thumb_lebar", "sampul__thumb_tinggi",
    )  # fmt: skip


@dataclass
class Halaman:
    """One bounded page of results: no COUNT, one row more tells whether another page follows."""

    rows: list
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def previous_number(self):
        return self.number - 1

    @property
    def next_number(self):
        return self.number + 1

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def _halaman(qs, nilai):
    number = nomor_halaman(nilai, maks=MAKS_HALAMAN)
    start = (number - 1) * PER_HALAMAN
    rows = list(qs[start : start + PER_HALAMAN + 1])
    return Halaman(rows=rows[:PER_HALAMAN], number=number, has_next=len(rows) > PER_HALAMAN and number < MAKS_HALAMAN)


def pasar_desa(*, desa, q="", kategori=None, halaman=None):
    """The village's own market page: its showing products, by category and search."""
    qs = produk_publik(desa=desa)
    if kategori is not None:
        qs = qs.filter(kategori=kategori)
    qs, ranked = cari(qs, q)
    qs = qs.order_by("-rank", "-tayang_pada", "-id") if ranked else qs.order_by("-tayang_pada", "-id")
    return _halaman(_kartu(qs), halaman)


def kategori_desa(*, desa):
    """Categories with how many showing products the village has in each (one query)."""
    rows = (
        produk_publik(desa=desa)
        .values("kategori_id", "kategori__nama", "kategori__slug", "kategori__urutan")
        .annotate(jumlah=Count("id"))
        .order_by("kategori__urutan", "kategori__nama")
    )
    return [{"nama": r["kategori__nama"], "slug": r["kategori__slug"], "jumlah": r["jumlah"]} for r in rows]


def produk_detail(*, desa, slug):
    """A showing product with its seller and photos, or None (two queries)."""
    produk = (
        produk_publik(desa=desa)
        .select_related("pelapak", "pelapak__dusun", "kategori", "sampul")
        .filter(slug=slug)
        .first()
    )
    if produk is None:
        return None
    produk.daftar_foto = list(FotoProduk.objects.filter(desa=desa, produk=produk).select_related("gambar"))
    return produk


def produk_lain(*, produk, limit=4):
    """A few more showing products of the same seller."""
    qs = produk_publik(desa=produk.desa).filter(pelapak_id=produk.pelapak_id).exclude(pk=produk.pk)
    return list(_kartu(qs.order_by("-tayang_pada", "-id"))[:limit])


def url_produk(produk):
    """Absolute URL of a product page on its village's site (the kabupaten market links there)."""
    return origin(host_desa(produk.desa)) + reverse("lapak:produk", args=[produk.slug])


# --- the kabupaten (and kecamatan) market ------------------------------------------------------


URUTAN = {"relevan": "Paling cocok", "baru": "Terbaru", "murah": "Harga terendah", "mahal": "Harga tertinggi"}


@dataclass
class Saring:
    """The market's filters, read from the query string by the view (bad values dropped)."""

    q: str = ""
    kategori: Kategori | None = None
    kecamatan: Kecamatan | None = None
    desa: Desa | None = None
    harga_min: int | None = None
    harga_maks: int | None = None
    urut: str = "relevan"


def pasar_wilayah(*, kabupaten_id, saring, halaman=None):
    """One page of the market across every active village of the kabupaten (or of the chosen
    kecamatan or village): three joins, one query, whatever the number of products."""
    with scopes_disabled():
        qs = produk_publik().filter(desa__kecamatan__kabupaten_id=kabupaten_id)
        if saring.desa is not None:
            qs = qs.filter(desa=saring.desa)
        elif saring.kecamatan is not None:
            qs = qs.filter(desa__kecamatan=saring.kecamatan)
        if saring.kategori is not None:
            qs = qs.filter(kategori=saring.kategori)
        if saring.harga_min is not None:
            qs = qs.filter(harga__gte=saring.harga_min)
        if saring.harga_maks is not None:
            qs = qs.filter(harga__lte=saring.harga_maks)
        qs, ranked = cari(qs, saring.q, urut_relevansi=saring.urut == "relevan")
        order = {
            "baru": ("-tayang_pada", "-id"),
            "murah": ("harga", "-id"),
            "mahal": ("-harga", "-id"),
        }.get(saring.urut, ("-rank", "-tayang_pada", "-id") if ranked else ("-tayang_pada", "-id"))
        return _halaman(_kartu(qs.order_by(*order)), halaman)


def ukuran_pasar(*, kabupaten_id):
    """Per kecamatan: villages with a showing product, approved sellers, showing products
    (two grouped queries), with the totals."""
    with scopes_disabled():
        produk = {
            r["desa__kecamatan_id"]: r
            for r in produk_publik()
            .filter(desa__kecamatan__kabupaten_id=kabupaten_id)
            .values("desa__kecamatan_id")
            .annotate(produk=Count("id"), desa=Count("desa_id", distinct=True))
            .order_by()
        }
        pelapak = dict(
            Pelapak.objects.filter(status=Pelapak.Status.DISETUJUI, desa__kecamatan__kabupaten_id=kabupaten_id)
            .values("desa__kecamatan_id")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("desa__kecamatan_id", "n")
        )
    baris = []
    for kec in Kecamatan.objects.filter(kabupaten_id=kabupaten_id).only("nama", "slug"):
        p = produk.get(kec.pk, {})
        baris.append(
            {
                "kecamatan": kec,
                "desa": p.get("desa", 0),
                "pelapak": pelapak.get(kec.pk, 0),
                "produk": p.get("produk", 0),
            }
        )
    total = {k: sum(b[k] for b in baris) for k in ("desa", "pelapak", "produk")}
    return {"baris": baris, "total": total}


def widget_kabupaten(request):
    return ukuran_pasar(kabupaten_id=request.kabupaten.pk)


# --- back office -------------------------------------------------------------------------------


def statistik_produk(*, desa, produk_ids, hari=HARI_STATISTIK):
    """{produk_id: (dilihat, dipesan)} over the last `hari` days, one grouped query."""
    sejak = timezone.localdate() - timedelta(days=hari - 1)
    rows = (
        StatistikProduk.objects.filter(desa=desa, produk_id__in=list(produk_ids), tanggal__gte=sejak)
        .values("produk_id")
        .annotate(dilihat=Sum("dilihat"), dipesan=Sum("dipesan"))
        .order_by()
    )
    return {r["produk_id"]: (r["dilihat"], r["dipesan"]) for r in rows}


def statistik_harian(*, desa, produk, hari=HARI_STATISTIK):
    """[(tanggal, dilihat, dipesan)] for each of the last `hari` days, zeros included."""
    hari_ini = timezone.localdate()
    sejak = hari_ini - timedelta(days=hari - 1)
    ada = {
        s.tanggal: (s.dilihat, s.dipesan)
        for s in StatistikProduk.objects.filter(desa=desa, produk=produk, tanggal__gte=sejak)
    }
    return [(d, *ada.get(d, (0, 0))) for d in (hari_ini - timedelta(days=i) for i in range(hari))]


def antrean(*, desa):
    """How many sellers and products wait for the office."""
    return {
        "pelapak": Pelapak.objects.filter(desa=desa, status=Pelapak.Status.MENUNGGU).count(),
        "produk": Produk.objects.filter(desa=desa, status=Produk.Status.MENUNGGU).count(),
    }


def widget_desa(request):
    return antrean(desa=request.desa)


# --- what other parts of the site read through the registry -------------------------------------


def beranda_lapak(request):
    """The village front page's market strip: the newest showing products."""
    produk = list(_kartu(produk_publik(desa=request.desa).order_by("-tayang_pada", "-id"))[:6])
    return {"produk_lapak": produk}


def sitemap_entries(*, desa):
    rows = produk_publik(desa=desa).order_by("-tayang_pada").values_list("slug", "diperbarui")[:5000]
    return [(reverse("lapak:pasar"), None)] + [(reverse("lapak:produk", args=[s]), d) for s, d in rows]


def cari_produk(*, desa, q):
    qs, ranked = cari(produk_publik(desa=desa), q)
    qs = qs.annotate(judul=F("nama"), ringkasan_cari=F("deskripsi"), tanggal_cari=F("tayang_pada"))
    return qs.order_by("-rank", "-tayang_pada") if ranked else qs.order_by("-tayang_pada", "-id")
