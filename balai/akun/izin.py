"""Named permissions, defined once, and which role grants which.

Views, partials, exports, API endpoints, menus and templates check a permission
(`staff_view(DESA, izin="penduduk.kelola")`, `{% if user|punya_izin:"penduduk.kelola" %}`), never a
role name: a person may hold several roles (operator and PPID), and a new module adds its
permissions here and grants them to roles without touching any view of another module.

Where a check happens decides the place: a village role only ever works on its own village's
host, a kecamatan role on its kecamatan's (see `balai.akun.access.can_use_host`)."""

from django.utils.translation import gettext_lazy as _

from .models import Peran

IZIN = {
    "desa.kelola": _("Mengelola akun dan profil desa"),
    "situs.kelola": _("Mengelola situs: artikel, komentar, halaman, menu, tampilan, agenda, galeri"),
    "pengumuman.kelola": _("Mengelola pengumuman"),
    "dokumen.kelola": _("Mengelola dokumen unduhan (informasi publik)"),
    "wilayah.kelola": _("Mengelola dusun, RW dan RT"),
    "penduduk.lihat": _("Melihat data penduduk (NIK dan KK disamarkan)"),
    "penduduk.lihat_nik": _("Melihat NIK, KK dan data pribadi penduduk secara utuh"),
    "penduduk.kelola": _("Mengubah data penduduk, keluarga dan peristiwa; impor dan ekspor"),
    "statistik.lihat": _("Melihat statistik penduduk"),
    "laporan.lihat": _("Melihat dan mengunduh buku administrasi"),
    "audit.lihat": _("Melihat log audit"),
    # Pembinaan: villages propose services to the kabupaten and support each other's proposals.
    "usulan.ajukan": _("Mengajukan dan mendukung usulan layanan ke kabupaten"),
    "surat.proses": _("Memproses permohonan surat"),
    "surat.tandatangan": _("Menandatangani surat"),
    "ppid.kelola": _("Mengelola layanan informasi publik (PPID)"),
    # The atasan PPID (the kepala desa) decides objections to the PPID's answers.
    "ppid.atasan": _("Memutus keberatan informasi publik sebagai atasan PPID"),
    "kehadiran.catat": _("Mencatat kehadiran sendiri"),
    # APBDes: lines, realisation, imports, publishing (the treasurer works with an operator account).
    "keuangan.kelola": _("Mengelola APBDes: anggaran, realisasi, impor, terbitkan"),
    # Attendance rules, the office QR screen, leave decisions (the kepala desa; the sekdes for
    # the kepala desa's own requests) and monthly recaps.
    "kehadiran.kelola": _("Mengelola kehadiran perangkat: pengaturan, layar kode QR, izin dan rekap"),
    "kecamatan.pantau": _("Memantau desa-desa di kecamatan"),
    # Pembinaan is done by the kecamatan and the kabupaten: they tick a village's checklist.
    "pembinaan.catat": _("Mencatat capaian daftar periksa pembinaan desa"),
    "kabupaten.kelola": _("Mengelola seluruh desa, akun dan pengaturan kabupaten"),
    # Keamanan digital (balai.keamanan): the village's own security check, and the kabupaten's
    # review of held texts, findings of the scan, blocklist and allow-list.
    "keamanan.lihat": _("Melihat pemeriksaan keamanan situs desa dan panduannya"),
    "keamanan.tinjau": _("Meninjau konten ditahan dan temuan keamanan; mengelola daftar blokir dan izin"),
    # Layanan Mandiri: issuing a PIN hands a resident's own data to whoever holds it, so it is a
    # permission of its own (not surat.proses), kept by the roles that keep the register.
    "mandiri.kelola": _("Mengelola akun Layanan Mandiri warga (PIN)"),
    # Lapak: approve sellers and products, manage any seller's products, see their counts.
    "lapak.kelola": _("Mengelola lapak desa: pelapak, produk dan persetujuannya"),
}

_PERANGKAT = {"statistik.lihat", "kehadiran.catat", "keamanan.lihat"}
_PENANDA_TANGAN = _PERANGKAT | {
    "penduduk.lihat",
    "penduduk.lihat_nik",
    "laporan.lihat",
    "audit.lihat",
    "usulan.ajukan",
}
_OPERATOR = _PENANDA_TANGAN | {
    "situs.kelola",
    "pengumuman.kelola",
    "dokumen.kelola",
    "wilayah.kelola",
    "penduduk.kelola",
    "surat.proses",
}

_KELOLA_KEHADIRAN = {"kehadiran.kelola"}

PERAN_IZIN = {
    # The kabupaten may work in any village's back office, but never sees full NIK/KK numbers,
    # health data or document numbers (balai.penduduk.privasi).
    Peran.ADMIN_KABUPATEN: frozenset(IZIN) - {"penduduk.lihat_nik"},
    Peran.OPERATOR_KECAMATAN: frozenset({"kecamatan.pantau", "pembinaan.catat", "statistik.lihat", "audit.lihat"}),
    Peran.ADMIN_DESA: frozenset(
        _OPERATOR
        | {"desa.kelola", "keuangan.kelola", "lapak.kelola", "mandiri.kelola", "ppid.kelola"}
        | _KELOLA_KEHADIRAN
    ),
    Peran.OPERATOR_DESA: frozenset(_OPERATOR | {"keuangan.kelola", "lapak.kelola", "mandiri.kelola"}),
    Peran.KEPALA_DESA: frozenset(_PENANDA_TANGAN | {"ppid.atasan", "surat.tandatangan"} | _KELOLA_KEHADIRAN),
    Peran.SEKDES: frozenset(
        _PENANDA_TANGAN | {"keuangan.kelola", "mandiri.kelola", "surat.proses", "surat.tandatangan"} | _KELOLA_KEHADIRAN
    ),
    Peran.PERANGKAT_DESA: frozenset(_PERANGKAT | {"penduduk.lihat"}),
    Peran.PPID_DESA: frozenset(_PERANGKAT | {"dokumen.kelola", "pengumuman.kelola", "ppid.kelola"}),
}


def izin_untuk(peran):
    """Every permission the roles in `peran` grant together."""
    hasil = set()
    for p in peran:
        hasil |= PERAN_IZIN.get(p, frozenset())
    return frozenset(hasil)


def periksa_nama(*nama):
    """Fail loudly at import time on a misspelt permission (a typo would deny silently)."""
    for n in nama:
        if n not in IZIN:
            raise ValueError(f"Izin tidak dikenal: {n!r}")
    return nama
