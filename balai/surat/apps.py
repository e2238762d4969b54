from django.apps import AppConfig

from balai.core.registry import ActivityMeasure, AuditLabels, MenuItem, Widget

_S = "balai.surat.selectors."


class SuratConfig(AppConfig):
    name = "balai.surat"
    verbose_name = "Surat-menyurat"
    extensions = [
        AuditLabels("balai.surat.services.AUDIT_LABELS"),
        ActivityMeasure(
            "layanan.surat", "Surat ditandatangani", "layanan", _S + "ukuran_surat_terbit", penuh=10, satuan="surat"
        ),
        ActivityMeasure(
            "layanan.waktu", "Median waktu permohonan sampai surat ditandatangani", "layanan",
            _S + "ukuran_waktu_layanan", penuh=24, nol=168, satuan="jam",
        ),
        ActivityMeasure(
            "layanan.mandiri", "Permohonan surat lewat Layanan Mandiri", "layanan", _S + "ukuran_permohonan_mandiri",
            penuh=3, satuan="permohonan",
        ),
        MenuItem(
            "desa", "Surat", "surat:daftar", grup="layanan", izin=("surat.proses", "surat.tandatangan"), order=10,
            icon="✉",
        ),
        MenuItem(
            "desa", "Templat surat", "surat:templat_daftar", grup="layanan", izin="desa.kelola", order=12, icon="✎",
        ),
        MenuItem(
            "desa", "Agenda surat keluar", "surat:agenda", grup="layanan", izin="surat.proses", order=13, icon="☰",
        ),
        MenuItem(
            "desa", "Surat masuk", "surat:masuk_daftar", grup="layanan", izin="surat.proses", order=14, icon="✉",
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
