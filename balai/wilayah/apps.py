from django.apps import AppConfig


class WilayahConfig(AppConfig):
    name = "balai.wilayah"
    verbose_name = "Wilayah"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from balai.akun.models import Peran
        from balai.core import audit, menu

        from . import services
        from .models import Desa, Kabupaten, Kecamatan

        audit.register_labels(services.AUDIT_LABELS)

        for model in (Kabupaten, Kecamatan, Desa):
            post_save.connect(_forget_hosts, sender=model, dispatch_uid=f"forget-hosts-save-{model.__name__}")
            post_delete.connect(_forget_hosts, sender=model, dispatch_uid=f"forget-hosts-del-{model.__name__}")

        menu.register(
            "desa", "Wilayah", "wilayah:daftar", roles={Peran.ADMIN_DESA, Peran.OPERATOR_DESA}, order=80, icon="◫"
        )
        menu.register("desa", "Profil desa", "wilayah:profil", roles={Peran.ADMIN_DESA}, order=85, icon="⌂")


def _forget_hosts(**kwargs):
    from balai.core.tenancy import forget_hosts

    forget_hosts()
