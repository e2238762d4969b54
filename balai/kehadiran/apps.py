from django.apps import AppConfig

from balai.core.registry import AuditLabels, MenuItem, VillageColumn, VillageSection, Widget


class KehadiranConfig(AppConfig):
    name = "balai.kehadiran"
    verbose_name = "Kehadiran perangkat desa"
    extensions = [
        AuditLabels("balai.kehadiran.services.AUDIT_LABELS"),
        VillageColumn(
            "kehadiran.persen",
            "Kehadiran perangkat",
            "balai.kehadiran.selectors.kolom_kehadiran",
            kind="persen",
            order=60,
            keterangan="Hari kerja perangkat hadir pada bulan ini, sampai hari kerja terakhir yang selesai.",
        ),
        VillageSection(
            "Kehadiran perangkat",
            "kehadiran/partials/bagian_desa.html",
            "balai.kehadiran.selectors.bagian_desa",
            order=60,
        ),
        MenuItem("desa", "Kehadiran saya", "kehadiran:saya", izin="kehadiran.catat", order=5, icon="✓"),
        MenuItem(
            "desa",
            "Kehadiran perangkat",
            "kehadiran:rekap",
            grup="pengaturan",
            izin="kehadiran.kelola",
            order=60,
            icon="✓",
        ),
        MenuItem(
            "kecamatan",
            "Kehadiran perangkat desa",
            "kehadiran:dasbor",
            grup="pantau",
            izin="kecamatan.pantau",
            order=60,
            icon="✓",
        ),
        Widget(
            "desa",
            "kehadiran/partials/widget.html",
            "balai.kehadiran.selectors.widget_hari_ini",
            izin="kehadiran.kelola",
            order=40,
        ),
    ]
