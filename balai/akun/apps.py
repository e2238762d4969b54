from django.apps import AppConfig

from balai.core.registry import AuditLabels


class AkunConfig(AppConfig):
    name = "balai.akun"
    verbose_name = "Akun"
    extensions = [AuditLabels("balai.akun.services.AUDIT_LABELS")]

    def ready(self):
        from . import perangkat, signals  # noqa: F401  (cached 2FA state; login/logout events into the audit log)
