"""Population statistics: one GROUP BY query per dimension, whatever the number of residents.

`penduduk_stats(desa=...)` runs inside the village's scope (a village host). Kecamatan and
kabupaten figures read across villages, so those selectors disable scoping explicitly, only
for their own query, and filter by the region themselves.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django_scopes import scopes_disabled

from balai.core import sitecache
from balai.penduduk import kode
from balai.penduduk.models import Penduduk
from balai.wilayah.models import RT, RW, Desa, Dusun

from .dimensi import DIMENSI, KOSONG, hari_ini

LK, PR = kode.LAKI_LAKI, kode.PEREMPUAN
CACHE_WILAYAH = 300  # seconds: kecamatan and kabupaten figures may lag this much behind
SISA = "selebihnya"  # the public cell of a large row of a sensitive dimension (see samar.py)


@dataclass
class Baris:
    kode: object
    label: str
    laki_laki: int = 0
    perempuan: int = 0
    jumlah: int = 0
    persen: float = 0.0
    # A row of a fixed code list: shown even when empty, so its presence says nothing.
    tetap: bool = False
    # Public masking of a sensitive dimension (`samar.samarkan`): `samar` rows carry only the
    # published count in `jumlah` (a multiple of 5; 0 when `kecil`, shown as "< 5", or when
    # `sisa`, a large row shown without a number).
    samar: bool = False
    kecil: bool = False
    sisa: bool = False

    def sel(self, nama):
        """What a table shows in cell `nama`: None for the sex split of a masked row."""
        if not self.samar:
            return getattr(self, nama)
        if nama != "jumlah":
            return None
        if self.sisa:
            return SISA
        return "< 5" if self.kecil else self.jumlah

    @property
    def sel_lk(self):
        return self.sel("laki_laki")

    @property
    def sel_pr(self):
        return self.sel("perempuan")

    @property
    def sel_jumlah(self):
        return self.sel("jumlah")

    @property
    def persen_tampil(self):
        return None if self.samar else self.persen


@dataclass
class Tabel:
    dimensi: object
    baris: list
    total: Baris
    wilayah: str = ""
    disamarkan: bool = False
    # Masked copies only: rows of at least `batas_sisa` people read SISA, and `tidak_dirinci`
    # marks a register too small for any breakdown.
    batas_sisa: int | None = None
    tidak_dirinci: bool = False

    def __iter__(self):
        return iter(self.baris)


def _wilayah_filter(*, desa=None, kecamatan=None, kabupaten=None):
    if desa is not None:
        return Q(desa=desa)
    if kecamatan is not None:
        return Q(desa__kecamatan=kecamatan)
    if kabupaten is not None:
        return Q(desa__kecamatan__kabupaten=kabupaten)
    raise ValueError("penduduk_stats butuh desa, kecamatan atau kabupaten")


def _queryset(dim, wilayah):
    qs = Penduduk.objects.filter(wilayah)
    if not dim.semua_status:
        qs = qs.filter(status_dasar=kode.HIDUP)
    if dim.filter is not None:
        qs = qs.filter(dim.filter)
    return qs.order_by()


def _counts(qs, dim, tanggal, *, per_desa=False):
    keys = ("desa_id", "k") if per_desa else ("k",)
    qs = qs.annotate(k=dim.ekspresi(tanggal)).values(*keys)
    return list(
        qs.annotate(
            lk=Count("pk", filter=Q(jenis_kelamin=LK)), pr=Count("pk", filter=Q(jenis_kelamin=PR)), n=Count("pk")
        ).values_list(*keys, "lk", "pr", "n")
    )


def _wilayah_labels(dim, keys):
    """Labels for dusun/RW/RT/desa ids, one query, in the order of the region tree."""
    ids = [k for k in keys if k is not None]
    if dim.wilayah == "dusun":
        return [(d.pk, d.nama) for d in Dusun.objects.filter(pk__in=ids).order_by("nama")]
    if dim.wilayah == "rw":
        rows = RW.objects.filter(pk__in=ids).select_related("dusun").order_by("nomor")
        return [(r.pk, f"RW {r.nomor:03d} ({r.dusun.nama})") for r in rows]
    if dim.wilayah == "rt":
        rows = RT.objects.filter(pk__in=ids).select_related("rw").order_by("rw__nomor", "nomor")
        return [(r.pk, f"RT {r.nomor:03d} / RW {r.rw.nomor:03d}") for r in rows]
    if dim.wilayah == "desa":
        return [(d.pk, str(d)) for d in Desa.objects.filter(pk__in=ids).order_by("nama")]
    return []


def _labels(dim, found):
    if dim.labels == "wilayah":
        return _wilayah_labels(dim, found)
    if dim.key == "suku":
        return sorted(((k, k) for k in found if k), key=lambda kv: kv[0].lower())
    return dim.daftar_label()


def _tabel(dim, counts):
    """Rows in label order (zero rows for short code lists), then values without a known label,
    then "belum mengisi"."""
    by_key = {k: (lk, pr, n) for k, lk, pr, n in counts}
    rows = []
    seen = set()
    for k, label in _labels(dim, by_key.keys()):
        seen.add(k)
        lk, pr, n = by_key.get(k, (0, 0, 0))
        if n or dim.tampil_nol:
            rows.append(Baris(k, label, lk, pr, n, tetap=dim.tampil_nol))
    for k, (lk, pr, n) in by_key.items():
        if k in seen or k in (None, ""):
            continue
        rows.append(Baris(k, f"KODE {k} (TIDAK DIKENAL)", lk, pr, n))
    kosong = [by_key[k] for k in (None, "") if k in by_key]
    if kosong:
        lk, pr, n = (sum(c[i] for c in kosong) for i in range(3))
        rows.append(Baris(None, KOSONG, lk, pr, n))
    total = Baris("", "JUMLAH", sum(r.laki_laki for r in rows), sum(r.perempuan for r in rows))
    total.jumlah = sum(r.jumlah for r in rows)
    for r in rows:
        r.persen = round(100 * r.jumlah / total.jumlah, 2) if total.jumlah else 0.0
    total.persen = 100.0 if total.jumlah else 0.0
    return rows, total


def penduduk_stats(*, desa=None, kecamatan=None, kabupaten=None, dimensi, tanggal=None):
    """Rows (kode, label, laki_laki, perempuan, jumlah, persen) of living residents of a village,
    a kecamatan or the kabupaten by one dimension (`dimensi` key or Dimensi), plus the total.
    One GROUP BY query, plus one for region labels (dusun/RW/RT/desa)."""
    dim = DIMENSI[dimensi] if isinstance(dimensi, str) else dimensi
    tanggal = tanggal or hari_ini()
    wilayah = _wilayah_filter(desa=desa, kecamatan=kecamatan, kabupaten=kabupaten)
    if desa is not None:
        # Cached under the village's site version, which every change of the register bumps
        # (balai.statistik.apps, the importer): the back-office page reads no resident twice.
        key = f"statistik:desa:{desa.pk}:{sitecache.version(desa.pk)}:{dim.key}:{tanggal.isoformat()}"
        counts = cache.get(key)
        if counts is None:
            counts = list(_counts(_queryset(dim, wilayah), dim, tanggal))
            cache.set(key, counts, CACHE_WILAYAH)
        rows, total = _tabel(dim, counts)
    else:
        # Across villages: scoping off for this query only, the region filter above applies.
        with scopes_disabled():
            counts = _counts(_queryset(dim, wilayah), dim, tanggal)
            rows, total = _tabel(dim, counts)
    return Tabel(dim, rows, total, wilayah=str(desa or kecamatan or kabupaten))


def per_desa(*, kecamatan=None, kabupaten=None, dimensi, tanggal=None):
    """Per-village breakdown of one dimension: {"kolom": [(kode, label)], "baris": [(desa, [n...],
    total)], "per_kecamatan" (kabupaten only, same shape), "total": column totals, "jumlah", and
    "tabel": the region's Tabel (the same figures summed over its villages)}. One GROUP BY
    (desa, value) over the region, one query for the village names, plus the code labels.
    Cached for CACHE_WILAYAH seconds: a kabupaten-wide GROUP BY reads every resident."""
    dim = DIMENSI[dimensi] if isinstance(dimensi, str) else dimensi
    tanggal = tanggal or hari_ini()
    region = kecamatan or kabupaten
    key = f"statistik:{'kec' if kecamatan is not None else 'kab'}:{region.pk}:{dim.key}:{tanggal.isoformat()}"
    counts = cache.get(key)
    wilayah = _wilayah_filter(kecamatan=kecamatan, kabupaten=kabupaten)
    with scopes_disabled():
        if counts is None:
            counts = _counts(_queryset(dim, wilayah), dim, tanggal, per_desa=True)
            cache.set(key, counts, CACHE_WILAYAH)
        summed = {}
        for _desa_id, k, lk, pr, n in counts:
            k = None if k == "" else k
            a = summed.setdefault(k, [0, 0, 0])
            a[0], a[1], a[2] = a[0] + lk, a[1] + pr, a[2] + n
        rows, total = _tabel(dim, [(k, *v) for k, v in summed.items()])
        tabel = Tabel(dim, rows, total, wilayah=str(region))
        found = set(summed)
        columns = [(k, label) for k, label in _labels(dim, found) if k in found]
        desa_qs = Desa.objects.select_related("kecamatan").order_by("kecamatan__nama", "nama")
        if kecamatan is not None:
            desa_qs = desa_qs.filter(kecamatan=kecamatan)
        else:
            desa_qs = desa_qs.filter(kecamatan__kabupaten=kabupaten)
        desa_list = list(desa_qs)
    known = {k for k, _label in columns}
    columns += [(k, f"KODE {k}") for k in sorted((k for k in found if k not in known and k is not None), key=str)]
    if None in found:
        columns.append((None, KOSONG))
    index = {k: i for i, (k, _label) in enumerate(columns)}
    cells = {}
    for desa_id, k, _lk, _pr, n in counts:
        row = cells.setdefault(desa_id, [0] * len(columns))
        row[index[None if k == "" else k]] += n
    baris = []
    for d in desa_list:
        values = cells.get(d.pk, [0] * len(columns))
        baris.append((d, values, sum(values)))
    totals = [sum(r[1][i] for r in baris) for i in range(len(columns))]
    per_kecamatan = []
    if kecamatan is None:
        groups = {}
        for d, values, _total in baris:
            if d.kecamatan_id not in groups:
                groups[d.kecamatan_id] = (d.kecamatan, [0] * len(columns))
                per_kecamatan.append(groups[d.kecamatan_id])
            acc = groups[d.kecamatan_id][1]
            for i, v in enumerate(values):
                acc[i] += v
        per_kecamatan = [(k, values, sum(values)) for k, values in per_kecamatan]
    return {
        "dimensi": dim,
        "kolom": columns,
        "baris": baris,
        "per_kecamatan": per_kecamatan,
        "total": totals,
        "jumlah": sum(totals),
        "tabel": tabel,
    }


def ringkasan(*, desa=None, kecamatan=None, kabupaten=None):
    """Key figures: living residents, men, women, families (KK with a living head). One query."""
    wilayah = _wilayah_filter(desa=desa, kecamatan=kecamatan, kabupaten=kabupaten)
    hidup = Q(status_dasar=kode.HIDUP)
    aggregate = dict(
        jumlah=Count("pk", filter=hidup),
        laki_laki=Count("pk", filter=hidup & Q(jenis_kelamin=LK)),
        perempuan=Count("pk", filter=hidup & Q(jenis_kelamin=PR)),
        keluarga=Count("pk", filter=hidup & Q(shdk=kode.KEPALA_KELUARGA)),
    )
    if desa is not None:
        return Penduduk.objects.filter(wilayah).aggregate(**aggregate)
    with scopes_disabled():
        return Penduduk.objects.filter(wilayah).aggregate(**aggregate)


def ringkasan_wilayah(*, kecamatan=None, kabupaten=None):
    """Key figures of a kecamatan or the kabupaten, cached like the other region figures."""
    region = kecamatan or kabupaten
    key = f"statistik:ringkasan:{'kec' if kecamatan is not None else 'kab'}:{region.pk}"
    figures = cache.get(key)
    if figures is None:
        figures = ringkasan(kecamatan=kecamatan, kabupaten=kabupaten)
        cache.set(key, figures, CACHE_WILAYAH)
    return figures


def widget_wilayah(request):
    """Kecamatan and kabupaten dashboards: key figures of their residents."""
    if request.tenant.kind == "kecamatan":
        return {"ringkasan": ringkasan_wilayah(kecamatan=request.kecamatan)}
    return {"ringkasan": ringkasan_wilayah(kabupaten=request.kabupaten)}


def beranda_context(request):
    """The village front page widget: key figures only."""
    return {"ringkasan": ringkasan(desa=request.desa)}


def bagian_desa(*, desa, awal, akhir):
    """The kecamatan's read-only page of a village: key figures, residents per dusun and by
    working age (counts only; the village's own cached tables)."""
    return {
        "ringkasan": ringkasan(desa=desa),
        "tabel": [penduduk_stats(desa=desa, dimensi=d) for d in ("dusun", "umur_produktif")],
    }
