from django.apps import AppConfig

from balai.core.registry import ActivityMeasure, AlertSource, AuditLabels, ContentCheck, MenuItem, Widget


class KeamananConfig(AppConfig):
    name = "balai.keamanan"
    verbose_name = "Keamanan digital"
    extensions = [
        ContentCheck("balai.keamanan.services.periksa_simpan"),
        AuditLabels("balai.keamanan.services.AUDIT_LABELS"),
        ActivityMeasure(
            "keamanan.skor", "Pemeriksaan keamanan desa", "keamanan", "balai.keamanan.selectors.ukuran_skor", penuh=100
        ),
        AlertSource("keamanan_temuan", "Keamanan", "balai.keamanan.selectors.peringatan_temuan"),
        MenuItem("desa", "Keamanan digital", "keamanan:desa", grup="pantau", izin="keamanan.lihat", order=40, icon="⛨"),
        MenuItem(
            "kabupaten",
            "Keamanan digital",
            "keamanan:kabupaten",
            grup="pantau",
            izin="keamanan.tinjau",
            order=40,
            icon="⛨",
        ),
        Widget(
            "kabupaten",
            "keamanan/partials/widget_kabupaten.html",
            "balai.keamanan.selectors.widget_kabupaten",
            izin="keamanan.tinjau",
            order=15,
            cache=True,
        ),
        Widget(
            "desa",
            "keamanan/partials/widget_desa.html",
            "balai.keamanan.selectors.widget_desa",
            izin="keamanan.lihat",
            order=6,
            cache=True,
        ),
    ]
