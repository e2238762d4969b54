from django.apps import AppConfig

from balai.core.registry import AuditLabels, ContentCheck


class KeamananConfig(AppConfig):
    name = "balai.keamanan"
    verbose_name = "Keamanan digital"
    extensions = [
        ContentCheck("balai.keamanan.services.periksa_simpan"),
        AuditLabels("balai.keamanan.services.AUDIT_LABELS"),
    ]
