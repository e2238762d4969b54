from django.apps import AppConfig

from balai.core.registry import AuditLabels, ContentCheck, MenuItem, Widget


class KeamananConfig(AppConfig):
    name = "balai.keamanan"
    verbose_name = "Keamanan digital"
    extensions = [
        ContentCheck("balai.keamanan.services.periksa_simpan"),
        AuditLabels("balai.keamanan.services.AUDIT_LABELS"),
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
        ),
        Widget(
            "desa",
            "keamanan/partials/widget_desa.html",
            "balai.keamanan.selectors.widget_desa",
            izin="keamanan.lihat",
            order=6,
        ),
    ]
