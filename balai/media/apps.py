from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "balai.media"
    label = "media"
    verbose_name = "Media"

    def ready(self):
        from balai.core import audit

        from . import services

        audit.register_labels(services.AUDIT_LABELS)
