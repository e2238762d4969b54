from django.apps import AppConfig

from balai.core.registry import MenuItem


class WilayahConfig(AppConfig):
    name = "balai.wilayah"
    verbose_name = "Wilayah"
    extensions = [
        MenuItem("desa", "Wilayah", "wilayah:daftar", grup="kependudukan", izin="wilayah.kelola", order=80, icon="◫"),
        MenuItem("desa", "Profil desa", "wilayah:profil", grup="pengaturan", izin="desa.kelola", order=85, icon="⌂"),
    ]

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Desa, Kabupaten, Kecamatan

        for model in (Kabupaten, Kecamatan, Desa):
            post_save.connect(_forget_hosts, sender=model, dispatch_uid=f"forget-hosts-save-{model.__name__}")
            post_delete.connect(_forget_hosts, sender=model, dispatch_uid=f"forget-hosts-del-{model.__name__}")


def _forget_hosts(**kwargs):
    from balai.core.tenancy import forget_hosts

    forget_hosts()
