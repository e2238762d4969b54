from django.apps import AppConfig


class KehadiranConfig(AppConfig):
    name = "balai.kehadiran"
    verbose_name = "Kehadiran perangkat desa"
    extensions = []
