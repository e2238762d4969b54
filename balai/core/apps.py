from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "balai.core"
    verbose_name = "Inti"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from balai.wilayah.models import Desa, Kabupaten, Kecamatan

        from . import checks  # noqa: F401  (registers the deployment checks)

        # The host map (tenancy.py) is cached; any change to a region forgets it.
        for model in (Kabupaten, Kecamatan, Desa):
            post_save.connect(_forget_hosts, sender=model, dispatch_uid=f"forget-hosts-save-{model.__name__}")
            post_delete.connect(_forget_hosts, sender=model, dispatch_uid=f"forget-hosts-del-{model.__name__}")


def _forget_hosts(**kwargs):
    from .tenancy import forget_hosts

    forget_hosts()
