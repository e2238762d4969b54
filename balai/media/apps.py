from django.apps import AppConfig

from balai.core.registry import AuditLabels


class MediaConfig(AppConfig):
    name = "balai.media"
    label = "media"
    verbose_name = "Media"
    extensions = [AuditLabels("balai.media.services.AUDIT_LABELS")]
