from django.apps import AppConfig

from balai.core.registry import AuditLabels, MenuItem, Widget


class SuratConfig(AppConfig):
    name = "balai.surat"
    verbose_name = "Surat-menyurat"
    extensions = [
        AuditLabels("balai.surat.services.AUDIT_LABELS"),
        MenuItem(
            "desa", "Surat", "surat:daftar", grup="layanan", izin=("surat.proses", "surat.tandatangan"), order=10,
            icon="✉",
        ),
        MenuItem(
            "desa", "Templat surat", "surat:templat_daftar", grup="layanan", izin="desa.kelola", order=12, icon="✎",
        ),
        MenuItem(
            "kecamatan", "Surat perlu camat", "surat:camat_antrean", grup="pantau", izin="kecamatan.pantau", order=35,
            icon="✉",
        ),
        Widget(
            "desa", "surat/partials/widget.html", "balai.surat.selectors.widget_surat",
            izin=("surat.proses", "surat.tandatangan"), order=15,
        ),
    ]  # fmt: skip
