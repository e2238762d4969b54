from django.apps import AppConfig


class KeamananConfig(AppConfig):
    name = "balai.keamanan"
    verbose_name = "Keamanan digital"
    extensions = []
