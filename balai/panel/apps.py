from django.apps import AppConfig

from balai.core.registry import MenuItem, VillageColumn


class PanelConfig(AppConfig):
    name = "balai.panel"
    verbose_name = "Kantor belakang"
    extensions = [
        VillageColumn(
            "panel.aktivitas",
            "Petugas terakhir bekerja",
            "balai.panel.selectors.kolom_aktivitas",
            kind="waktu",
            order=90,
            keterangan="Tindakan terakhir petugas desa yang tercatat di log audit (selain masuk dan keluar).",
        ),
        MenuItem("desa", "Dasbor", "panel:desa_dasbor", order=0, icon="▦"),
        MenuItem("desa", "Pengguna", "panel:desa_pengguna", grup="pengaturan", izin="desa.kelola", order=90, icon="☺"),
        MenuItem("desa", "Log audit", "panel:desa_log", grup="laporan", izin="audit.lihat", order=95, icon="≡"),
        MenuItem("kecamatan", "Dasbor", "panel:dasbor", order=0, icon="▦"),
        MenuItem("kecamatan", "Log audit", "panel:log", grup="laporan", izin="audit.lihat", order=95, icon="≡"),
        MenuItem("kabupaten", "Dasbor", "panel:dasbor", order=0, icon="▦"),
        MenuItem(
            "kabupaten",
            "Desa & kelurahan",
            "panel:kab_desa",
            grup="pantau",
            izin="kabupaten.kelola",
            order=10,
            icon="◫",
        ),
        MenuItem(
            "kabupaten",
            "Pengguna",
            "panel:kab_pengguna",
            grup="pengaturan",
            izin="kabupaten.kelola",
            order=90,
            icon="☺",
        ),
        MenuItem(
            "kabupaten",
            "Kalender kerja",
            "panel:kab_kalender",
            grup="pengaturan",
            izin="kabupaten.kelola",
            order=92,
            icon="▦",
        ),
        MenuItem("kabupaten", "Log audit", "panel:log", grup="laporan", izin="audit.lihat", order=95, icon="≡"),
    ]
