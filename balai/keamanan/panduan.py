"""Pembinaan keamanan digital: what each role does to keep its village's site safe, the
practices the security check measures, written for a village operator (short, with what to click)."""

from dataclasses import dataclass

from balai.akun.models import Peran


@dataclass(frozen=True)
class Panduan:
    peran: str
    judul: str
    langkah: tuple  # (what to do, where to click)


_UMUM = (
    (
        "Aktifkan verifikasi dua langkah.",
        "Akun → Verifikasi dua langkah → pindai kode QR dengan aplikasi autentikator di ponsel.",
    ),
    (
        "Jangan meminjamkan akun. Satu orang, satu akun.",
        "Kalau rekan perlu masuk, minta admin desa membuatkan akun di menu Pengguna.",
    ),
    (
        "Pakai kata sandi panjang yang tidak dipakai di tempat lain.",
        "Akun → Ganti kata sandi. Minimal 12 huruf; kalimat pendek mudah diingat.",
    ),
    ("Keluar setelah memakai komputer kantor bersama.", "Tombol Keluar di pojok kanan atas."),
)

PANDUAN = {
    Peran.ADMIN_DESA: Panduan(
        Peran.ADMIN_DESA,
        "Admin desa",
        _UMUM
        + (
            ("Periksa skor keamanan desa tiap minggu dan perbaiki yang merah.", "Pemantauan → Keamanan digital."),
            (
                "Nonaktifkan akun orang yang sudah tidak bertugas (tidak dipakai 90 hari).",
                "Pengguna → pilih akun → Nonaktifkan.",
            ),
            ("Beri peran secukupnya: operator tidak perlu menjadi admin.", "Pengguna → pilih akun → Peran."),
        ),
    ),
    Peran.OPERATOR_DESA: Panduan(
        Peran.OPERATOR_DESA,
        "Operator desa",
        _UMUM
        + (
            (
                "Jangan menempel teks dari situs lain mentah-mentah: tautan dan teks tersembunyi ikut tertempel.",
                "Di penyunting artikel, tempel sebagai teks biasa (Ctrl+Shift+V), lalu atur ulang judul dan tebal.",
            ),
            (
                "Kalau artikel Anda ditahan pemeriksaan judi online, baca alasannya di pesan kuning.",
                "Perbaiki teks yang disebut lalu Simpan lagi; bila keliru, tunggu peninjauan kabupaten.",
            ),
            ("Moderasi komentar warga; jangan setujui komentar berisi tautan asing.", "Publikasi → Komentar."),
            ("Terbitkan kegiatan desa secara rutin agar situs tidak basi.", "Publikasi → Artikel → Tambah."),
        ),
    ),
    Peran.KEPALA_DESA: Panduan(
        Peran.KEPALA_DESA,
        "Kepala desa dan sekretaris desa",
        _UMUM
        + (
            ("Pastikan setiap perangkat memakai akunnya sendiri.", "Minta admin desa menunjukkan daftar Pengguna."),
            ("Tanyakan skor keamanan desa pada rapat bulanan.", "Pemantauan → Keamanan digital."),
        ),
    ),
    Peran.PERANGKAT_DESA: Panduan(Peran.PERANGKAT_DESA, "Perangkat desa", _UMUM),
    Peran.PPID_DESA: Panduan(
        Peran.PPID_DESA,
        "PPID desa",
        _UMUM
        + (
            (
                "Beri nama dokumen yang jelas; nama berkas ikut diperiksa.",
                "Unduhan → Tambah: judul seperti “Perdes APBDes 2026”.",
            ),
        ),
    ),
    Peran.ADMIN_KABUPATEN: Panduan(
        Peran.ADMIN_KABUPATEN,
        "Admin kabupaten (Dinkominfo)",
        _UMUM
        + (
            (
                "Tinjau konten ditahan setiap hari kerja; yang ditulis akun staf didahulukan.",
                "Dasbor → Keamanan digital → Konten ditahan.",
            ),
            (
                "Tangani temuan pemindaian: hubungi admin desa, lalu tandai selesai.",
                "Dasbor → Keamanan digital → Temuan.",
            ),
            (
                "Tambahkan domain judi baru ke daftar blokir; tandai positif palsu agar aturan belajar.",
                "Dasbor → Keamanan digital → Daftar blokir & izin.",
            ),
            (
                "Dampingi desa dengan skor terendah lebih dulu.",
                "Dasbor → Keamanan digital (diurutkan dari skor terendah).",
            ),
        ),
    ),
}
PANDUAN[Peran.SEKDES] = PANDUAN[Peran.KEPALA_DESA]
PANDUAN[Peran.OPERATOR_KECAMATAN] = Panduan(Peran.OPERATOR_KECAMATAN, "Operator kecamatan", _UMUM)


def untuk_peran(peran):
    """The guides of the roles a person holds (each once), the common one when they hold none."""
    found = list(dict.fromkeys(PANDUAN[p] for p in Peran.values if p in peran and p in PANDUAN))
    return found or [PANDUAN[Peran.PERANGKAT_DESA]]
