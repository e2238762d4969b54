from django.apps import AppConfig

from balai.core.registry import AuditLabels, MenuItem


class MandiriConfig(AppConfig):
    name = "balai.mandiri"
    verbose_name = "Layanan Mandiri"
    extensions = [
        AuditLabels("balai.mandiri.services.AUDIT_LABELS"),
        MenuItem(
            "desa",
            "Layanan Mandiri",
            "mandiri:kantor_daftar",
            grup="layanan",
            izin="mandiri.kelola",
            order=20,
            icon="☎",
        ),
        MenuItem("publik-desa", "Layanan Mandiri", "mandiri:masuk", order=90),
    ]
