"""Reads of the PPID service, each in a fixed number of queries (the upward views cover 239
villages with the same handful)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import pencarian
from balai.core.hitung import hitung_per_desa
from balai.core.kalender import hari_kerja_antara, tambah_hari_kerja
from balai.core.registry import DipSource, extensions
from balai.wilayah.models import Desa

from . import tenggat as tg
from .choices import AlasanKeberatan, Jawaban, Kategori, PutusanKeberatan, StatusKeberatan, StatusPermohonan
from .models import InformasiPublik, Keberatan, Permohonan
from .wajib import WAJIB


def _hari_ini():
    return timezone.localdate()


# --- the public Daftar Informasi Publik ------------------------------------------------------------


@dataclass
class Entri:
    """One line of the public DIP: a stored entry (`informasi`) or one from a module's source."""

    kategori: str
    judul: str
    url: str
    ringkasan: str = ""
    tanggal: date | None = None
    informasi: InformasiPublik | None = None


def _cocok(q, *teks):
    q = q.lower()
    return any(q in (t or "").lower() for t in teks)


def dip_publik(*, desa, kategori=None, q=""):
    """[(kategori value, label, [Entri, ...]), ...]: the village's published DIP entries and what
    its modules publish (DipSource), grouped by category in the regulation's order."""
    qs = InformasiPublik.objects.filter(desa=desa, terbit=True)
    if kategori:
        qs = qs.filter(kategori=kategori)
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(ringkasan__icontains=q))
    entri = [Entri(i.kategori, i.judul, i.get_absolute_url(), i.ringkasan, i.tanggal, i) for i in qs]
    for sumber in extensions(DipSource):
        if kategori and sumber.kategori != kategori:
            continue
        for e in sumber(desa=desa):
            if e.url and (not q or _cocok(q, e.judul, e.ringkasan)):
                entri.append(Entri(sumber.kategori, e.judul, e.url, e.ringkasan, e.tanggal))
    kelompok = defaultdict(list)
    for e in entri:
        kelompok[e.kategori].append(e)
    return [(k.value, k.label, kelompok[k.value]) for k in Kategori if kelompok[k.value]]


def informasi_terbit(*, desa):
    return InformasiPublik.objects.filter(desa=desa, terbit=True)


def sitemap_entries(*, desa):
    rows = informasi_terbit(desa=desa).values_list("pk", "diperbarui")
    return [(reverse("ppid:profil"), None), (reverse("ppid:informasi"), None)] + [
        (reverse("ppid:informasi_detail", args=[pk]), diperbarui) for pk, diperbarui in rows
    ]


# --- the completeness checklist ----------------------------------------------------------------


@dataclass
class ButirKelengkapan:
    key: str
    label: str
    status: str  # "ada", "usang" (out of date), "kosong" (missing)
    tanggal: date | None = None

    @property
    def status_label(self):
        return {"ada": "Tersedia", "usang": "Perlu diperbarui", "kosong": "Belum ada"}[self.status]


@dataclass
class Kelengkapan:
    butir: list = field(default_factory=list)

    @property
    def persen(self):
        """Present items count in full, out-of-date ones for half."""
        if not self.butir:
            return 0
        nilai = sum(1 if b.status == "ada" else 0.5 if b.status == "usang" else 0 for b in self.butir)
        return round(100 * nilai / len(self.butir))

    def jumlah(self, status):
        return sum(1 for b in self.butir if b.status == status)


_BELUM = object()


def kelengkapan_banyak(desa_ids, *, hari=None):
    """{desa_id: Kelengkapan} for many villages: one query over the DIP entries and one per
    declared source that fulfils a checklist item, whatever the number of villages."""
    hari = hari or _hari_ini()
    desa_ids = list(desa_ids)
    # {(desa_id, key): newest date, or None for "present, does not age"}
    terbaru = {}

    def catat(desa_id, key, tanggal):
        if isinstance(tanggal, datetime):  # a source may give the time it published, not the day
            tanggal = timezone.localdate(tanggal)
        lama = terbaru.get((desa_id, key), _BELUM)
        if lama is _BELUM or (lama is not None and (tanggal is None or tanggal > lama)):
            terbaru[(desa_id, key)] = tanggal

    with scopes_disabled():
        rows = (
            InformasiPublik.objects.filter(desa_id__in=desa_ids, terbit=True)
            .exclude(wajib="")
            .exclude(kategori=Kategori.DIKECUALIKAN)
            .values("desa_id", "wajib")
            .annotate(t=Max("tanggal"))
        )
        for r in rows:
            catat(r["desa_id"], r["wajib"], r["t"])
        for sumber in extensions(DipSource):
            if sumber.wajib and sumber.terbaru:
                for desa_id, tanggal in sumber.terbaru_per_desa(desa_ids).items():
                    catat(desa_id, sumber.wajib, tanggal)
    hasil = {}
    for desa_id in desa_ids:
        butir = []
        for w in WAJIB:
            t = terbaru.get((desa_id, w.key), _BELUM)
            if t is _BELUM:
                status, t = "kosong", None
            elif t is not None and w.umur_hari is not None and (hari - t).days > w.umur_hari:
                status = "usang"
            else:
                status = "ada"
            butir.append(ButirKelengkapan(w.key, w.label, status, t))
        hasil[desa_id] = Kelengkapan(butir)
    return hasil


def kelengkapan(desa, *, hari=None):
    return kelengkapan_banyak([desa.pk], hari=hari)[desa.pk]


# --- the back-office queue ---------------------------------------------------------------------


def tandai(items, *, hari=None):
    """Set `keadaan` ("aman", "segera", "terlambat" or "" when closed) and `sisa` (working days
    left; negative when overdue) on open requests or objections."""
    hari = hari or _hari_ini()
    for item in items:
        if item.terbuka:
            item.keadaan = tg.keadaan(item.tenggat, hari)
            item.sisa = tg.sisa_hari_kerja(item.tenggat, hari)
        else:
            item.keadaan, item.sisa = "", None
    return items


def permohonan_list(*, desa, saring="terbuka", tahun=None):
    qs = Permohonan.objects.filter(desa=desa).prefetch_related("keberatan")
    if saring == "terbuka":
        qs = qs.exclude(status=StatusPermohonan.SELESAI).order_by("tenggat", "urut")
    elif saring == "selesai":
        qs = qs.filter(status=StatusPermohonan.SELESAI).order_by("-jawaban_tanggal", "-urut")
    else:
        qs = qs.order_by("-diterima", "-urut")
    if tahun:
        qs = qs.filter(tahun=tahun)
    return qs


def keberatan_list(*, desa, tahun=None):
    qs = Keberatan.objects.filter(desa=desa).select_related("permohonan").order_by("status", "tenggat", "-urut")
    if tahun:
        qs = qs.filter(tahun=tahun)
    return qs


def hitung_desa(*, desa, hari=None):
    """Open, due-soon and overdue counts of requests and objections (two queries)."""
    hari = hari or _hari_ini()
    batas_segera = tambah_hari_kerja(hari, tg.HARI_SEGERA)
    hasil = {}
    for nama, model, selesai in (
        ("permohonan", Permohonan, StatusPermohonan.SELESAI),
        ("keberatan", Keberatan, StatusKeberatan.SELESAI),
    ):
        hasil[nama] = (
            model.objects.filter(desa=desa)
            .exclude(status=selesai)
            .aggregate(
                terbuka=Count("pk"),
                segera=Count("pk", filter=Q(tenggat__gte=hari, tenggat__lte=batas_segera)),
                terlambat=Count("pk", filter=Q(tenggat__lt=hari)),
            )
        )
    return hasil


def widget_desa(request):
    return {"hitung": hitung_desa(desa=request.desa)}


def perlu_perhatian(*, hari=None):
    """{desa: [(request or objection, "terlambat"/"segera"), ...]} over every village: open ones
    due within HARI_SEGERA working days or overdue (two queries; scopes must be disabled)."""
    hari = hari or _hari_ini()
    batas = tambah_hari_kerja(hari, tg.HARI_SEGERA)
    hasil = defaultdict(list)
    for model, selesai in ((Permohonan, StatusPermohonan.SELESAI), (Keberatan, StatusKeberatan.SELESAI)):
        qs = model.objects.exclude(status=selesai).filter(tenggat__lte=batas).select_related("desa")
        for item in qs.order_by("tenggat"):
            hasil[item.desa].append((item, "terlambat" if item.tenggat < hari else "segera"))
    return dict(hasil)


def _rata_rata_hari_kerja(pasangan):
    hari = [hari_kerja_antara(a, b) for a, b in pasangan]
    return round(sum(hari) / len(hari), 1) if hari else None


# --- the annual report --------------------------------------------------------------------------


def laporan_tahunan(*, desa, tahun):
    """The Laporan Layanan Informasi Publik of one year: requests received and how they were
    answered (refusals with their legal basis), the average response time in working days,
    and objections with their outcome. Three queries."""
    permohonan = list(
        Permohonan.objects.filter(desa=desa, tahun=tahun).values(
            "status", "jawaban", "diterima", "jawaban_tanggal", "tenggat", "dasar_pengecualian", "diperpanjang"
        )
    )
    per_jawaban = {j: 0 for j in Jawaban.values}
    alasan_tolak = defaultdict(int)
    tepat, terlambat = 0, 0
    for p in permohonan:
        if p["jawaban"]:
            per_jawaban[p["jawaban"]] += 1
            if p["jawaban_tanggal"] <= p["tenggat"]:
                tepat += 1
            else:
                terlambat += 1
        if p["jawaban"] in (Jawaban.DITOLAK, Jawaban.SEBAGIAN):
            alasan_tolak[p["dasar_pengecualian"]] += 1
    keberatan = list(Keberatan.objects.filter(desa=desa, tahun=tahun).values("alasan", "status", "putusan"))

    return {
        "tahun": tahun,
        "diterima": len(permohonan),
        "selesai": sum(1 for p in permohonan if p["jawaban"]),
        "diproses": sum(1 for p in permohonan if not p["jawaban"]),
        "diperpanjang": sum(1 for p in permohonan if p["diperpanjang"]),
        "per_jawaban": [(Jawaban(j).label, n) for j, n in per_jawaban.items()],
        "alasan_tolak": sorted(alasan_tolak.items(), key=lambda kv: (-kv[1], kv[0])),
        "tepat_waktu": tepat,
        "terlambat": terlambat,
        "rata_rata_hari": _rata_rata_hari_kerja(
            (p["diterima"], p["jawaban_tanggal"]) for p in permohonan if p["jawaban_tanggal"]
        ),
        "keberatan": len(keberatan),
        "keberatan_per_alasan": [
            (a.label, n) for a in AlasanKeberatan if (n := sum(1 for k in keberatan if k["alasan"] == a.value))
        ],
        "keberatan_diterima": sum(1 for k in keberatan if k["putusan"] == PutusanKeberatan.DITERIMA),
        "keberatan_ditolak": sum(1 for k in keberatan if k["putusan"] == PutusanKeberatan.DITOLAK),
        "keberatan_diproses": sum(1 for k in keberatan if k["status"] != StatusKeberatan.SELESAI),
        "dip": InformasiPublik.objects.filter(desa=desa, terbit=True).count(),
    }


def tahun_tersedia(*, desa):
    tahun = set(Permohonan.objects.filter(desa=desa).values_list("tahun", flat=True).distinct())
    return sorted(tahun | {_hari_ini().year}, reverse=True)


# --- the kecamatan and kabupaten view ------------------------------------------------------------


@dataclass
class RingkasanDesa:
    desa: Desa
    kelengkapan: int = 0
    terbuka: int = 0
    segera: int = 0
    terlambat: int = 0
    dijawab: int = 0
    rata_rata_hari: float | None = None
    keberatan_terbuka: int = 0


def ringkasan_per_desa(desa_qs, *, hari=None, rata_rata=True, kelengkapan=True):
    """[RingkasanDesa, ...] for the villages of `desa_qs` (a kecamatan's or the kabupaten's):
    DIP completeness, open / due-soon / overdue requests, average response time over the last
    12 months (skipped with `rata_rata=False`: the dashboards' totals need no working-day
    arithmetic), open objections; `kelengkapan=False` skips the completeness. Six queries plus
    one per declared source, for any number of villages."""
    hari = hari or _hari_ini()
    batas = tambah_hari_kerja(hari, tg.HARI_SEGERA)
    desa_list = list(desa_qs.select_related("kecamatan").order_by("kecamatan__nama", "nama"))
    ids = [d.pk for d in desa_list]
    hasil = {d.pk: RingkasanDesa(d) for d in desa_list}
    with scopes_disabled():
        terbuka = hitung_per_desa(
            Permohonan.objects.exclude(status=StatusPermohonan.SELESAI),
            ids,
            n=Count("pk"),
            segera=Count("pk", filter=Q(tenggat__gte=hari, tenggat__lte=batas)),
            terlambat=Count("pk", filter=Q(tenggat__lt=hari)),
        )
        for desa_id, r in terbuka.items():
            h = hasil[desa_id]
            h.terbuka, h.segera, h.terlambat = r["n"], r["segera"], r["terlambat"]
        dijawab = defaultdict(list)
        if rata_rata:
            rows = Permohonan.objects.filter(desa_id__in=ids, jawaban_tanggal__gte=hari - timedelta(days=365))
            for desa_id, diterima, dijawab_pada in rows.values_list("desa_id", "diterima", "jawaban_tanggal"):
                dijawab[desa_id].append((diterima, dijawab_pada))
        for desa_id, pasangan in dijawab.items():
            hasil[desa_id].dijawab = len(pasangan)
            hasil[desa_id].rata_rata_hari = _rata_rata_hari_kerja(pasangan)
        for desa_id, n in hitung_per_desa(Keberatan.objects.exclude(status=StatusKeberatan.SELESAI), ids).items():
            hasil[desa_id].keberatan_terbuka = n
    if kelengkapan:
        for desa_id, k in kelengkapan_banyak(ids, hari=hari).items():
            hasil[desa_id].kelengkapan = k.persen
    return [hasil[d.pk] for d in desa_list]


def desa_wilayah(request):
    from balai.core.tenancy import KECAMATAN

    if request.tenant.kind == KECAMATAN:
        return Desa.objects.filter(kecamatan=request.kecamatan)
    return Desa.objects.filter(kecamatan__kabupaten=request.kabupaten)


def widget_wilayah(request):
    """Totals over the kecamatan's or kabupaten's villages for its dashboard."""
    baris = ringkasan_per_desa(desa_wilayah(request), rata_rata=False)
    rata = [b.kelengkapan for b in baris]
    return {
        "jumlah_desa": len(baris),
        "kelengkapan": round(sum(rata) / len(rata)) if rata else 0,
        "terbuka": sum(b.terbuka for b in baris),
        "terlambat": sum(b.terlambat for b in baris),
        "desa_terlambat": sum(1 for b in baris if b.terlambat),
    }


def cari_informasi(*, desa, q):
    """The village's published DIP entries for the site search (/cari/)."""
    qs = informasi_terbit(desa=desa).filter(pencarian.cocok(q, "judul", "ringkasan"))
    return qs.annotate(ringkasan_cari=F("ringkasan"), tanggal_cari=F("tanggal")).order_by("-tanggal", "-pk")


# --- what the kabupaten's oversight reads (balai.pengawasan) -----------------------------------


def ukuran_kelengkapan(desa_ids, awal, akhir):
    """Activity measure: the DIP checklist's completeness in percent."""
    return {d: k.persen for d, k in kelengkapan_banyak(desa_ids, hari=timezone.localdate(akhir)).items()}


def ukuran_tepat_waktu(desa_ids, awal, akhir):
    """Activity measure: the share (%) of requests due in the period that were answered by their
    deadline; a village with no request due had nothing late (100)."""
    mulai, sampai = timezone.localdate(awal), timezone.localdate(akhir)
    rows = Permohonan.objects.filter(desa_id__in=desa_ids, tenggat__gte=mulai, tenggat__lt=sampai).values_list(
        "desa_id", "tenggat", "jawaban_tanggal"
    )
    jatuh, tepat = defaultdict(int), defaultdict(int)
    for desa_id, tenggat, dijawab in rows:
        jatuh[desa_id] += 1
        tepat[desa_id] += dijawab is not None and dijawab <= tenggat
    return {d: round(100 * tepat[d] / jatuh[d]) if jatuh[d] else 100 for d in desa_ids}


def kolom_permohonan(desa_ids, awal, akhir):
    """Village columns: requests open now and those of them past their deadline, as the
    kecamatan's PPID page counts them (`ringkasan_per_desa`)."""
    baris = ringkasan_per_desa(Desa.objects.filter(pk__in=desa_ids), rata_rata=False, kelengkapan=False)
    return {b.desa.pk: {"terbuka": b.terbuka, "terlambat": b.terlambat} for b in baris}


BAGIAN_BATAS = 50


def bagian_desa(*, desa, awal, akhir):
    """The kecamatan's read-only page of a village: requests received in the month and every
    request still open (number, dates, status; never who asked), newest first, and the DIP
    checklist. Three queries plus one per declared source."""
    qs = (
        Permohonan.objects.filter(desa=desa)
        .filter(
            Q(diterima__range=(timezone.localdate(awal), timezone.localdate(akhir - timedelta(microseconds=1))))
            | ~Q(status=StatusPermohonan.SELESAI)
        )
        .only("nomor", "diterima", "tenggat", "status", "jawaban_tanggal", "desa_id")
        .order_by("-diterima", "-pk")
    )
    permohonan = list(qs[: BAGIAN_BATAS + 1])
    hari = _hari_ini()
    for p in permohonan:
        p.lewat = p.status != StatusPermohonan.SELESAI and p.tenggat < hari
    return {
        "permohonan": permohonan[:BAGIAN_BATAS],
        "lebih": len(permohonan) > BAGIAN_BATAS,
        "kelengkapan": kelengkapan_banyak([desa.pk], hari=timezone.localdate(akhir))[desa.pk],
    }


def peringatan_terlambat(desa_ids):
    """Alert: requests and objections past their deadline, per village (one query)."""
    hari = _hari_ini()
    jumlah = hitung_per_desa(
        [
            Permohonan.objects.filter(tenggat__lt=hari).exclude(status=StatusPermohonan.SELESAI),
            Keberatan.objects.filter(tenggat__lt=hari).exclude(status=StatusKeberatan.SELESAI),
        ],
        desa_ids,
    )
    return [(d, f"{n} permohonan informasi atau keberatan melewati tenggat.") for d, n in jumlah.items()]
