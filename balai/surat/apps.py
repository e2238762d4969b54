from django.apps import AppConfig

from balai.core.registry import ActivityMeasure, AuditLabels, MenuItem, VillageColumn, VillageSection, Widget

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
        # The village table reads the activity measures' own functions: one definition.
        VillageColumn(
            "surat.terbit", "Surat ditandatangani", _S + "ukuran_surat_terbit", kosong=0, order=20,
            keterangan="Surat yang ditandatangani pada bulan ini.",
        ),
        VillageColumn(
            "surat.waktu", "Median waktu surat", _S + "ukuran_waktu_layanan", kind="jam", order=21,
            keterangan="Median jam dari permohonan sampai surat ditandatangani, atas surat bulan ini.",
        ),
        VillageSection("Surat bulan ini", "surat/partials/bagian_desa.html", _S + "bagian_desa", order=20),
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
