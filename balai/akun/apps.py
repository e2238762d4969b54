from django.apps import AppConfig


class AkunConfig(AppConfig):
    name = "balai.akun"
    verbose_name = "Akun"

    def ready(self):
        from . import signals  # noqa: F401  (login/logout events into the audit log)
