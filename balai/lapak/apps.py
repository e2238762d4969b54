from django.apps import AppConfig


class LapakConfig(AppConfig):
    name = "balai.lapak"
    verbose_name = "Lapak desa"
    extensions = []
