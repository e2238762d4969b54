from django.apps import AppConfig

from balai.core.registry import AuditLabels, MenuItem, PublicTextSource


class PemerintahanConfig(AppConfig):
    name = "balai.pemerintahan"
    verbose_name = "Pemerintahan desa"
    extensions = [
        AuditLabels("balai.pemerintahan.services.AUDIT_LABELS"),
        # The profile shows on the village site's contact page and footer.
        PublicTextSource("wilayah.Desa", ("alamat_kantor", "nama_kepala", "email", "telepon")),
        MenuItem(
            "desa", "Wilayah", "pemerintahan:daftar", grup="kependudukan", izin="wilayah.kelola", order=80, icon="◫"
        ),
        MenuItem(
            "desa", "Profil desa", "pemerintahan:profil", grup="pengaturan", izin="desa.kelola", order=85, icon="⌂"
        ),
    ]
