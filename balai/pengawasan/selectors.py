"""Reads of the stored scores: a fixed number of queries whatever the number of villages."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Avg, Count, Max, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.core.registry import SCORE_PARTS, ActivityMeasure, AlertSource, extensions
from balai.core.tenancy import KECAMATAN
from balai.wilayah.models import Desa, Kecamatan

from .models import DukunganUsulan, KecamatanSipande, Panduan, Pengingat, Siaran, SkorDesa, Usulan
from .peringatan import ULANG_HARI, mau_surel
from .peringatan import sejak as sejak_peringatan
from .services import pengaturan


def bulan_terakhir(*, kabupaten):
    with scopes_disabled():
        return SkorDesa.objects.filter(desa__kecamatan__kabupaten=kabupaten).aggregate(b=Max("bulan"))["b"]


def peringkat(*, kabupaten, bulan, kecamatan=None):
    """This month's scores, best first (one query)."""
    with scopes_disabled():
        qs = SkorDesa.objects.filter(desa__kecamatan__kabupaten=kabupaten, bulan=bulan, desa__aktif=True)
        if kecamatan is not None:
            qs = qs.filter(desa__kecamatan=kecamatan)
        return list(qs.select_related("desa__kecamatan").order_by("-total", "desa__nama"))


def bagian_lemah(skor: SkorDesa, n=2):
    """The parts that pull a village's score down most, as readable labels."""
    diukur = [(nilai, p) for p, nilai in skor.bagian.items() if nilai is not None and nilai < 100]
    return [f"{SCORE_PARTS[p]} ({nilai})" for nilai, p in sorted(diukur)[:n]]


def tren(*, kabupaten, kecamatan=None, bulan_n=12):
    """[(bulan, average score, villages scored, villages active)] of the last `bulan_n` months."""
    ambang = pengaturan(kabupaten).ambang_aktif
    with scopes_disabled():
        qs = SkorDesa.objects.filter(desa__kecamatan__kabupaten=kabupaten, desa__aktif=True)
        if kecamatan is not None:
            qs = qs.filter(desa__kecamatan=kecamatan)
        rows = (
            qs.values("bulan")
            .annotate(rata=Avg("total"), n=Count("id"), aktif=Count("id", filter=Q(total__gte=ambang)))
            .order_by("-bulan")[:bulan_n]
        )
        return [(r["bulan"], round(r["rata"]), r["n"], r["aktif"]) for r in reversed(rows)]


def grafik_tren(baris, *, lebar=600, tinggi=160, pad=28):
    """Geometry of the trend line (average score per month, 0..100) for an SVG in the template;
    None until there are two months to draw a line between."""
    if len(baris) < 2:
        return None
    langkah = (lebar - 2 * pad) / max(len(baris) - 1, 1)
    titik = [
        {
            "x": round(pad + i * langkah, 1),
            "y": round(tinggi - pad - (tinggi - 2 * pad) * rata / 100, 1),
            "bulan": bulan,
            "rata": rata,
        }
        for i, (bulan, rata, _n, _aktif) in enumerate(baris)
    ]
    return {
        "lebar": lebar,
        "tinggi": tinggi,
        "titik": titik,
        "garis": " ".join(f"{t['x']},{t['y']}" for t in titik),
        "y100": pad,
        "y0": tinggi - pad,
    }


@dataclass
class StatusKecamatan:
    kecamatan: Kecamatan
    punya_sipande: bool
    jumlah_desa: int = 0
    aktif: int = 0
    penahan: list = field(default_factory=list)  # [(desa, total or None, reasons)]

    @property
    def semua_aktif(self):
        return self.jumlah_desa > 0 and self.aktif == self.jumlah_desa


def status_sipande(*, kabupaten, bulan, kecamatan=None, baris=None):
    """Per kecamatan: its active villages by the kabupaten's threshold, whether all are active
    (Sipande's condition), and which villages hold it back and why (three queries). `baris`:
    the month's `peringkat` when the caller has read it already."""
    ambang = pengaturan(kabupaten).ambang_aktif
    kec_qs = Kecamatan.objects.filter(kabupaten=kabupaten).order_by("nama")
    if kecamatan is not None:
        kec_qs = kec_qs.filter(pk=kecamatan.pk)
    punya = set(KecamatanSipande.objects.values_list("kecamatan_id", flat=True))
    status = {k.pk: StatusKecamatan(k, k.pk in punya) for k in kec_qs}
    if baris is None:
        baris = peringkat(kabupaten=kabupaten, bulan=bulan, kecamatan=kecamatan) if bulan else []
    skor = {s.desa_id: s for s in baris}
    for desa in Desa.objects.filter(kecamatan_id__in=status, aktif=True).order_by("nama"):
        st = status[desa.kecamatan_id]
        st.jumlah_desa += 1
        s = skor.get(desa.pk)
        if s is not None and s.total >= ambang:
            st.aktif += 1
        elif s is None:
            st.penahan.append((desa, None, ["belum dihitung"]))
        else:
            st.penahan.append((desa, s.total, bagian_lemah(s)))
    return list(status.values()), ambang


def rincian(*, desa, bulan, bobot=None):
    """A village's score explained: each part with its measures, raw number and marks."""
    with scopes_disabled():
        skor = SkorDesa.objects.filter(desa=desa, bulan=bulan).first()
    if skor is None:
        return None
    ukuran = extensions(ActivityMeasure)
    bagian = []
    for part, label in SCORE_PARTS.items():
        baris = [
            {
                "label": u.label,
                "satuan": u.satuan,
                "penuh": u.penuh,
                "nol": u.nol,
                "angka": skor.ukuran.get(u.key, [None, 0])[0],
                "nilai": skor.ukuran.get(u.key, [None, 0])[1],
            }
            for u in ukuran
            if u.part == part
        ]
        bagian.append(
            {
                "key": part,
                "label": label,
                "nilai": skor.bagian.get(part),
                "ukuran": baris,
                "bobot": None if bobot is None else bobot.get(part, 0),
            }
        )
    return {"skor": skor, "bagian": bagian}


def widget_skor(request):
    """Dashboard summary on the kecamatan and kabupaten hosts, from the same rows as the pages."""
    kecamatan = request.tenant.kecamatan if request.tenant.kind == KECAMATAN else None
    bulan = bulan_terakhir(kabupaten=request.kabupaten)
    baris = peringkat(kabupaten=request.kabupaten, bulan=bulan, kecamatan=kecamatan) if bulan else []
    status, ambang = status_sipande(kabupaten=request.kabupaten, bulan=bulan, kecamatan=kecamatan, baris=baris)
    return {
        "skor": {
            "bulan": bulan,
            "ambang": ambang,
            "aktif": sum(st.aktif for st in status),
            "jumlah": sum(st.jumlah_desa for st in status),
            "status": status,
            "satu_kecamatan": kecamatan is not None,
            "terendah": list(reversed(baris[-5:])),
        }
    }


# --- usulan, siaran, panduan -----------------------------------------------------------------


def daftar_usulan(*, kabupaten, status=""):
    qs = Usulan.objects.filter(kabupaten=kabupaten).select_related("pengusul__kecamatan")
    if status in Usulan.Status.values:
        qs = qs.filter(status=status)
    return qs[:200]


def didukung_oleh(*, desa) -> set[int]:
    return set(DukunganUsulan.objects.filter(pendukung=desa).values_list("usulan_id", flat=True))


def siaran_terkirim(*, kabupaten, dari_kecamatan=None):
    qs = Siaran.objects.filter(kabupaten=kabupaten, dari_kecamatan=dari_kecamatan).select_related("untuk_kecamatan")
    return qs[:50]


def siaran_untuk_desa(*, desa):
    """Broadcasts showing in `desa`'s back office today: kabupaten-wide ones, and those for its
    kecamatan (from the kabupaten or from the kecamatan itself)."""
    return (
        Siaran.objects.filter(kabupaten_id=desa.kecamatan.kabupaten_id, berlaku_sampai__gte=timezone.localdate())
        .filter(Q(untuk_kecamatan__isnull=True) | Q(untuk_kecamatan_id=desa.kecamatan_id))
        .select_related("dari_kecamatan")[:5]
    )


def widget_siaran(request):
    return {"siaran": list(siaran_untuk_desa(desa=request.desa)), "pengingat": pengingat_untuk_desa(desa=request.desa)}


# Which guides each role reads (besides the ones for everybody).
PANDUAN_PERAN = {
    Peran.ADMIN_DESA: {Panduan.Untuk.OPERATOR, Panduan.Untuk.PPID, Panduan.Untuk.KEPALA_DESA},
    Peran.OPERATOR_DESA: {Panduan.Untuk.OPERATOR},
    Peran.PPID_DESA: {Panduan.Untuk.PPID},
    Peran.KEPALA_DESA: {Panduan.Untuk.KEPALA_DESA, Panduan.Untuk.PPID},
    Peran.SEKDES: {Panduan.Untuk.KEPALA_DESA, Panduan.Untuk.OPERATOR},
    Peran.OPERATOR_KECAMATAN: {Panduan.Untuk.KECAMATAN},
}


def panduan_untuk(*, kabupaten, user):
    untuk = {Panduan.Untuk.SEMUA}
    for peran in user.peran:
        untuk |= PANDUAN_PERAN.get(peran, set())
    if user.is_admin_kabupaten:
        untuk = set(Panduan.Untuk.values)
    return Panduan.objects.filter(kabupaten=kabupaten, untuk__in=untuk)


# --- alerts ------------------------------------------------------------------------------------


@dataclass
class PeringatanDesa:
    desa: Desa
    pesan: list = field(default_factory=list)  # [(label, message)]
    sejak: list = field(default_factory=list)  # since when each is open (None: not recorded yet)
    diingatkan: object = None  # time of the latest reminder

    @property
    def rinci(self):
        """[(label, message, since)] for the page."""
        return [(label, pesan, t) for (label, pesan), t in zip(self.pesan, self.sejak, strict=True)]


def peringatan(*, kabupaten, kecamatan=None):
    """Villages with something to act on, from every AlertSource, most alerts first."""
    desa_qs = Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True).select_related("kecamatan")
    if kecamatan is not None:
        desa_qs = desa_qs.filter(kecamatan=kecamatan)
    desa = {d.pk: d for d in desa_qs}
    hasil = {}
    with scopes_disabled():
        kunci = []
        for sumber in extensions(AlertSource):
            for desa_id, pesan in sumber(list(desa)):
                hasil.setdefault(desa_id, PeringatanDesa(desa[desa_id])).pesan.append((sumber.label, pesan))
                kunci.append((desa_id, sumber.key))
        # Since when, as the daily mail run recorded it (alerts newer than its last run: not yet).
        sejak = sejak_peringatan(desa_ids=hasil)
        for desa_id, key in kunci:
            hasil[desa_id].sejak.append(sejak.get((desa_id, key)))
        terakhir = dict(
            Pengingat.objects.filter(desa_id__in=list(hasil))
            .values("desa_id")
            .annotate(t=Max("waktu"))
            .values_list("desa_id", "t")
        )
    for desa_id, p in hasil.items():
        p.diingatkan = terakhir.get(desa_id)
    return sorted(hasil.values(), key=lambda p: (-len(p.pesan), p.desa.kecamatan.nama, p.desa.nama))


def widget_surel_peringatan(request):
    """The account page's section on the daily alert mail."""
    return {"surel": mau_surel(request.user), "ulang_hari": ULANG_HARI, "form_id": "surel-peringatan"}


def pengingat_untuk_desa(*, desa, hari=14):
    batas = timezone.now() - timedelta(days=hari)
    return list(Pengingat.objects.filter(desa=desa, waktu__gte=batas)[:3])


# --- SPBE / KIP evidence ------------------------------------------------------------------------


def bukti(*, kabupaten, dari, sampai, kecamatan=None):
    """The evidence of villages' use of the SID over the months [dari, sampai] (first days of
    months): each village's monthly score and parts, per-kecamatan summaries and the definitions
    used, for an SPBE or KIP assessment. Empty when nothing was scored in the period."""
    atur = pengaturan(kabupaten)
    with scopes_disabled():
        qs = SkorDesa.objects.filter(desa__kecamatan__kabupaten=kabupaten, bulan__gte=dari, bulan__lte=sampai)
        if kecamatan is not None:
            qs = qs.filter(desa__kecamatan=kecamatan)
        rows = list(qs.select_related("desa__kecamatan").order_by("desa__kecamatan__nama", "desa__nama", "bulan"))
    bulan = sorted({r.bulan for r in rows})
    per_desa, per_kecamatan = {}, {}
    for r in rows:
        d = per_desa.setdefault(r.desa_id, {"desa": r.desa, "skor": {}, "bagian": {}})
        d["skor"][r.bulan] = r.total
        d["bagian"] = r.bagian  # the latest month's parts (rows come in month order)
        k = per_kecamatan.setdefault(r.desa.kecamatan_id, {"kecamatan": r.desa.kecamatan, "bulan": {}})
        total, n, aktif = k["bulan"].get(r.bulan, (0, 0, 0))
        k["bulan"][r.bulan] = (total + r.total, n + 1, aktif + (r.total >= atur.ambang_aktif))
    for d in per_desa.values():
        d["rata"] = round(sum(d["skor"].values()) / len(d["skor"]))
        d["bulan_aktif"] = sum(1 for t in d["skor"].values() if t >= atur.ambang_aktif)
    for k in per_kecamatan.values():
        k["ringkas"] = [(b, round(t / n), aktif, n) for b, (t, n, aktif) in sorted(k["bulan"].items())]
    definisi = [
        {"bagian": SCORE_PARTS[u.part], "label": u.label, "penuh": u.penuh, "nol": u.nol, "satuan": u.satuan}
        for u in sorted(extensions(ActivityMeasure), key=lambda u: (list(SCORE_PARTS).index(u.part), u.order))
    ]
    return {
        "dari": dari,
        "sampai": sampai,
        "kecamatan": kecamatan,
        "bulan": bulan,
        "desa": list(per_desa.values()),
        "kecamatan_list": list(per_kecamatan.values()),
        "definisi": definisi,
        "bobot": [(SCORE_PARTS[p], atur.bobot.get(p, 0)) for p in SCORE_PARTS],
        "ambang": atur.ambang_aktif,
    }
