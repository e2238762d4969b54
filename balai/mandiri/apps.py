from django.apps import AppConfig


class MandiriConfig(AppConfig):
    name = "balai.mandiri"
    verbose_name = "Layanan Mandiri"
    extensions = []
