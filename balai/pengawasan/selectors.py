"""Reads of the stored scores: a fixed number of queries whatever the number of villages."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Q
from django_scopes import scopes_disabled

from balai.core.registry import SCORE_PARTS, ActivityMeasure, extensions
from balai.wilayah.models import Desa, Kecamatan

from .models import KecamatanSipande, SkorDesa
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
    """Geometry of the trend line (average score per month, 0..100) for an SVG in the template."""
    if not baris:
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


def status_sipande(*, kabupaten, bulan, kecamatan=None):
    """Per kecamatan: its active villages by the kabupaten's threshold, whether all are active
    (Sipande's condition), and which villages hold it back and why (three queries)."""
    ambang = pengaturan(kabupaten).ambang_aktif
    kec_qs = Kecamatan.objects.filter(kabupaten=kabupaten).order_by("nama")
    if kecamatan is not None:
        kec_qs = kec_qs.filter(pk=kecamatan.pk)
    punya = set(KecamatanSipande.objects.values_list("kecamatan_id", flat=True))
    status = {k.pk: StatusKecamatan(k, k.pk in punya) for k in kec_qs}
    skor = {s.desa_id: s for s in peringkat(kabupaten=kabupaten, bulan=bulan, kecamatan=kecamatan)} if bulan else {}
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


def rincian(*, desa, bulan):
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
        bagian.append({"key": part, "label": label, "nilai": skor.bagian.get(part), "ukuran": baris})
    return {"skor": skor, "bagian": bagian}
