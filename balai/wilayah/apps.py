from django.apps import AppConfig


def _tempat_berubah(sender, instance, **kwargs):
    """A dusun, RW or RT saved or deleted: the village's cached counts are stale once committed."""
    from django.db import transaction

    from .selectors import lupakan_jumlah

    desa_id = instance.desa_id
    transaction.on_commit(lambda: lupakan_jumlah(desa_id=desa_id))


class WilayahConfig(AppConfig):
    name = "balai.wilayah"
    verbose_name = "Wilayah"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import RT, RW, Dusun

        for model in (Dusun, RW, RT):
            name = model.__name__.lower()
            post_save.connect(_tempat_berubah, sender=model, dispatch_uid=f"wilayah_jumlah_{name}_simpan")
            post_delete.connect(_tempat_berubah, sender=model, dispatch_uid=f"wilayah_jumlah_{name}_hapus")
