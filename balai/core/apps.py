from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "balai.core"
    verbose_name = "Inti"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from balai.wilayah.models import Desa, Kabupaten, Kecamatan

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .models import AuditEntry
        from .tenancy import village_owned_models

        # The host map (tenancy.py) is cached; any change to a region forgets it.
        for model in (Kabupaten, Kecamatan, Desa):
            post_save.connect(_forget_hosts, sender=model, dispatch_uid=f"forget-hosts-save-{model.__name__}")
            post_delete.connect(_forget_hosts, sender=model, dispatch_uid=f"forget-hosts-del-{model.__name__}")
        # Any row of a village saved or deleted (its letters, attendance, places, ...): its
        # back-office pieces (sitecache.bump_kantor) are stale once the change commits. Not the
        # audit log: it grows with every look at a resident, and pages show it live.
        for model in village_owned_models():
            if model is not AuditEntry:
                label = model._meta.label_lower
                post_save.connect(_kantor_berubah, sender=model, dispatch_uid=f"kantor-save-{label}")
                post_delete.connect(_kantor_berubah, sender=model, dispatch_uid=f"kantor-del-{label}")


def _kantor_berubah(sender, instance, **kwargs):
    from django.db import transaction

    from .sitecache import bump_kantor

    desa_id = instance.desa_id
    if desa_id is not None:
        transaction.on_commit(lambda: bump_kantor(desa_id))


def _forget_hosts(**kwargs):
    from .tenancy import forget_hosts

    forget_hosts()
