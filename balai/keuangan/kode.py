"""Reference codes of village finance as data: the account codes of Permendagri 20/2018 (the
ones Siskeudes uses), the five bidang and their sub-bidang, and the sources of funds."""

PENDAPATAN, BELANJA, PEMBIAYAAN = "4", "5", "6"
JENIS = {PENDAPATAN: "Pendapatan", BELANJA: "Belanja", PEMBIAYAAN: "Pembiayaan"}

# Kelompok and jenis of the accounts, by code. A line's code is one of these or a deeper
# obyek code under one of them (4.1.1.01).
AKUN = {
    "4": "Pendapatan",
    "4.1": "Pendapatan Asli Desa",
    "4.1.1": "Hasil Usaha Desa",
    "4.1.2": "Hasil Aset Desa",
    "4.1.3": "Swadaya, Partisipasi dan Gotong Royong",
    "4.1.4": "Lain-lain Pendapatan Asli Desa",
    "4.2": "Pendapatan Transfer",
    "4.2.1": "Dana Desa",
    "4.2.2": "Bagi Hasil Pajak dan Retribusi Daerah",
    "4.2.3": "Alokasi Dana Desa",
    "4.2.4": "Bantuan Keuangan Provinsi",
    "4.2.5": "Bantuan Keuangan Kabupaten/Kota",
    "4.3": "Pendapatan Lain-lain",
    "4.3.1": "Penerimaan dari Hasil Kerja Sama Desa",
    "4.3.2": "Penerimaan dari Bantuan Perusahaan",
    "4.3.3": "Hibah dan Sumbangan dari Pihak Ketiga",
    "4.3.4": "Koreksi Kesalahan Belanja Tahun Sebelumnya",
    "4.3.5": "Bunga Bank",
    "4.3.9": "Lain-lain Pendapatan Desa yang Sah",
    "5": "Belanja",
    "5.1": "Belanja Pegawai",
    "5.1.1": "Penghasilan Tetap dan Tunjangan Kepala Desa",
    "5.1.2": "Penghasilan Tetap dan Tunjangan Perangkat Desa",
    "5.1.3": "Jaminan Sosial Kepala Desa dan Perangkat Desa",
    "5.1.4": "Tunjangan BPD",
    "5.2": "Belanja Barang dan Jasa",
    "5.2.1": "Belanja Barang Perlengkapan",
    "5.2.2": "Belanja Jasa Honorarium",
    "5.2.3": "Belanja Perjalanan Dinas",
    "5.2.4": "Belanja Jasa Sewa",
    "5.2.5": "Belanja Operasional Perkantoran",
    "5.2.6": "Belanja Pemeliharaan",
    "5.2.7": "Belanja Barang dan Jasa yang Diserahkan kepada Masyarakat",
    "5.2.8": "Belanja Barang dan Jasa yang Diserahkan kepada Masyarakat",
    "5.3": "Belanja Modal",
    "5.3.1": "Belanja Modal Pengadaan Tanah",
    "5.3.2": "Belanja Modal Peralatan, Mesin dan Alat Berat",
    "5.3.3": "Belanja Modal Kendaraan",
    "5.3.4": "Belanja Modal Gedung, Bangunan dan Taman",
    "5.3.5": "Belanja Modal Jalan/Prasarana Jalan",
    "5.3.6": "Belanja Modal Jembatan",
    "5.3.7": "Belanja Modal Irigasi/Embung/Drainase/Air Limbah/Persampahan",
    "5.3.8": "Belanja Modal Jaringan/Instalasi",
    "5.3.9": "Belanja Modal Lainnya",
    "5.4": "Belanja Tidak Terduga",
    "5.4.1": "Belanja Tidak Terduga",
    "6": "Pembiayaan",
    "6.1": "Penerimaan Pembiayaan",
    "6.1.1": "Sisa Lebih Perhitungan Anggaran (SiLPA) Tahun Sebelumnya",
    "6.1.2": "Pencairan Dana Cadangan",
    "6.1.3": "Hasil Penjualan Kekayaan Desa yang Dipisahkan",
    "6.1.9": "Penerimaan Pembiayaan Lainnya",
    "6.2": "Pengeluaran Pembiayaan",
    "6.2.1": "Pembentukan Dana Cadangan",
    "6.2.2": "Penyertaan Modal Desa",
    "6.2.9": "Pengeluaran Pembiayaan Lainnya",
}

# Groups a resident reads on the infographic: pendapatan by kelompok, transfer by jenis.
KELOMPOK_PENDAPATAN = [
    ("4.1", "Pendapatan Asli Desa (PADes)"),
    ("4.2.1", "Dana Desa"),
    ("4.2.3", "Alokasi Dana Desa (ADD)"),
    ("4.2.2", "Bagi hasil pajak dan retribusi"),
    ("4.2.4", "Bantuan keuangan provinsi"),
    ("4.2.5", "Bantuan keuangan kabupaten"),
    ("4.3", "Pendapatan lain-lain"),
]
KELOMPOK_PEMBIAYAAN = [("6.1", "Penerimaan pembiayaan"), ("6.2", "Pengeluaran pembiayaan")]

BIDANG = {
    "1": "Penyelenggaraan Pemerintahan Desa",
    "2": "Pelaksanaan Pembangunan Desa",
    "3": "Pembinaan Kemasyarakatan Desa",
    "4": "Pemberdayaan Masyarakat Desa",
    "5": "Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa",
}

SUB_BIDANG = {
    "1.1": "Penyelenggaraan Belanja Siltap, Tunjangan dan Operasional Pemerintahan Desa",
    "1.2": "Sarana dan Prasarana Pemerintahan Desa",
    "1.3": "Administrasi Kependudukan, Pencatatan Sipil, Statistik dan Kearsipan",
    "1.4": "Tata Praja Pemerintahan, Perencanaan, Keuangan dan Pelaporan",
    "1.5": "Pertanahan",
    "2.1": "Pendidikan",
    "2.2": "Kesehatan",
    "2.3": "Pekerjaan Umum dan Penataan Ruang",
    "2.4": "Kawasan Permukiman",
    "2.5": "Kehutanan dan Lingkungan Hidup",
    "2.6": "Perhubungan, Komunikasi dan Informatika",
    "2.7": "Energi dan Sumber Daya Mineral",
    "2.8": "Pariwisata",
    "3.1": "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",
    "3.2": "Kebudayaan dan Keagamaan",
    "3.3": "Kepemudaan dan Olah Raga",
    "3.4": "Kelembagaan Masyarakat",
    "4.1": "Kelautan dan Perikanan",
    "4.2": "Pertanian dan Peternakan",
    "4.3": "Peningkatan Kapasitas Aparatur Desa",
    "4.4": "Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga",
    "4.5": "Koperasi, Usaha Mikro Kecil dan Menengah (UMKM)",
    "4.6": "Dukungan Penanaman Modal",
    "4.7": "Perdagangan dan Perindustrian",
    "5.1": "Penanggulangan Bencana",
    "5.2": "Keadaan Darurat",
    "5.3": "Keadaan Mendesak",
}

# Siskeudes' codes for the source of a kegiatan's funds (Ref_Sumber).
SUMBER_DANA = {
    "DDS": "Dana Desa",
    "ADD": "Alokasi Dana Desa",
    "PAD": "Pendapatan Asli Desa",
    "PBH": "Bagi Hasil Pajak dan Retribusi",
    "PBK": "Bantuan Keuangan Kabupaten/Kota",
    "PBP": "Bantuan Keuangan Provinsi",
    "SILPA": "Sisa Lebih Perhitungan Anggaran",
    "DLL": "Lain-lain Pendapatan Desa yang Sah",
}


def normal_kode(kode):
    """ "5.2.1.01." (Siskeudes) or " 5.2.1 " -> "5.2.1.01" / "5.2.1"; parts without leading zeros
    are kept as written."""
    return ".".join(p for p in str(kode).strip().strip(".").split(".") if p != "")


def nama_akun(kode):
    """The name of the deepest known account above or at `kode`."""
    parts = normal_kode(kode).split(".")
    for n in range(len(parts), 0, -1):
        nama = AKUN.get(".".join(parts[:n]))
        if nama:
            return nama
    return ""


def kode_valid(kode):
    """Whether `kode` is an account under pendapatan, belanja or pembiayaan, at least kelompok
    deep (4.1, 5.2.1, 6.1.1.01), and its kelompok is known."""
    parts = normal_kode(kode).split(".")
    return len(parts) >= 2 and all(p.isdigit() for p in parts) and ".".join(parts[:2]) in AKUN


def kode_kegiatan_valid(kode):
    """ "2.2.01": bidang 1–5, a known sub-bidang, a kegiatan number."""
    parts = normal_kode(kode).split(".")
    return len(parts) == 3 and all(p.isdigit() for p in parts) and f"{int(parts[0])}.{int(parts[1])}" in SUB_BIDANG


def kode_kegiatan(kode):
    """ "02.02.01" -> "2.2.01": bidang and sub-bidang without leading zeros, kegiatan two digits."""
    b, s, k = normal_kode(kode).split(".")
    return f"{int(b)}.{int(s)}.{int(k):02d}"
