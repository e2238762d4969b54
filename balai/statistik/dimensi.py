"""The dimensions residents are counted by, and which of them the public may see.

Each dimension is one expression over the `penduduk_penduduk` row (a code column, or a CASE
computed in SQL) that the selectors GROUP BY, with a way to label its values.

Public dimensions (on the village website, aggregates only)
-----------------------------------------------------------
kelompok umur, umur produktif, jenis kelamin, pendidikan dalam KK, pendidikan sedang ditempuh,
pekerjaan, status perkawinan, SHDK, kewarganegaraan, golongan darah, dusun, RW, akta kelahiran,
status rekam KTP-el, KTP-el, kepala keluarga, keluarga per dusun. These say nothing about a
single person that the village does not already know by sight.

Public but sensitive (`sensitif=True`): disabilitas and asuransi kesehatan (a BPJS PBI card
marks a poor household), agama and suku (in a village of 1,500 where almost everyone is Muslim
and Javanese, "HINDU 1" or "Batak 2" points at a family; religion and ethnicity are what
discrimination feeds on). The exact figures stay in the back offices and their exports.
On public pages they show one count per category (no laki-laki/perempuan split, no
percentage): 0 to 4 as "< 5", other counts and the total rounded to a multiple of 5, rare
free-text values (suku) grouped as LAINNYA, and the largest groups without a number, so that
the exact population on the same page cannot be used to solve for a small group
(`samar.samarkan`, where the rules and their reasons are).

Back office only (`publik=False`): RT (a few dozen people, so small cells identify
households), dapat membaca huruf (who cannot read is known by name in a hamlet), kehamilan,
akseptor KB and sakit menahun (health), status dasar and status penduduk (administrative,
include the dead and those who moved away).
"""

from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Q, Value, When

from balai.penduduk import kode

KOSONG = "BELUM MENGISI"


def mundur_tahun(tanggal, tahun):
    """The same day `tahun` years earlier (29 February becomes 28 February)."""
    try:
        return tanggal.replace(year=tanggal.year - tahun)
    except ValueError:
        return tanggal.replace(year=tanggal.year - tahun, day=28)


def _kelompok_umur(batas, hari_ini):
    """CASE expression numbering age groups: group i holds ages batas[i-1] <= age < batas[i].
    Someone is at least N years old when born on or before the same day N years ago, so the
    comparison is on tanggal_lahir alone (portable, and the (desa, status, jk, tanggal_lahir)
    index answers it)."""
    whens = [When(tanggal_lahir__gt=mundur_tahun(hari_ini, umur), then=Value(i)) for i, umur in enumerate(batas)]
    return Case(*whens, default=Value(len(batas)), output_field=IntegerField())


UMUR_5 = list(range(5, 80, 5))  # 0-4, 5-9, ..., 70-74, 75+


def _label_umur_5():
    labels = [(i, f"{lo}–{lo + 4} tahun") for i, lo in enumerate(range(0, 75, 5))]
    return labels + [(len(UMUR_5), "75 tahun ke atas")]


UMUR_PRODUKTIF = [15, 65]


@dataclass(frozen=True)
class Dimensi:
    key: str
    judul: str
    # A field name, or a callable(hari_ini) -> expression.
    kolom: object
    # Reference-code table (kode.semua()[jenis]) for labels, or a callable() -> [(kode, label)],
    # or "wilayah" for dusun/RW/RT/desa ids labelled from their own tables.
    jenis: str | None = None
    labels: object = None
    filter: Q | None = None
    publik: bool = True
    sensitif: bool = False
    semua_status: bool = False  # count the dead and departed too (status dasar only)
    tingkat: frozenset = field(default_factory=lambda: frozenset({"desa", "kecamatan", "kabupaten"}))
    keterangan: str = ""
    # Show rows with a zero count (short code lists); long lists show only what occurs.
    tampil_nol: bool = True
    # For labels="wilayah": which region table the ids point to ("dusun", "rw", "rt", "desa").
    wilayah: str = ""

    def ekspresi(self, hari_ini):
        return self.kolom(hari_ini) if callable(self.kolom) else F(self.kolom)

    def daftar_label(self):
        """[(kode, label)] in display order, for dimensions whose values are known up front."""
        if self.jenis:
            return sorted(kode.semua().get(self.jenis, {}).items())
        if callable(self.labels):
            return self.labels()
        return []


DESA_SAJA = frozenset({"desa"})
WILAYAH_SAJA = frozenset({"kecamatan", "kabupaten"})


def _kode(key, judul, *, jenis=None, **kw):
    return Dimensi(key, judul, key, jenis=jenis or key, **kw)


DAFTAR = [
    Dimensi(
        "umur",
        "Kelompok umur",
        lambda hari_ini: _kelompok_umur(UMUR_5, hari_ini),
        labels=_label_umur_5,
        keterangan="Umur dihitung dari tanggal lahir sampai hari ini.",
    ),
    Dimensi(
        "umur_produktif",
        "Umur produktif",
        lambda hari_ini: _kelompok_umur(UMUR_PRODUKTIF, hari_ini),
        labels=lambda: [(0, "0–14 tahun (belum produktif)"), (1, "15–64 tahun (produktif)"), (2, "65 tahun ke atas")],
    ),
    _kode("jenis_kelamin", "Jenis kelamin"),
    _kode("agama", "Agama", sensitif=True),
    _kode("pendidikan_kk", "Pendidikan dalam KK"),
    _kode("pendidikan_sedang", "Pendidikan sedang ditempuh", tampil_nol=False),
    _kode("pekerjaan", "Pekerjaan", tampil_nol=False),
    _kode("status_kawin", "Status perkawinan"),
    _kode("shdk", "Hubungan dalam keluarga (SHDK)"),
    _kode("warganegara", "Kewarganegaraan"),
    _kode("golongan_darah", "Golongan darah"),
    # Back office only: in a small area, "cannot read" points at a few known elderly people.
    _kode("bahasa", "Dapat membaca huruf", tampil_nol=False, publik=False),
    Dimensi("suku", "Suku/etnis", "suku", tampil_nol=False, sensitif=True),
    Dimensi("dusun", "Dusun", "dusun_id", labels="wilayah", wilayah="dusun", tingkat=DESA_SAJA),
    Dimensi("rw", "RW", "rw_id", labels="wilayah", wilayah="rw", tingkat=DESA_SAJA),
    Dimensi("rt", "RT", "rt_id", labels="wilayah", wilayah="rt", tingkat=DESA_SAJA, publik=False),
    Dimensi(
        "keluarga_dusun",
        "Jumlah keluarga per dusun",
        "dusun_id",
        labels="wilayah",
        wilayah="dusun",
        filter=Q(shdk=kode.KEPALA_KELUARGA),
        tingkat=DESA_SAJA,
        keterangan="Satu baris per keluarga (KK), menurut jenis kelamin kepala keluarganya.",
    ),
    Dimensi(
        "akta_lahir",
        "Akta kelahiran",
        lambda hari_ini: Case(When(akta_lahir="", then=Value(2)), default=Value(1), output_field=IntegerField()),
        labels=lambda: [(1, "PUNYA AKTA KELAHIRAN"), (2, "BELUM/TIDAK TERCATAT")],
    ),
    _kode("status_rekam", "Status rekam KTP-el"),
    _kode("ktp_el", "Kepemilikan KTP-el/KIA"),
    Dimensi(
        "kepala_keluarga",
        "Kepala keluarga menurut jenis kelamin",
        "jenis_kelamin",
        jenis="jenis_kelamin",
        filter=Q(shdk=kode.KEPALA_KELUARGA),
        keterangan="Satu baris per keluarga (KK): kepala keluarga yang masih hidup.",
    ),
    _kode("cacat", "Disabilitas", sensitif=True),
    _kode("asuransi", "Asuransi kesehatan", sensitif=True),
    _kode(
        "cara_kb",
        "Akseptor KB",
        publik=False,
        filter=Q(jenis_kelamin=kode.PEREMPUAN, status_kawin=kode.KAWIN),
        keterangan="Perempuan berstatus kawin.",
    ),
    Dimensi(
        "hamil",
        "Kehamilan",
        "hamil",
        labels=lambda: [(True, "SEDANG HAMIL"), (False, "TIDAK HAMIL")],
        filter=Q(jenis_kelamin=kode.PEREMPUAN),
        publik=False,
        keterangan="Penduduk perempuan.",
    ),
    _kode("sakit_menahun", "Sakit menahun", publik=False),
    _kode("status_penduduk", "Status penduduk (tetap/tidak tetap)", publik=False),
    _kode(
        "status_dasar",
        "Status dasar",
        publik=False,
        semua_status=True,
        keterangan="Termasuk penduduk yang sudah meninggal, pindah atau hilang.",
    ),
    Dimensi("desa", "Desa/kelurahan", "desa_id", labels="wilayah", wilayah="desa", tingkat=WILAYAH_SAJA),
]

DIMENSI = {d.key: d for d in DAFTAR}


def untuk(tingkat, *, publik=False):
    """The dimensions available at `tingkat` ("desa", "kecamatan", "kabupaten")."""
    return [d for d in DAFTAR if tingkat in d.tingkat and (d.publik or not publik)]


def hari_ini():
    from django.utils import timezone

    return timezone.localdate()
