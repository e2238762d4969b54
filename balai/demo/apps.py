from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "balai.demo"
    verbose_name = "Data demo"
