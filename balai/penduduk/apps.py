from django.apps import AppConfig

from balai.core.registry import ActivityMeasure, AuditLabels, MenuItem, VillageColumn, Widget


def _rumah_tangga_berubah(sender, instance, **kwargs):
    """A household formed or dissolved: the register's cached counts (selectors.ringkasan) are
    keyed on the village's site version, so bump it once the change is committed."""
    from balai.core import sitecache

    sitecache.bump_on_commit(instance.desa_id)


def _tempat_berubah(sender, instance, **kwargs):
    """A dusun, RW or RT saved or deleted: the list filters' cached choices are stale, and so is
    every page that names the place (the resident list's first page, the public statistics)."""
    from django.db import transaction

    from balai.core import sitecache

    from .selectors import lupakan_pilihan_tempat

    desa_id = instance.desa_id
    transaction.on_commit(lambda: lupakan_pilihan_tempat(desa_id=desa_id))
    sitecache.bump_on_commit(desa_id)


class PendudukConfig(AppConfig):
    name = "balai.penduduk"
    verbose_name = "Penduduk"

    extensions = [
        ActivityMeasure(
            "register.peristiwa",
            "Peristiwa kependudukan dicatat",
            "register",
            "balai.penduduk.selectors.ukuran_peristiwa",
            penuh=4,
            satuan="peristiwa",
        ),
        VillageColumn(
            "penduduk.hidup",
            "Penduduk",
            "balai.penduduk.selectors.kolom_penduduk",
            field="hidup",
            kosong=0,
            order=10,
            keterangan="Penduduk hidup yang tercatat di register desa saat ini.",
        ),
        VillageColumn(
            "penduduk.keluarga",
            "Keluarga",
            "balai.penduduk.selectors.kolom_penduduk",
            field="keluarga",
            kosong=0,
            order=11,
            keterangan="Kartu keluarga dengan kepala keluarga yang masih hidup.",
        ),
        AuditLabels("balai.penduduk.services.AUDIT_LABELS"),
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

        from balai.wilayah.models import RT, RW, Dusun

        from . import kode, services
        from .models import Kode, RumahTangga

        # Drop the cached reference-code lookup when a code changes.
        post_save.connect(lambda **kw: kode.reset(), sender=Kode, weak=False)
        post_delete.connect(lambda **kw: kode.reset(), sender=Kode, weak=False)
        # An RT or RW that moves takes its residents' copies of RW and dusun along (the
        # wilayah app knows nothing of the register, so it cannot do this itself).
        post_save.connect(services.ikuti_wilayah, sender=RT, dispatch_uid="penduduk_ikuti_rt")
        post_save.connect(services.ikuti_wilayah, sender=RW, dispatch_uid="penduduk_ikuti_rw")
        # Signals only for cache invalidation (residents: balai.statistik.apps; imports bump it).
        post_save.connect(_rumah_tangga_berubah, sender=RumahTangga, dispatch_uid="penduduk_rtm_simpan")
        post_delete.connect(_rumah_tangga_berubah, sender=RumahTangga, dispatch_uid="penduduk_rtm_hapus")
        for model in (Dusun, RW, RT):
            name = model.__name__.lower()
            post_save.connect(_tempat_berubah, sender=model, dispatch_uid=f"penduduk_pilihan_{name}_simpan")
            post_delete.connect(_tempat_berubah, sender=model, dispatch_uid=f"penduduk_pilihan_{name}_hapus")
