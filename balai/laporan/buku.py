"""The Buku Administrasi Penduduk of Permendagri 47/2016 (lampiran, buku administrasi
kependudukan), built from the population register:

A.1 Buku Induk Penduduk          every living resident, ordered by KK
A.2 Buku Mutasi Penduduk Desa    the mutations (Peristiwa) of a month: arrivals, births,
                                  moves away and deaths
A.3 Buku Rekapitulasi Jumlah Penduduk   per dusun: start of month, births, arrivals, deaths,
                                  moves away, end of month, WNA/WNI by sex, KK counts
A.4 Buku Penduduk Sementara      residents with status penduduk "tidak tetap"
A.5 Buku KTP dan KK              residents of KTP age (17+ or ever married), by KK

Each book gives its column headings (two heading rows, as printed in the regulation, with
colspans) and an iterator of rows; the views render them as HTML, PDF and XLSX. Queries are
bounded: the lists are one query each (select_related), the recap three GROUP BY queries.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from balai.penduduk import kode
from balai.penduduk.models import Penduduk, Peristiwa
from balai.penduduk.privasi import tampil_nomor
from balai.wilayah.models import Dusun

TIDAK_DAPAT_MEMBACA = 17  # pendidikan_sedang: TIDAK DAPAT MEMBACA DAN MENULIS

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


@dataclass(frozen=True)
class Periode:
    tahun: int
    bulan: int

    @property
    def awal(self):
        return datetime.date(self.tahun, self.bulan, 1)

    @property
    def akhir(self):
        return datetime.date(self.tahun, self.bulan, calendar.monthrange(self.tahun, self.bulan)[1])

    def __str__(self):
        return f"{BULAN[self.bulan - 1]} {self.tahun}"

    @classmethod
    def sekarang(cls):
        today = timezone.localdate()
        return cls(today.year, today.month)


@dataclass(frozen=True)
class H:
    """One heading cell."""

    teks: str
    colspan: int = 1
    rowspan: int = 1


def _tgl(d):
    return d.strftime("%d-%m-%Y") if d else ""


def _jk(v):
    return "L" if v == kode.LAKI_LAKI else "P" if v == kode.PEREMPUAN else ""


def _alamat(p):
    """The family's address (or the resident's own), completed with RT/RW and dusun when the
    written address does not already say them."""
    alamat = (p.keluarga.alamat if p.keluarga_id else "") or p.alamat_sekarang
    parts = [alamat] if alamat else []
    if p.rt_id:
        rt = f"RT {p.rt.nomor:03d}/RW {p.rw.nomor:03d}" if p.rw_id else f"RT {p.rt.nomor:03d}"
        if rt not in alamat:
            parts.append(rt)
    if p.dusun_id and p.dusun.nama not in alamat:
        nama = p.dusun.nama
        parts.append(nama if nama.lower().startswith("dusun") else f"Dusun {nama}")
    return ", ".join(parts)


def _baca(p):
    """Dapat membaca huruf: the scripts recorded, else TIDAK for one recorded as unable to read."""
    return kode.nama("bahasa", p.bahasa) or ("TIDAK" if p.pendidikan_sedang == TIDAK_DAPAT_MEMBACA else "")


def _penduduk(desa):
    return Penduduk.objects.filter(desa=desa).select_related("keluarga", "dusun", "rw", "rt")


class Buku:
    do_not_call_in_templates = True  # templates list the classes themselves
    slug = ""
    kode = ""
    judul = ""
    berperiode = False
    keterangan = ""
    # Column widths of the PDF, one per column, relative (in points of the 785 pt wide table of
    # A4 landscape): each column holds its heading's longest word and its usual values.
    lebar = ()

    def __init__(self, *, desa, periode=None, user=None):
        self.desa, self.periode, self.user = desa, periode or Periode.sekarang(), user

    def judul_lengkap(self):
        return f"{self.judul.upper()}" + (f" BULAN {str(self.periode).upper()}" if self.berperiode else "")

    def lebar_persen(self):
        """Column widths for the PDF as percentages, when the book gives hints."""
        if len(self.lebar) != self.jumlah_kolom:
            return []
        total = sum(self.lebar)
        return [round(100 * w / total, 2) for w in self.lebar]

    def queryset(self):
        return None

    def jumlah_baris(self):
        """About how many rows the book has (decides whether its PDF is rendered in the background)."""
        qs = self.queryset()
        return qs.count() if qs is not None else 0

    def nomor(self, v):
        return tampil_nomor(v, self.user)

    def kepala(self):
        raise NotImplementedError

    def baris(self, mulai=0, batas=None):
        """Rows from number `mulai` + 1, at most `batas` of them (all when None)."""
        raise NotImplementedError

    def _halaman(self, mulai, batas):
        """The book's queryset cut to one page in the database, with the row numbers it starts at."""
        qs = self.queryset()
        if batas is not None:
            qs = qs[mulai : mulai + batas]
        elif mulai:
            qs = qs[mulai:]
        return enumerate(qs.iterator(chunk_size=2000), mulai + 1)

    @property
    def jumlah_kolom(self):
        return sum(h.colspan for h in self.kepala()[0]) if self.kepala() else 0

    def nomor_kolom(self):
        return [str(i) for i in range(1, self.jumlah_kolom + 1)]

    def kolom_datar(self):
        """One heading per column (for XLSX): the lower heading, prefixed by its group."""
        rows = self.kepala()
        if len(rows) == 1:
            return [h.teks for h in rows[0]]
        out, lower = [], iter(rows[1])
        for h in rows[0]:
            if h.rowspan == 2:
                out.append(h.teks)
            else:
                out.extend(f"{h.teks}: {next(lower).teks}" for _ in range(h.colspan))
        return out


class BukuInduk(Buku):
    slug = "induk"
    kode = "A.1"
    judul = "Buku Induk Penduduk"
    lebar = (27, 70, 30, 46, 40, 40, 34, 52, 56, 46, 37, 110, 42, 65, 65, 25)

    def kepala(self):
        cols = [
            "Nomor urut",
            "Nama lengkap/panggilan",
            "Jenis kelamin",
            "Status perkawinan",
            "Tempat lahir",
            "Tanggal lahir",
            "Agama",
            "Pendidikan terakhir",
            "Pekerjaan",
            "Dapat membaca huruf",
            "Kewarga- negaraan",
            "Alamat lengkap",
            "Kedudukan dalam keluarga",
            "NIK",
            "Nomor KK",
            "Ket.",
        ]
        return [[H(c) for c in cols]]

    def queryset(self):
        return (
            _penduduk(self.desa).filter(status_dasar=kode.HIDUP).order_by("keluarga_id", "shdk", "tanggal_lahir", "id")
        )

    def baris(self, mulai=0, batas=None):
        n = kode.nama
        for i, p in self._halaman(mulai, batas):
            yield [
                i,
                p.nama,
                _jk(p.jenis_kelamin),
                n("status_kawin", p.status_kawin),
                p.tempat_lahir,
                _tgl(p.tanggal_lahir),
                n("agama", p.agama),
                n("pendidikan_kk", p.pendidikan_kk),
                n("pekerjaan", p.pekerjaan),
                _baca(p),
                n("warganegara", p.warganegara),
                _alamat(p),
                n("shdk", p.shdk),
                self.nomor(p.nik),
                self.nomor(p.keluarga.no_kk) if p.keluarga_id else "",
                "" if p.status_penduduk == kode.TETAP else n("status_penduduk", p.status_penduduk),
            ]


class BukuMutasi(Buku):
    slug = "mutasi"
    kode = "A.2"
    judul = "Buku Mutasi Penduduk Desa"
    berperiode = True
    keterangan = "Kelahiran dicatat sebagai penambahan dengan asal \u201cLahir\u201d."
    lebar = (27, 110, 60, 40, 30, 37, 110, 40, 110, 40, 45, 40, 96)

    def kepala(self):
        return [
            [
                H("Nomor urut", rowspan=2),
                H("Nama lengkap/panggilan", rowspan=2),
                H("Tempat & tanggal lahir", colspan=2),
                H("Jenis kelamin", rowspan=2),
                H("Kewarga- negaraan", rowspan=2),
                H("Penambahan", colspan=2),
                H("Pengurangan", colspan=4),
                H("Ket.", rowspan=2),
            ],
            [
                H("Tempat"),
                H("Tanggal"),
                H("Datang dari"),
                H("Tanggal"),
                H("Pindah ke"),
                H("Tanggal"),
                H("Meninggal"),
                H("Tanggal"),
            ],
        ]

    def queryset(self):
        return (
            Peristiwa.objects.filter(desa=self.desa, tanggal__range=(self.periode.awal, self.periode.akhir))
            .select_related("penduduk")
            .order_by("tanggal", "id")
        )

    def baris(self, mulai=0, batas=None):
        J = Peristiwa.Jenis
        for i, e in self._halaman(mulai, batas):
            p = e.penduduk
            datang = pindah = mati = ("", "")
            if e.jenis == J.LAHIR:
                datang = ("Lahir", _tgl(e.tanggal))
            elif e.jenis == J.DATANG:
                datang = (e.asal_tujuan or "-", _tgl(e.tanggal))
            elif e.jenis in (J.PINDAH_KELUAR, J.HILANG):
                pindah = (e.asal_tujuan or ("Hilang" if e.jenis == J.HILANG else "-"), _tgl(e.tanggal))
            elif e.jenis == J.MATI:
                mati = ("Meninggal", _tgl(e.tanggal))
            yield [
                i,
                p.nama,
                p.tempat_lahir,
                _tgl(p.tanggal_lahir),
                _jk(p.jenis_kelamin),
                kode.nama("warganegara", p.warganegara),
                *datang,
                *pindah,
                *mati,
                " ".join(x for x in (e.no_dokumen, e.keterangan) if x),
            ]


MASUK = (Peristiwa.Jenis.LAHIR, Peristiwa.Jenis.DATANG)
KELUAR = (Peristiwa.Jenis.MATI, Peristiwa.Jenis.PINDAH_KELUAR, Peristiwa.Jenis.HILANG)


def _hadir_pada(desa, tanggal):
    """Residents of `desa` living there at the end of `tanggal`, reconstructed from the
    mutations: born/arrived on or before that day (no entry recorded after it), and either
    still living or left only after it."""
    peristiwa = Peristiwa.objects.filter(desa=desa, penduduk=OuterRef("pk"))
    masuk_sesudah = peristiwa.filter(jenis__in=MASUK, tanggal__gt=tanggal)
    keluar_sesudah = peristiwa.filter(jenis__in=KELUAR, tanggal__gt=tanggal)
    return (
        Penduduk.objects.filter(desa=desa, tanggal_lahir__lte=tanggal)
        .filter(Q(status_dasar=kode.HIDUP) | Exists(keluar_sesudah))
        .exclude(Exists(masuk_sesudah))
        .order_by()
    )


class BukuRekapitulasi(Buku):
    slug = "rekapitulasi"
    kode = "A.3"
    judul = "Buku Rekapitulasi Jumlah Penduduk"
    berperiode = True
    keterangan = (
        "Jumlah awal dan akhir bulan dihitung ulang dari tanggal lahir dan catatan peristiwa "
        "(lahir, datang, mati, pindah, hilang); penduduk dihitung di dusun tempat tinggalnya sekarang."
    )

    GRUP = ["WNA L", "WNA P", "WNI L", "WNI P"]
    # WNA/WNI by sex narrow, the KK, member and total counts wider (their headings' words).
    lebar = (18, 60, *[20] * 4, *[33] * 3, *[20] * 20, *[33] * 3, 29)

    def kepala(self):
        def g4():
            return [H("WNA L"), H("WNA P"), H("WNI L"), H("WNI P")]

        top = [
            H("No", rowspan=2),
            H("Nama dusun/lingkungan", rowspan=2),
            H("Jumlah penduduk awal bulan", colspan=7),
            H("Tambahan bulan ini: lahir", colspan=4),
            H("Tambahan bulan ini: datang", colspan=4),
            H("Pengurangan bulan ini: meninggal", colspan=4),
            H("Pengurangan bulan ini: pindah", colspan=4),
            H("Jumlah penduduk akhir bulan", colspan=7),
            H("Ket.", rowspan=2),
        ]
        tail = [H("Jml KK"), H("Jml anggota keluarga"), H("Jml jiwa")]
        return [top, [*g4(), *tail, *g4(), *g4(), *g4(), *g4(), *g4(), *tail]]

    def _kolom_grup(self, wn, jk):
        asing = wn != kode.WNI
        return (0 if asing else 2) + (0 if jk == kode.LAKI_LAKI else 1)

    def _keadaan(self, tanggal):
        """{dusun_id: [WNA L, WNA P, WNI L, WNI P, KK, anggota, jiwa]} at the end of `tanggal`."""
        rows = (
            _hadir_pada(self.desa, tanggal)
            .values("dusun_id", "warganegara", "jenis_kelamin")
            .annotate(n=Count("pk"), kk=Count("pk", filter=Q(shdk=kode.KEPALA_KELUARGA)))
        )
        out = {}
        for r in rows:
            cells = out.setdefault(r["dusun_id"], [0] * 7)
            cells[self._kolom_grup(r["warganegara"], r["jenis_kelamin"])] += r["n"]
            cells[4] += r["kk"]
            cells[6] += r["n"]
        for cells in out.values():
            cells[5] = cells[6] - cells[4]
        return out

    def _gerak(self):
        """{dusun_id: {jenis: [WNA L, WNA P, WNI L, WNI P]}} for the month."""
        rows = (
            Peristiwa.objects.filter(desa=self.desa, tanggal__range=(self.periode.awal, self.periode.akhir))
            .values("jenis", "penduduk__dusun_id", "penduduk__warganegara", "penduduk__jenis_kelamin")
            .annotate(n=Count("pk"))
            .order_by()
        )
        out = {}
        for r in rows:
            jenis = Peristiwa.Jenis.PINDAH_KELUAR if r["jenis"] == Peristiwa.Jenis.HILANG else r["jenis"]
            cells = out.setdefault(r["penduduk__dusun_id"], {}).setdefault(jenis, [0] * 4)
            cells[self._kolom_grup(r["penduduk__warganegara"], r["penduduk__jenis_kelamin"])] += r["n"]
        return out

    def baris(self, mulai=0, batas=None):
        yield from islice(self._semua_baris(), mulai, None if batas is None else mulai + batas)

    def _semua_baris(self):
        awal = self._keadaan(self.periode.awal - datetime.timedelta(days=1))
        akhir = self._keadaan(self.periode.akhir)
        gerak = self._gerak()
        J = Peristiwa.Jenis
        dusun = [(d.pk, d.nama) for d in Dusun.objects.filter(desa=self.desa).order_by("nama")]
        if any(k is None for k in (*awal, *akhir, *gerak)):
            dusun.append((None, "(tanpa dusun)"))
        total = None
        for i, (pk, nama) in enumerate(dusun, 1):
            g = gerak.get(pk, {})
            values = [
                *awal.get(pk, [0] * 7),
                *g.get(J.LAHIR, [0] * 4),
                *g.get(J.DATANG, [0] * 4),
                *g.get(J.MATI, [0] * 4),
                *g.get(J.PINDAH_KELUAR, [0] * 4),
                *akhir.get(pk, [0] * 7),
            ]
            total = values if total is None else [a + b for a, b in zip(total, values, strict=True)]
            yield [i, nama, *values, ""]
        if total is not None:
            yield ["", "JUMLAH", *total, ""]


class BukuPendudukSementara(Buku):
    slug = "sementara"
    kode = "A.4"
    judul = "Buku Penduduk Sementara"
    keterangan = (
        "Berisi penduduk berstatus \u201ctidak tetap\u201d; asal dan tanggal datang diambil dari "
        "catatan peristiwa kedatangan terakhir."
    )

    lebar = (27, 72, 15, 15, 65, 60, 55, 44, 44, 70, 70, 100, 40, 40, 68)

    def kepala(self):
        return [
            [
                H("Nomor urut", rowspan=2),
                H("Nama lengkap", rowspan=2),
                H("Jenis kelamin", colspan=2),
                H("Nomor identitas/ tanda pengenal", rowspan=2),
                H("Tempat & tanggal lahir/umur", rowspan=2),
                H("Pekerjaan", rowspan=2),
                H("Kewarganegaraan", colspan=2),
                H("Datang dari", rowspan=2),
                H("Maksud & tujuan kedatangan", rowspan=2),
                H("Nama & alamat yang didatangi", rowspan=2),
                H("Datang tanggal", rowspan=2),
                H("Pergi tanggal", rowspan=2),
                H("Ket.", rowspan=2),
            ],
            [H("L"), H("P"), H("Kebangsaan"), H("Keturunan")],
        ]

    def queryset(self):
        return (
            _penduduk(self.desa)
            .filter(status_penduduk=2)
            .exclude(status_dasar__in=[kode.MATI])
            .prefetch_related("peristiwa")
            .order_by("nama", "id")
        )

    def baris(self, mulai=0, batas=None):
        J = Peristiwa.Jenis
        for i, p in self._halaman(mulai, batas):
            events = sorted(p.peristiwa.all(), key=lambda e: (e.tanggal, e.id))
            datang = [e for e in events if e.jenis == J.DATANG]
            pergi = [e for e in events if e.jenis in (J.PINDAH_KELUAR, J.HILANG)]
            last = datang[-1] if datang else None
            yield [
                i,
                p.nama,
                "L" if p.jenis_kelamin == kode.LAKI_LAKI else "",
                "P" if p.jenis_kelamin == kode.PEREMPUAN else "",
                self.nomor(p.nik) or p.dokumen_kitas or p.dokumen_pasport,
                f"{p.tempat_lahir}, {_tgl(p.tanggal_lahir)}",
                kode.nama("pekerjaan", p.pekerjaan),
                kode.nama("warganegara", p.warganegara),
                p.suku,
                last.asal_tujuan if last else "",
                last.keterangan if last else "",
                _alamat(p),
                _tgl(last.tanggal) if last else "",
                _tgl(pergi[-1].tanggal) if pergi else "",
                "",
            ]


class BukuKtpKk(Buku):
    slug = "ktp-kk"
    kode = "A.5"
    judul = "Buku KTP dan KK"
    keterangan = (
        "Penduduk wajib KTP (umur 17 tahun ke atas atau pernah kawin). Tempat & tanggal dikeluarkan: "
        "tanggal cetak KK (diterbitkan Disdukcapil kabupaten/kota); tanggal KTP-el tidak tersimpan."
    )
    lebar = (27, 65, 50, 65, 30, 44, 24, 35, 44, 45, 50, 44, 44, 38, 37, 40, 40, 38, 25)

    def kepala(self):
        return [
            [
                H("Nomor urut", rowspan=2),
                H("No. KK", rowspan=2),
                H("Nama lengkap", rowspan=2),
                H("NIK", rowspan=2),
                H("Jenis kelamin", rowspan=2),
                H("Tempat/tanggal lahir", rowspan=2),
                H("Gol. darah", rowspan=2),
                H("Agama", rowspan=2),
                H("Pendidikan", rowspan=2),
                H("Pekerjaan", rowspan=2),
                H("Alamat", rowspan=2),
                H("Status perkawinan", rowspan=2),
                H("Tempat & tanggal dikeluarkan", rowspan=2),
                H("Status hubungan dalam keluarga", rowspan=2),
                H("Kewarga- negaraan", rowspan=2),
                H("Orang tua", colspan=2),
                H("Tgl mulai tinggal di desa", rowspan=2),
                H("Ket.", rowspan=2),
            ],
            [H("Ayah"), H("Ibu")],
        ]

    def queryset(self):
        from balai.statistik.dimensi import mundur_tahun

        batas = mundur_tahun(timezone.localdate(), 17)
        return (
            _penduduk(self.desa)
            .filter(status_dasar=kode.HIDUP)
            .filter(Q(tanggal_lahir__lte=batas) | ~Q(status_kawin=kode.BELUM_KAWIN))
            .order_by("keluarga_id", "shdk", "tanggal_lahir", "id")
        )

    @cached_property
    def tempat_terbit(self):
        """KKs are issued by the kabupaten's (or city's) Disdukcapil: the card names the place."""
        return re.sub(r"^Kabupaten\s+", "", self.desa.kecamatan.kabupaten.nama)

    def _dikeluarkan(self, keluarga):
        if keluarga is None or keluarga.tanggal_cetak_kk is None:
            return ""
        return f"{self.tempat_terbit}, {_tgl(keluarga.tanggal_cetak_kk)}"

    def baris(self, mulai=0, batas=None):
        n = kode.nama
        for i, p in self._halaman(mulai, batas):
            yield [
                i,
                self.nomor(p.keluarga.no_kk) if p.keluarga_id else "",
                p.nama,
                self.nomor(p.nik),
                _jk(p.jenis_kelamin),
                f"{p.tempat_lahir}, {_tgl(p.tanggal_lahir)}",
                n("golongan_darah", p.golongan_darah),
                n("agama", p.agama),
                n("pendidikan_kk", p.pendidikan_kk),
                n("pekerjaan", p.pekerjaan),
                _alamat(p),
                n("status_kawin", p.status_kawin),
                self._dikeluarkan(p.keluarga),
                n("shdk", p.shdk),
                n("warganegara", p.warganegara),
                p.nama_ayah,
                p.nama_ibu,
                _tgl(p.keluarga.tanggal_daftar) if p.keluarga_id else "",
                n("ktp_el", p.ktp_el),
            ]


DAFTAR = [BukuInduk, BukuMutasi, BukuRekapitulasi, BukuPendudukSementara, BukuKtpKk]
BUKU = {b.slug: b for b in DAFTAR}
