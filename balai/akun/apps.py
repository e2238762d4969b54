from django.apps import AppConfig


class AkunConfig(AppConfig):
    name = "balai.akun"
    verbose_name = "Akun"

    def ready(self):
        from balai.core import audit

        from . import services, signals  # noqa: F401  (signals: login/logout events into the audit log)

        audit.register_labels(services.AUDIT_LABELS)
