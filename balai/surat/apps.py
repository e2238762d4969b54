from django.apps import AppConfig


class SuratConfig(AppConfig):
    name = "balai.surat"
    verbose_name = "Surat-menyurat"
    extensions = []
