from django.apps import AppConfig


class PpidConfig(AppConfig):
    name = "balai.ppid"
    verbose_name = "PPID desa (keterbukaan informasi publik)"
    extensions = []
