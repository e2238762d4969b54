from django.apps import AppConfig


class TteConfig(AppConfig):
    name = "balai.tte"
    verbose_name = "Tanda tangan elektronik"
