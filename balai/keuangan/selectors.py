"""Reads of the APBDes, each in a fixed number of queries whatever the number of lines."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core.hitung import hitung_per_desa
from balai.wilayah.models import Desa

from . import kode as k
from .models import Apbdes, Baris, ImporApbdes, Kegiatan, Realisasi

NOL = Decimal(0)


def persen(realisasi, anggaran):
    """Realisation as a percentage of the budget, one decimal; None without a budget."""
    if not anggaran:
        return None
    return round(float(realisasi) * 100 / float(anggaran), 1)


@dataclass
class Pos:
    """A figure of the infographic: a group of lines, its budget and realisation."""

    kode: str
    label: str
    anggaran: Decimal = NOL
    realisasi: Decimal = NOL
    smt1: Decimal = NOL
    smt2: Decimal = NOL
    anak: list = field(default_factory=list)

    def tambah(self, b):
        self.anggaran += b.anggaran
        self.realisasi += b.realisasi_total or NOL
        self.smt1 += b.realisasi_smt1 or NOL
        self.smt2 += b.realisasi_smt2 or NOL

    @property
    def persen(self):
        return persen(self.realisasi, self.anggaran)

    @property
    def lebih(self):
        return self.realisasi > self.anggaran


def baris_apbdes(apbdes):
    """The version's lines with their kegiatan and realisation (total and per semester): one query."""
    return list(
        Baris.objects.filter(apbdes=apbdes)
        .select_related("kegiatan")
        .annotate(
            realisasi_total=Sum("realisasi__jumlah"),
            realisasi_smt1=Sum("realisasi__jumlah", filter=Q(realisasi__semester=1)),
            realisasi_smt2=Sum("realisasi__jumlah", filter=Q(realisasi__semester=2)),
        )
        .order_by("jenis", "kegiatan__kode", "kode", "urutan", "pk")
    )


def _kelompok(kode, daftar):
    """The entry of `daftar` [(prefix, label)] with the longest prefix of `kode`."""
    best = None
    for prefix, label in daftar:
        if kode == prefix or kode.startswith(prefix + "."):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, label)
    return best


def ringkasan(apbdes, lines=None):
    """Everything the public page, the exports and the back office show of a version, from the
    lines of `baris_apbdes` (read here when not given)."""
    lines = baris_apbdes(apbdes) if lines is None else lines
    pendapatan = {p: Pos(p, label) for p, label in k.KELOMPOK_PENDAPATAN}
    bidang = {b: Pos(b, label) for b, label in k.BIDANG.items()}
    sub, kegiatan = {}, {}
    pembiayaan = {p: Pos(p, label) for p, label in k.KELOMPOK_PEMBIAYAAN}
    total = {j: Pos(j, label) for j, label in k.JENIS.items()}
    for b in lines:
        total[b.jenis].tambah(b)
        if b.jenis == k.PENDAPATAN:
            grup = _kelompok(b.kode, k.KELOMPOK_PENDAPATAN)
            if grup:
                pendapatan[grup[0]].tambah(b)
        elif b.jenis == k.BELANJA:
            g = b.kegiatan
            bidang[g.bidang].tambah(b)
            if g.sub_bidang not in sub:
                sub[g.sub_bidang] = Pos(g.sub_bidang, k.SUB_BIDANG.get(g.sub_bidang, g.sub_bidang))
                bidang[g.bidang].anak.append(sub[g.sub_bidang])
            sub[g.sub_bidang].tambah(b)
            if g.pk not in kegiatan:
                kegiatan[g.pk] = Pos(g.kode, g.nama)
                kegiatan[g.pk].sumber_dana = g.sumber_dana
                sub[g.sub_bidang].anak.append(kegiatan[g.pk])
            kegiatan[g.pk].tambah(b)
            kegiatan[g.pk].anak.append(b)
        else:
            grup = _kelompok(b.kode, k.KELOMPOK_PEMBIAYAAN)
            if grup:
                pembiayaan[grup[0]].tambah(b)
    masuk, keluar = pembiayaan["6.1"], pembiayaan["6.2"]
    return {
        "apbdes": apbdes,
        "baris": lines,
        "pendapatan": [p for p in pendapatan.values() if p.anggaran or p.realisasi],
        "bidang": [b for b in bidang.values() if b.anggaran or b.realisasi],
        "pembiayaan": list(pembiayaan.values()),
        "total_pendapatan": total[k.PENDAPATAN],
        "total_belanja": total[k.BELANJA],
        "surplus": total[k.PENDAPATAN].anggaran - total[k.BELANJA].anggaran,
        "pembiayaan_netto": masuk.anggaran - keluar.anggaran,
        "silpa": total[k.PENDAPATAN].anggaran - total[k.BELANJA].anggaran + masuk.anggaran - keluar.anggaran,
        "ada_smt2": any(b.realisasi_smt2 for b in lines),
    }


# Public site ------------------------------------------------------------------------------


def versi_terbit(*, desa):
    """The newest published version of each year, newest year first: one query."""
    newer = Apbdes.objects.filter(desa=desa, tahun=OuterRef("tahun"), terbit=True, versi__gt=OuterRef("versi"))
    return list(Apbdes.objects.filter(desa=desa, terbit=True).exclude(Exists(newer)).order_by("-tahun"))


def apbdes_publik(*, desa, tahun=None):
    """(the published version shown for `tahun`, or the newest year's; every published year)."""
    semua = versi_terbit(desa=desa)
    if tahun is None:
        return (semua[0] if semua else None), semua
    return next((a for a in semua if a.tahun == tahun), None), semua


def beranda(request):
    """Front-page widget: the newest published year, totals by jenis and realisation (3 queries)."""
    apbdes = Apbdes.objects.filter(desa=request.desa, terbit=True).order_by("-tahun", "-versi").first()
    if apbdes is None:
        return {"apbdes": None}
    # Budget and realisation summed apart: one join would count each budget once per realisation.
    anggaran = dict(Baris.objects.filter(apbdes=apbdes).values_list("jenis").annotate(t=Sum("anggaran")))
    realisasi = dict(
        Realisasi.objects.filter(baris__apbdes=apbdes).values_list("baris__jenis").annotate(t=Sum("jumlah"))
    )

    def pos(jenis, label):
        return Pos(jenis, label, anggaran.get(jenis) or NOL, realisasi.get(jenis) or NOL)

    return {
        "apbdes": apbdes,
        "pendapatan": pos(k.PENDAPATAN, "Pendapatan"),
        "belanja": pos(k.BELANJA, "Belanja"),
    }


def terbitan_terakhir(desa_ids):
    """{desa_id: when its APBDes was last published} (one query): how current the PPID list's
    APBDes entry is. Not a FreshnessSource: a budget comes once a year, freshness is daily news."""
    rows = hitung_per_desa(Apbdes.objects.filter(terbit=True), desa_ids, t=Max("diterbitkan"))
    return {desa_id: t for desa_id, t in rows.items() if t is not None}


def realisasi_terakhir(desa_ids):
    """{desa_id: when realisation of a published version was last recorded} (one query)."""
    return hitung_per_desa(Realisasi.objects.filter(baris__apbdes__terbit=True), desa_ids, t=Max("dicatat"))


def dip_data(*, desa):
    """What the village's Daftar Informasi Publik lists of its APBDes (informasi berkala): per
    published year, the APBDes and, where there is any, its realisation, as
    ({judul, url, ringkasan, tanggal} of the APBDes, the same of the realisation). Two queries."""
    from django.urls import reverse

    semua = versi_terbit(desa=desa)
    dengan_realisasi = dict(
        Realisasi.objects.filter(baris__apbdes__in=semua)
        .values("baris__apbdes")
        .annotate(t=Max("dicatat"))
        .values_list("baris__apbdes", "t")
    )
    apbdes, realisasi = [], []
    for a in semua:
        url = reverse("keuangan:publik_tahun", args=[a.tahun])
        perdes = f" (Perdes {a.nomor_perdes})" if a.nomor_perdes else ""
        apbdes.append({"judul": f"{a.nama_versi} Tahun {a.tahun}{perdes}", "url": url,
                       "ringkasan": "Pendapatan, belanja per bidang dan pembiayaan desa; unduh PDF atau Excel.",
                       "tanggal": a.diterbitkan})  # fmt: skip
        if a.pk in dengan_realisasi:
            realisasi.append({"judul": f"Realisasi {a.nama_versi} Tahun {a.tahun}", "url": url,
                              "ringkasan": "Realisasi pendapatan dan belanja per semester.",
                              "tanggal": dengan_realisasi[a.pk]})  # fmt: skip
    return apbdes, realisasi


def dip_apbdes(*, desa):
    """DipSource target (informasi berkala, checklist item "apbdes")."""
    from balai.core.registry import DipEntry  # the PPID module's extension kind

    return [DipEntry(**e) for e in dip_data(desa=desa)[0]]


def dip_realisasi(*, desa):
    """DipSource target (informasi berkala, checklist item "realisasi")."""
    from balai.core.registry import DipEntry

    return [DipEntry(**e) for e in dip_data(desa=desa)[1]]


def sitemap_entries(*, desa):
    from django.urls import reverse

    return [(reverse("keuangan:publik_tahun", args=[a.tahun]), a.diperbarui) for a in versi_terbit(desa=desa)]


# Back office ------------------------------------------------------------------------------


def widget_desa(request):
    """The village dashboard: this year's current version, published or not, and its figures."""
    from django.utils import timezone

    apbdes = (
        Apbdes.objects.filter(desa=request.desa, tahun=timezone.localdate().year, aktif=True)
        .annotate(jumlah_baris=Count("baris"))
        .first()
    )
    if apbdes is None:
        return {"apbdes": None, "tahun": timezone.localdate().year}
    return {"apbdes": apbdes, "tahun": apbdes.tahun, "rekap": rekap_desa(desa=request.desa, tahun=apbdes.tahun)}


def rekap_desa(*, desa, tahun):
    """rekap_wilayah's figures for one village, read inside its own scope (two queries)."""
    anggaran = dict(
        Baris.objects.filter(desa=desa, apbdes__tahun=tahun, apbdes__aktif=True)
        .values_list("jenis")
        .annotate(t=Sum("anggaran"))
    )
    realisasi = dict(
        Realisasi.objects.filter(desa=desa, baris__apbdes__tahun=tahun, baris__apbdes__aktif=True)
        .values_list("baris__jenis")
        .annotate(t=Sum("jumlah"))
    )
    r = RekapDesa(desa, ada=True)
    r.pendapatan, r.belanja = anggaran.get(k.PENDAPATAN, NOL), anggaran.get(k.BELANJA, NOL)
    r.realisasi_pendapatan, r.realisasi_belanja = realisasi.get(k.PENDAPATAN, NOL), realisasi.get(k.BELANJA, NOL)
    return r


def daftar_tahun(*, desa):
    """Every year of the village with its versions, newest first (2 queries)."""
    versi = list(Apbdes.objects.filter(desa=desa).annotate(jumlah_baris=Count("baris")).order_by("-tahun", "-versi"))
    tahun = {}
    for a in versi:
        tahun.setdefault(a.tahun, []).append(a)
    return tahun


def realisasi_bulan(*, apbdes, bulan):
    """{baris_id: amount entered for month `bulan`} of a version (one query)."""
    return dict(Realisasi.objects.filter(baris__apbdes=apbdes, bulan=bulan).values_list("baris_id", "jumlah"))


def realisasi_kegiatan(*, desa, kegiatan_ids):
    """{kegiatan_id: realisation in the current version} (one query): for modules that show a
    kegiatan's spending (pembangunan)."""
    rows = (
        Realisasi.objects.filter(desa=desa, baris__kegiatan_id__in=kegiatan_ids, baris__apbdes__aktif=True)
        .values("baris__kegiatan_id")
        .annotate(t=Sum("jumlah"))
    )
    return {r["baris__kegiatan_id"]: r["t"] for r in rows}


def kegiatan_tahun(*, desa, tahun):
    return Kegiatan.objects.filter(desa=desa, tahun=tahun).order_by("kode")


def impor_terakhir(*, desa):
    return ImporApbdes.objects.filter(desa=desa).select_related("oleh").defer("isi").order_by("-dibuat")[:10]


# Kecamatan and kabupaten ------------------------------------------------------------------


@dataclass
class RekapDesa:
    desa: Desa
    terbit: bool = False
    ada: bool = False
    versi: int | None = None
    pendapatan: Decimal = NOL
    belanja: Decimal = NOL
    realisasi_pendapatan: Decimal = NOL
    realisasi_belanja: Decimal = NOL

    @property
    def persen_belanja(self):
        return persen(self.realisasi_belanja, self.belanja)

    @property
    def persen_pendapatan(self):
        return persen(self.realisasi_pendapatan, self.pendapatan)


def rekap_wilayah(*, tahun, kecamatan=None, kabupaten=None):
    """Per village of a kecamatan (or the kabupaten): this year's APBDes (current version)
    exists? published? budget and realisation of pendapatan and belanja. Four queries, summed
    in SQL, whatever the number of villages and lines."""
    with scopes_disabled():
        # Kelurahan have no APBDes of their own (they are part of the kabupaten's budget).
        desa_qs = (
            Desa.objects.filter(jenis=Desa.Jenis.DESA).select_related("kecamatan").order_by("kecamatan__nama", "nama")
        )
        if kecamatan is not None:
            desa_qs = desa_qs.filter(kecamatan=kecamatan)
        else:
            desa_qs = desa_qs.filter(kecamatan__kabupaten=kabupaten)
        return _isi_rekap({d.pk: RekapDesa(d) for d in desa_qs}, tahun)


def _isi_rekap(rekap, tahun):
    """Fill {desa_id: RekapDesa} with the year's figures (three queries, scopes disabled)."""
    with scopes_disabled():
        ids = list(rekap)
        versi = Apbdes.objects.filter(desa_id__in=ids, tahun=tahun)
        for r in versi.values("desa_id").annotate(
            terbit=Count("pk", filter=Q(terbit=True)), aktif=Sum("versi", filter=Q(aktif=True))
        ):
            x = rekap[r["desa_id"]]
            x.ada, x.terbit, x.versi = True, r["terbit"] > 0, r["aktif"]
        aktif = Q(apbdes__tahun=tahun, apbdes__aktif=True, desa_id__in=ids, jenis__in=[k.PENDAPATAN, k.BELANJA])
        for r in Baris.objects.filter(aktif).values("desa_id", "jenis").annotate(t=Sum("anggaran")):
            setattr(rekap[r["desa_id"]], "pendapatan" if r["jenis"] == k.PENDAPATAN else "belanja", r["t"])
        real = Realisasi.objects.filter(
            desa_id__in=ids,
            baris__apbdes__tahun=tahun,
            baris__apbdes__aktif=True,
            baris__jenis__in=[k.PENDAPATAN, k.BELANJA],
        )
        for r in real.values("desa_id", "baris__jenis").annotate(t=Sum("jumlah")):
            nama = "realisasi_pendapatan" if r["baris__jenis"] == k.PENDAPATAN else "realisasi_belanja"
            setattr(rekap[r["desa_id"]], nama, r["t"])
    return list(rekap.values())


def ringkas_rekap(rekap):
    jumlah = len(rekap)
    terbit = sum(1 for r in rekap if r.terbit)
    belanja = sum((r.belanja for r in rekap), NOL)
    realisasi = sum((r.realisasi_belanja for r in rekap), NOL)
    return {
        "jumlah": jumlah,
        "terbit": terbit,
        "belum": jumlah - terbit,
        "belanja": belanja,
        "realisasi": realisasi,
        "persen": persen(realisasi, belanja),
    }


def _tahun_periode(akhir):
    """The year of the period's last instant: a period ending at 1 January 00:00 is the old year's."""
    from datetime import timedelta

    return timezone.localdate(akhir - timedelta(microseconds=1)).year


def ukuran_apbdes_terbit(desa_ids, awal, akhir):
    """Activity measure: 1 when the village published its APBDes of the year the period ends in."""
    tahun = _tahun_periode(akhir)
    terbit = Apbdes.objects.filter(desa_id__in=desa_ids, tahun=tahun, terbit=True).values_list("desa_id", flat=True)
    return dict.fromkeys(set(terbit), 1)


def kolom_apbdes(desa_ids, awal, akhir):
    """Village columns: the APBDes of the year the period ends in, published (1) or not (0), and
    the realisation of its belanja in percent, as `rekap_wilayah` counts them (four queries).
    Kelurahan have no APBDes and are left out."""
    with scopes_disabled():
        desa_list = Desa.objects.filter(pk__in=desa_ids, jenis=Desa.Jenis.DESA)
        rekap = _isi_rekap({d.pk: RekapDesa(d) for d in desa_list}, _tahun_periode(akhir))
    return {r.desa.pk: {"terbit": int(r.terbit), "realisasi": r.persen_belanja} for r in rekap}


def bagian_desa(*, desa, awal, akhir):
    """The kecamatan's read-only page of a village: the current version of the year's APBDes,
    whether it is published, and budget against realisation (three queries). None for a
    kelurahan, which has no APBDes of its own."""
    if desa.jenis != Desa.Jenis.DESA:
        return None
    tahun = _tahun_periode(akhir)
    apbdes = Apbdes.objects.filter(desa=desa, tahun=tahun, aktif=True).first()
    terbit = Apbdes.objects.filter(desa=desa, tahun=tahun, terbit=True).exists()
    return {
        "tahun": tahun,
        "apbdes": apbdes,
        "terbit": terbit,
        "rekap": rekap_desa(desa=desa, tahun=tahun) if apbdes else None,
    }
