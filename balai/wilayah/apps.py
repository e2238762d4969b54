from django.apps import AppConfig


class WilayahConfig(AppConfig):
    name = "balai.wilayah"
    verbose_name = "Wilayah"
