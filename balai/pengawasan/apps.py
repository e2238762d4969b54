from django.apps import AppConfig

from balai.core.registry import ActivityMeasure, AuditLabels, MenuItem


class PengawasanConfig(AppConfig):
    name = "balai.pengawasan"
    verbose_name = "Pengawasan desa (skor aktivitas, Sipande)"
    extensions = [
        AuditLabels("balai.pengawasan.services.AUDIT_LABELS"),
        ActivityMeasure(
            "konten.hari_sejak_terbit",
            "Hari sejak terbitan terakhir",
            "konten",
            "balai.pengawasan.ukuran.hari_sejak_terbit",
            penuh=3,
            nol=60,
            satuan="hari",
            order=10,
        ),
        MenuItem(
            "kabupaten",
            "Skor aktivitas desa",
            "pengawasan:skor",
            grup="pantau",
            izin="kabupaten.kelola",
            order=5,
            icon="★",
        ),
        MenuItem(
            "kecamatan",
            "Status Sipande",
            "pengawasan:sipande",
            grup="pantau",
            izin="kecamatan.pantau",
            order=5,
            icon="★",
        ),
        MenuItem(
            "kabupaten",
            "Status Sipande",
            "pengawasan:sipande",
            grup="pantau",
            izin="kabupaten.kelola",
            order=6,
            icon="★",
        ),
    ]
