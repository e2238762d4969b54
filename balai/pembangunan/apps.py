from django.apps import AppConfig


class PembangunanConfig(AppConfig):
    name = "balai.pembangunan"
    verbose_name = "Pembangunan desa"
    extensions = []
