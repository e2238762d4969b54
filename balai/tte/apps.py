from django.apps import AppConfig

from balai.core.registry import AuditLabels


class TteConfig(AppConfig):
    name = "balai.tte"
    verbose_name = "Tanda tangan elektronik"
    extensions = [AuditLabels("balai.tte.services.AUDIT_LABELS")]
