from django.apps import AppConfig

from balai.core.registry import MenuItem, Widget


class PendudukConfig(AppConfig):
    name = "balai.penduduk"
    verbose_name = "Penduduk"

    extensions = [
        MenuItem("desa", "Penduduk", "penduduk:daftar", grup="kependudukan", izin="penduduk.lihat", order=20, icon="☺"),
        MenuItem(
            "desa",
            "Keluarga",
            "penduduk:keluarga_daftar",
            grup="kependudukan",
            izin="penduduk.lihat",
            order=21,
            icon="⌂",
        ),
        MenuItem(
            "desa",
            "Rumah tangga",
            "penduduk:rumah_tangga_daftar",
            grup="kependudukan",
            izin="penduduk.lihat",
            order=22,
            icon="⌂",
        ),
        MenuItem(
            "desa",
            "Pindah antar desa",
            "penduduk:pindah_antar_desa",
            grup="kependudukan",
            izin="penduduk.kelola",
            order=23,
            icon="⇄",
        ),
        MenuItem(
            "kecamatan",
            "Pindah antar desa",
            "penduduk_kecamatan:pindah",
            grup="pantau",
            izin="kecamatan.pantau",
            order=30,
            icon="⇄",
        ),
        Widget(
            "desa",
            "penduduk/partials/widget.html",
            "balai.penduduk.selectors.widget_penduduk",
            izin="penduduk.lihat",
            order=20,
        ),
    ]

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from balai.wilayah.models import RT, RW

        from . import kode, services
        from .models import Kode

        # Drop the cached reference-code lookup when a code changes.
        post_save.connect(lambda **kw: kode.reset(), sender=Kode, weak=False)
        post_delete.connect(lambda **kw: kode.reset(), sender=Kode, weak=False)
        # An RT or RW that moves takes its residents' copies of RW and dusun along (the
        # wilayah app knows nothing of the register, so it cannot do this itself).
        post_save.connect(services.ikuti_wilayah, sender=RT, dispatch_uid="penduduk_ikuti_rt")
        post_save.connect(services.ikuti_wilayah, sender=RW, dispatch_uid="penduduk_ikuti_rw")
