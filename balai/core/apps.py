from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "balai.core"
    verbose_name = "Inti"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
