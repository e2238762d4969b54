"""The letter types a village issues, declared as data: what each asks for, which archive
classification code it carries, which attachments the resident brings and who signs it.

The catalogue is the same for every village; what a village changes (the body text, the
classification code, whether residents may request it online) lives in `TemplatSurat`.
A letter keeps its type's code (`Surat.jenis`), never a copy of the spec, so a field added
here later shows up on new letters and old ones keep their stored values.

Classification codes follow the archive classification for village administration
(Permendagri 83/2022 and its predecessor 78/2012): 470 kependudukan, 474.x pencatatan sipil,
475 pindah, 503 perizinan/usaha, 400/460 kesejahteraan sosial, 300/331 ketenteraman dan
ketertiban, 593 pertanahan/waris, 145 pemerintahan desa."""

from dataclasses import dataclass, field

# Field kinds a letter type may declare (forms.py turns each into a form field; the template
# engine formats each: dates in Indonesian, amounts as "Rp 1.500.000" plus words).
TEKS, TEKS_PANJANG, TANGGAL, ANGKA, UANG, PILIHAN = "teks", "teks_panjang", "tanggal", "angka", "uang", "pilihan"
JENIS_ISIAN = (TEKS, TEKS_PANJANG, TANGGAL, ANGKA, UANG, PILIHAN)

# Who signs by default (the operator may pick another official when verifying).
KEPALA_DESA, SEKDES = "kepala_desa", "sekdes"


@dataclass(frozen=True)
class Isian:
    """One field a letter type asks for: `nama` is its placeholder in templates."""

    nama: str
    label: str
    jenis: str = TEKS
    wajib: bool = True
    pilihan: tuple = ()
    bantuan: str = ""

    def __post_init__(self):
        if self.jenis not in JENIS_ISIAN:
            raise ValueError(f"Jenis isian tidak dikenal: {self.jenis}")


@dataclass(frozen=True)
class JenisSurat:
    kode: str  # stable code, stored on every letter
    nama: str
    klasifikasi: str  # default archive classification code, the first part of the number
    keterangan: str
    isian: tuple = ()
    lampiran: tuple = ()  # names of the attachments the resident must bring
    penanda_tangan: str = KEPALA_DESA
    perlu_camat: bool = False  # the camat countersigns ("mengetahui") before it is issued
    untuk_warga: bool = True  # residents may request it online (Layanan Mandiri)
    berlaku_hari: int = 0  # days the letter is valid; 0: no end date printed
    isian_dict: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.isian_dict.update({i.nama: i for i in self.isian})

    # The names mandiri and forms read.
    @property
    def nama_lampiran(self):
        return list(self.lampiran)


KEPERLUAN = Isian("keperluan", "Keperluan", bantuan="Untuk apa surat ini dipakai, mis. melamar pekerjaan.")
KTP, KK = "Foto/scan KTP-el", "Foto/scan Kartu Keluarga"

DAFTAR = (
    JenisSurat(
        "domisili",
        "Surat Keterangan Domisili",
        "470",
        "Menerangkan bahwa warga bertempat tinggal di desa ini.",
        isian=(KEPERLUAN, Isian("lama_tinggal", "Lama tinggal", wajib=False, bantuan="Mis. sejak 2015.")),
        lampiran=(KTP, KK),
        berlaku_hari=90,
    ),
    JenisSurat(
        "usaha",
        "Surat Keterangan Usaha",
        "503",
        "Menerangkan bahwa warga menjalankan usaha di desa ini.",
        isian=(
            Isian("nama_usaha", "Nama usaha"),
            Isian("jenis_usaha", "Jenis/bidang usaha"),
            Isian("alamat_usaha", "Alamat tempat usaha"),
            Isian("mulai_usaha", "Mulai usaha sejak", TANGGAL, wajib=False),
            KEPERLUAN,
        ),
        lampiran=(KTP, KK, "Foto tempat usaha"),
        berlaku_hari=180,
    ),
    JenisSurat(
        "sktm",
        "Surat Keterangan Tidak Mampu",
        "401",
        "Menerangkan keadaan ekonomi keluarga yang tidak mampu, mis. untuk keringanan biaya.",
        isian=(
            Isian("penghasilan", "Penghasilan keluarga per bulan", UANG),
            Isian("jumlah_tanggungan", "Jumlah tanggungan", ANGKA),
            KEPERLUAN,
        ),
        lampiran=(KTP, KK),
        berlaku_hari=90,
    ),
    JenisSurat(
        "skck",
        "Surat Pengantar SKCK",
        "331",
        "Pengantar ke kepolisian untuk membuat Surat Keterangan Catatan Kepolisian.",
        isian=(KEPERLUAN,),
        lampiran=(KTP, KK, "Pas foto 4x6"),
        berlaku_hari=30,
    ),
    JenisSurat(
        "kelahiran",
        "Surat Keterangan Kelahiran",
        "474.1",
        "Menerangkan kelahiran seorang anak, untuk pengurusan akta kelahiran.",
        isian=(
            Isian("nama_bayi", "Nama anak"),
            Isian("jenis_kelamin_bayi", "Jenis kelamin anak", PILIHAN, pilihan=("Laki-laki", "Perempuan")),
            Isian("tempat_lahir_bayi", "Tempat lahir"),
            Isian("tanggal_lahir_bayi", "Tanggal lahir", TANGGAL),
            Isian("jam_lahir", "Pukul", wajib=False, bantuan="Mis. 07.30"),
            Isian("anak_ke", "Anak ke-", ANGKA),
            Isian("nama_ayah_bayi", "Nama ayah"),
            Isian("nama_ibu_bayi", "Nama ibu"),
        ),
        lampiran=(KK, "Surat keterangan lahir dari bidan/rumah sakit", "Buku nikah/akta perkawinan"),
    ),
    JenisSurat(
        "kematian",
        "Surat Keterangan Kematian",
        "474.3",
        "Menerangkan meninggalnya seorang warga, untuk pengurusan akta kematian.",
        isian=(
            Isian("tanggal_kematian", "Tanggal meninggal", TANGGAL),
            Isian("jam_kematian", "Pukul", wajib=False),
            Isian("tempat_kematian", "Tempat meninggal"),
            Isian("sebab_kematian", "Sebab kematian"),
            Isian("nama_pelapor", "Nama pelapor"),
            Isian("hubungan_pelapor", "Hubungan pelapor dengan almarhum/almarhumah"),
        ),
        lampiran=(KK, "KTP-el almarhum/almarhumah", "KTP-el pelapor"),
    ),
    JenisSurat(
        "pindah",
        "Surat Keterangan Pindah",
        "475",
        "Pengantar kepindahan warga ke luar desa.",
        isian=(
            Isian("alamat_tujuan", "Alamat tujuan"),
            Isian("desa_tujuan", "Desa/kelurahan tujuan"),
            Isian("kecamatan_tujuan", "Kecamatan tujuan"),
            Isian("kabupaten_tujuan", "Kabupaten/kota tujuan"),
            Isian("provinsi_tujuan", "Provinsi tujuan"),
            Isian("alasan_pindah", "Alasan pindah"),
            Isian("pengikut", "Anggota keluarga yang ikut pindah", TEKS_PANJANG, wajib=False),
        ),
        lampiran=(KTP, KK),
    ),
    JenisSurat(
        "belum_menikah",
        "Surat Keterangan Belum Menikah",
        "474.2",
        "Menerangkan bahwa warga belum pernah menikah.",
        isian=(KEPERLUAN,),
        lampiran=(KTP, KK),
        berlaku_hari=90,
    ),
    JenisSurat(
        "penghasilan_ortu",
        "Surat Keterangan Penghasilan Orang Tua",
        "400",
        "Menerangkan penghasilan orang tua, mis. untuk beasiswa atau keringanan uang sekolah.",
        isian=(
            Isian("nama_anak", "Nama anak"),
            Isian("sekolah_anak", "Sekolah/perguruan tinggi anak"),
            Isian("penghasilan", "Penghasilan orang tua per bulan", UANG),
            KEPERLUAN,
        ),
        lampiran=(KTP, KK),
        berlaku_hari=90,
    ),
    JenisSurat(
        "beda_identitas",
        "Surat Keterangan Beda Identitas",
        "470",
        "Menerangkan bahwa dua data yang berbeda pada dua dokumen adalah orang yang sama.",
        isian=(
            Isian("dokumen_pertama", "Dokumen pertama", bantuan="Mis. KTP-el"),
            Isian("data_pertama", "Data tertulis pada dokumen pertama"),
            Isian("dokumen_kedua", "Dokumen kedua", bantuan="Mis. ijazah SD"),
            Isian("data_kedua", "Data tertulis pada dokumen kedua"),
            KEPERLUAN,
        ),
        lampiran=(KTP, KK, "Scan dokumen yang berbeda"),
    ),
    JenisSurat(
        "izin_keramaian",
        "Surat Keterangan Izin Keramaian",
        "300",
        "Pengantar izin mengadakan hajatan atau keramaian.",
        isian=(
            Isian("nama_acara", "Nama acara"),
            Isian("tanggal_acara", "Tanggal acara", TANGGAL),
            Isian("waktu_acara", "Waktu", bantuan="Mis. 08.00–22.00 WIB"),
            Isian("tempat_acara", "Tempat acara"),
            Isian("hiburan", "Hiburan", wajib=False),
            Isian("jumlah_undangan", "Perkiraan jumlah tamu", ANGKA, wajib=False),
        ),
        lampiran=(KTP,),
    ),
    JenisSurat(
        "ahli_waris",
        "Surat Keterangan Ahli Waris",
        "593",
        "Menerangkan para ahli waris seorang yang telah meninggal; diketahui camat.",
        isian=(
            Isian("nama_pewaris", "Nama pewaris (almarhum/almarhumah)"),
            Isian("tanggal_wafat_pewaris", "Tanggal meninggal pewaris", TANGGAL),
            Isian(
                "daftar_ahli_waris",
                "Daftar ahli waris",
                TEKS_PANJANG,
                bantuan="Satu baris per orang: nama, NIK, hubungan dengan pewaris.",
            ),
            KEPERLUAN,
        ),
        lampiran=(KK, "Akta/surat keterangan kematian pewaris", "KTP-el seluruh ahli waris"),
        perlu_camat=True,
    ),
    JenisSurat(
        "pengantar_nikah",
        "Surat Pengantar Nikah (N1–N4)",
        "474.2",
        "Berkas pengantar perkawinan untuk KUA: pengantar (N1), permohonan kehendak nikah (N2), "
        "persetujuan calon pengantin (N3) dan izin orang tua (N4).",
        isian=(
            Isian("nama_pasangan", "Nama calon pasangan"),
            Isian("tempat_lahir_pasangan", "Tempat lahir calon pasangan"),
            Isian("tanggal_lahir_pasangan", "Tanggal lahir calon pasangan", TANGGAL),
            Isian("alamat_pasangan", "Alamat calon pasangan"),
            Isian("tanggal_nikah", "Rencana tanggal akad", TANGGAL),
            Isian("tempat_nikah", "Tempat akad"),
            Isian("nama_ayah", "Nama ayah pemohon"),
            Isian("nama_ibu", "Nama ibu pemohon"),
        ),
        lampiran=(KTP, KK, "Akta kelahiran", "Pas foto 2x3"),
    ),
    JenisSurat(
        "kehilangan",
        "Surat Keterangan Kehilangan",
        "331",
        "Pengantar laporan kehilangan barang atau dokumen.",
        isian=(
            Isian("barang_hilang", "Barang/dokumen yang hilang"),
            Isian("tempat_kehilangan", "Tempat kehilangan"),
            Isian("tanggal_kehilangan", "Tanggal kehilangan", TANGGAL),
            Isian("kronologi", "Keterangan kejadian", TEKS_PANJANG, wajib=False),
        ),
        lampiran=(KTP,),
    ),
    JenisSurat(
        "umum",
        "Surat Keterangan Umum",
        "145",
        "Keterangan lain yang tidak punya jenis surat tersendiri.",
        isian=(Isian("perihal", "Perihal"), Isian("uraian", "Isi keterangan", TEKS_PANJANG), KEPERLUAN),
        lampiran=(KTP,),
    ),
)

JENIS = {j.kode: j for j in DAFTAR}
PILIHAN_JENIS = [(j.kode, j.nama) for j in DAFTAR]


def jenis(kode):
    """The letter type with this code (KeyError for an unknown one)."""
    return JENIS[kode]
