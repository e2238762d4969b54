from django.apps import AppConfig


class PendudukConfig(AppConfig):
    name = "balai.penduduk"
    verbose_name = "Penduduk"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from balai.core import audit, dashboard, menu
        from balai.wilayah.models import RT, RW

        from . import kode, selectors, services
        from .models import Kode
        from .privasi import PERAN_BACA

        audit.register_labels(services.AUDIT_LABELS)

        menu.register("desa", "Penduduk", "penduduk:daftar", roles=PERAN_BACA, order=20, icon="☺")
        dashboard.register(
            "desa", "penduduk/partials/widget.html", selectors.widget_penduduk, roles=PERAN_BACA, order=20
        )
        menu.register("desa", "Keluarga", "penduduk:keluarga_daftar", roles=PERAN_BACA, order=21, icon="⌂")
        menu.register("desa", "Rumah tangga", "penduduk:rumah_tangga_daftar", roles=PERAN_BACA, order=22, icon="⌂")

        # Drop the cached reference-code lookup when a code changes.
        post_save.connect(lambda **kw: kode.reset(), sender=Kode, weak=False)
        post_delete.connect(lambda **kw: kode.reset(), sender=Kode, weak=False)
        # An RT or RW that moves takes its residents' copies of RW and dusun along (the
        # wilayah app knows nothing of the register, so it cannot do this itself).
        post_save.connect(services.ikuti_wilayah, sender=RT, dispatch_uid="penduduk_ikuti_rt")
        post_save.connect(services.ikuti_wilayah, sender=RW, dispatch_uid="penduduk_ikuti_rw")
