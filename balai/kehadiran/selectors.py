"""Reads for attendance pages: today's board, one official's days, and the monthly recap of a
village or of all villages of a kecamatan, each in a fixed number of queries."""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from balai.core.kalender import hari_kerja, hari_kerja_dalam, nama_libur
from balai.website.models import Perangkat

from .models import Izin, Kehadiran, PengaturanKehadiran

# Columns of the recap, in order. hadir + the four kinds of leave + tanpa keterangan = the
# working days counted; terlambat and pulang cepat are days of hadir.
KOLOM = [
    ("hadir", "Hadir"),
    ("terlambat", "Terlambat"),
    ("pulang_cepat", "Pulang cepat"),
    ("izin", "Izin"),
    ("sakit", "Sakit"),
    ("cuti", "Cuti"),
    ("dinas_luar", "Dinas luar"),
    ("tanpa_keterangan", "Tanpa keterangan"),
]
BULAN = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def nama_bulan(tahun, bulan):
    return f"{BULAN[bulan - 1]} {tahun}"


@dataclass
class Baris:
    """One official's month (or one village's, summed)."""

    label: str
    keterangan: str = ""
    pk: int | None = None
    hadir: int = 0
    terlambat: int = 0
    pulang_cepat: int = 0
    izin: int = 0
    sakit: int = 0
    cuti: int = 0
    dinas_luar: int = 0
    tanpa_keterangan: int = 0
    hari_kerja: int = 0

    @property
    def sel(self):
        return [getattr(self, k) for k, _ in KOLOM]

    @property
    def persen_hadir(self):
        return round(100 * self.hadir / self.hari_kerja) if self.hari_kerja else 0

    def tambah(self, lain):
        for k, _ in KOLOM:
            setattr(self, k, getattr(self, k) + getattr(lain, k))
        self.hari_kerja += lain.hari_kerja


@dataclass
class Rekap:
    tahun: int
    bulan: int
    hari_kerja: list  # the working days counted
    baris: list
    total: Baris = field(default_factory=lambda: Baris("Jumlah"))

    @property
    def judul(self):
        return nama_bulan(self.tahun, self.bulan)


def bulan_dari(teks, hari_ini=None):
    """(tahun, bulan) from "2026-11", or this month when missing or malformed."""
    hari_ini = hari_ini or timezone.localdate()
    try:
        tahun, bulan = (int(x) for x in (teks or "").split("-"))
        date(tahun, bulan, 1)
    except (ValueError, OverflowError):  # "99999999999999999999-01" overflows date()
        return hari_ini.year, hari_ini.month
    if not 2000 <= tahun <= hari_ini.year + 1:
        return hari_ini.year, hari_ini.month
    return tahun, bulan


def hari_dihitung(tahun, bulan, *, sekarang=None, jam_pulang_hari_ini=None):
    """The month's working days that have come: up to yesterday, and today once the working day
    is over (before that, a missing check-in is not yet an absence)."""
    sekarang = timezone.localtime(sekarang or timezone.now())
    awal = date(tahun, bulan, 1)
    akhir = date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])
    hari_ini = sekarang.date()
    hari = [h for h in hari_kerja_dalam(awal, min(akhir, hari_ini)) if h < hari_ini]
    selesai = jam_pulang_hari_ini is not None and sekarang.time() >= jam_pulang_hari_ini
    if awal <= hari_ini <= akhir and selesai and hari_kerja(hari_ini):
        hari.append(hari_ini)
    return hari


def _pegawai(desa_ids, awal, akhir):
    """Officials counted: linked to an account, or with a record in the month (one query)."""
    ada = Kehadiran.objects.filter(desa_id__in=desa_ids, tanggal__range=(awal, akhir)).values("perangkat_id")
    return list(
        Perangkat.objects.filter(Q(pengguna__isnull=False) | Q(pk__in=ada), desa_id__in=desa_ids)
        .only("pk", "desa_id", "nama", "jabatan", "urutan")
        .order_by("desa_id", "urutan", "nama")
    )


def _hari_per_orang(desa_ids, awal, akhir):
    """{perangkat_id: {date: (terlambat, pulang_cepat)}} and {perangkat_id: {date: jenis}} of
    approved leave (two queries)."""
    hadir = defaultdict(dict)
    rows = Kehadiran.objects.filter(desa_id__in=desa_ids, tanggal__range=(awal, akhir)).values_list(
        "perangkat_id", "tanggal", "terlambat_menit", "pulang_cepat_menit"
    )
    for pid, tanggal, telat, cepat in rows:
        hadir[pid][tanggal] = (telat > 0, cepat > 0)
    cuti = defaultdict(dict)
    izin_rows = Izin.objects.filter(
        desa_id__in=desa_ids, status=Izin.Status.DISETUJUI, mulai__lte=akhir, sampai__gte=awal
    ).values_list("perangkat_id", "jenis", "mulai", "sampai")
    for pid, jenis, mulai, sampai in izin_rows:
        for h in hari_kerja_dalam(max(mulai, awal), min(sampai, akhir)):
            cuti[pid][h] = jenis
    return hadir, cuti


def _hitung(baris, hari, hadir, cuti):
    """Classify each working day once: a record (hadir) first, then approved leave, else absent."""
    for h in hari:
        if h in hadir:
            telat, cepat = hadir[h]
            baris.hadir += 1
            baris.terlambat += telat
            baris.pulang_cepat += cepat
        elif h in cuti:
            setattr(baris, cuti[h], getattr(baris, cuti[h]) + 1)
        else:
            baris.tanpa_keterangan += 1
    baris.hari_kerja = len(hari)
    return baris


def _batas(tahun, bulan):
    return date(tahun, bulan, 1), date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def _jam_pulang(aturan, sekarang):
    return aturan.jam_pulang_pada(timezone.localdate(sekarang)) if aturan else PengaturanKehadiran().jam_pulang


def rekap_desa(*, desa, tahun, bulan, perangkat=None, sekarang=None):
    """The month per official of `desa` (only `perangkat`, when given), in four queries."""
    sekarang = sekarang or timezone.now()
    awal, akhir = _batas(tahun, bulan)
    aturan = PengaturanKehadiran.objects.filter(desa=desa).first()
    hari = hari_dihitung(tahun, bulan, sekarang=sekarang, jam_pulang_hari_ini=_jam_pulang(aturan, sekarang))
    orang = [perangkat] if perangkat is not None else _pegawai([desa.pk], awal, akhir)
    hadir, cuti = _hari_per_orang([desa.pk], awal, akhir)
    rekap = Rekap(tahun, bulan, hari, [])
    for p in orang:
        b = _hitung(Baris(p.nama, p.jabatan, p.pk), hari, hadir.get(p.pk, {}), cuti.get(p.pk, {}))
        rekap.baris.append(b)
        rekap.total.tambah(b)
    return rekap


def rekap_kecamatan(*, kecamatan, tahun, bulan, sekarang=None):
    """The month per village of `kecamatan`, summed over its officials, in five queries. Runs with
    scopes disabled (the kecamatan host); filters by the kecamatan's villages itself."""
    from balai.wilayah.models import Desa

    desa_list = list(Desa.objects.filter(kecamatan=kecamatan).order_by("nama").only("pk", "nama"))
    return rekap_banyak(desa_list, tahun=tahun, bulan=bulan, sekarang=sekarang)


def rekap_banyak(desa_list, *, tahun, bulan, sekarang=None):
    """The month per village of `desa_list`, summed over its officials (four queries)."""
    sekarang = sekarang or timezone.now()
    awal, akhir = _batas(tahun, bulan)
    ids = [d.pk for d in desa_list]
    aturan = {a.desa_id: a for a in PengaturanKehadiran.objects.filter(desa_id__in=ids)}
    orang = defaultdict(list)
    for p in _pegawai(ids, awal, akhir):
        orang[p.desa_id].append(p)
    hadir, cuti = _hari_per_orang(ids, awal, akhir)
    rekap = Rekap(tahun, bulan, [], [])
    for d in desa_list:
        hari = hari_dihitung(
            tahun, bulan, sekarang=sekarang, jam_pulang_hari_ini=_jam_pulang(aturan.get(d.pk), sekarang)
        )
        rekap.hari_kerja = hari
        b = Baris(d.nama, f"{len(orang[d.pk])} perangkat", d.pk)
        for p in orang[d.pk]:
            b.tambah(_hitung(Baris(p.nama), hari, hadir.get(p.pk, {}), cuti.get(p.pk, {})))
        rekap.baris.append(b)
        rekap.total.tambah(b)
    return rekap


def kolom_kehadiran(desa_ids, awal, akhir):
    """Village column: the share of working days its officials were present in the month the
    period starts in (up to the last working day that has ended), as the kecamatan's
    attendance recap counts it; villages without officials counted are left out."""
    from balai.wilayah.models import Desa

    hari = timezone.localdate(awal)
    desa_list = list(Desa.objects.filter(pk__in=desa_ids).only("pk", "nama"))
    rekap = rekap_banyak(desa_list, tahun=hari.year, bulan=hari.month)
    return {b.pk: b.persen_hadir for b in rekap.baris if b.hari_kerja}


def bagian_desa(*, desa, awal, akhir):
    """The kecamatan's read-only page of a village: the month per official (names and posts of
    officials are public; four queries)."""
    hari = timezone.localdate(awal)
    return {"rekap": rekap_desa(desa=desa, tahun=hari.year, bulan=hari.month), "kolom": KOLOM}


@dataclass
class Hari:
    tanggal: date
    libur: str | None
    kehadiran: Kehadiran | None
    izin: Izin | None

    @property
    def kerja(self):
        return self.tanggal.weekday() < 5 and self.libur is None


def riwayat(*, desa, perangkat, tahun, bulan):
    """Every day of the month up to today for one official: record, leave or day off (two queries)."""
    awal, akhir = _batas(tahun, bulan)
    akhir = min(akhir, timezone.localdate())
    catatan = {
        k.tanggal: k for k in Kehadiran.objects.filter(desa=desa, perangkat=perangkat, tanggal__range=(awal, akhir))
    }
    izin = list(
        Izin.objects.filter(
            desa=desa, perangkat=perangkat, status=Izin.Status.DISETUJUI, mulai__lte=akhir, sampai__gte=awal
        )
    )
    hari = []
    for i in range((akhir - awal).days + 1):
        h = date.fromordinal(awal.toordinal() + i)
        cocok = next((z for z in izin if z.mulai <= h <= z.sampai), None)
        hari.append(Hari(h, nama_libur(h), catatan.get(h), cocok))
    return list(reversed(hari))


def hari_ini(*, desa, perangkat):
    return Kehadiran.objects.filter(desa=desa, perangkat=perangkat, tanggal=timezone.localdate()).first()


def izin_saya(*, desa, perangkat):
    return list(Izin.objects.filter(desa=desa, perangkat=perangkat).select_related("diputus_oleh")[:20])


def izin_untuk_diputus(*, desa, user):
    """Requests waiting that `user` decides (services.boleh_memutus), oldest first (one query)."""
    from .services import boleh_memutus

    menunggu = Izin.objects.filter(desa=desa, status=Izin.Status.MENUNGGU).select_related("perangkat__pengguna")
    return [z for z in menunggu.order_by("dibuat") if boleh_memutus(user, z)]


def izin_desa(*, desa, status=None):
    qs = Izin.objects.filter(desa=desa).select_related("perangkat", "diputus_oleh")
    if status:
        qs = qs.filter(status=status)
    return qs


def papan_hari_ini(*, desa):
    """Today's board: who is in, who is away on approved leave, who has not come (three queries,
    and the calendar's when its cache is cold)."""
    hari = timezone.localdate()
    orang = list(Perangkat.objects.filter(desa=desa, pengguna__isnull=False).order_by("urutan", "nama"))
    catatan = {k.perangkat_id: k for k in Kehadiran.objects.filter(desa=desa, tanggal=hari)}
    cuti = dict(
        Izin.objects.filter(desa=desa, status=Izin.Status.DISETUJUI, mulai__lte=hari, sampai__gte=hari).values_list(
            "perangkat_id", "jenis"
        )
    )
    label = dict(Izin.Jenis.choices)
    papan = []
    for p in orang:
        papan.append({"perangkat": p, "kehadiran": catatan.get(p.pk), "izin": label.get(cuti.get(p.pk))})
    return {
        "hari": hari,
        "libur": nama_libur(hari) or ("Akhir pekan" if hari.weekday() >= 5 else None),
        "papan": papan,
        "jumlah_hadir": sum(1 for b in papan if b["kehadiran"]),
    }


def widget_hari_ini(request):
    """Dashboard card: today's attendance."""
    return papan_hari_ini(desa=request.desa)


def kepala_desa(*, desa):
    """The official who signs the recap: the one linked to the kepala desa's account, else the
    first in the line-up (one query)."""
    from balai.akun.models import Peran

    qs = Perangkat.objects.filter(desa=desa)
    return (
        qs.filter(pengguna__keanggotaan__peran=Peran.KEPALA_DESA).first()
        or qs.filter(jabatan__iregex=r"^(kepala desa|lurah)").first()
        or qs.order_by("urutan", "nama").first()
    )
