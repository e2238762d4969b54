from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "balai.website"
    verbose_name = "Situs web"
