from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class AuditEntry(models.Model):
    """One state change by a person: who, when, which village, which object, what changed.

    `desa` is empty for kabupaten- and kecamatan-level actions; those are read with scopes
    disabled by the kabupaten dashboard only."""

    waktu = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("pelaku"), max_length=150, blank=True)
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kecamatan = models.ForeignKey(
        "wilayah.Kecamatan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("tindakan"), max_length=80, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(_("objek"), max_length=200, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-waktu", "-id"]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("log audit")
        indexes = [models.Index(fields=["desa", "-waktu"])]

    def __str__(self):
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    @property
    def tindakan(self):
        """The action in plain Indonesian (labels declared by each app, see balai.core.audit)."""
        from .audit import label

        return label(self.action)

    @property
    def jenis_objek(self):
        return jenis_objek_label(self.object_type)

    def rincian(self):
        """[(field, before, after)] for changes recorded as [before, after] pairs, and
        (field, None, value) for plain facts (e.g. which book was downloaded)."""
        rows = []
        for field, value in (self.changes or {}).items():
            if isinstance(value, list) and len(value) == 2:
                rows.append((field, value[0], value[1], True))
            else:
                rows.append((field, None, value, False))
        return rows


def jenis_objek_label(object_type):
    """The readable name of an object type (penduduk.keluarga: Keluarga); unknown types as stored."""
    from django.apps import apps

    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)[:1].upper() + str(model._meta.verbose_name)[1:]


class HariLibur(models.Model):
    """A non-working day the national calendar (`holidays`) does not know: cuti bersama, which
    the government sets each year by SKB, or a regional holiday. Edited by the kabupaten through
    `balai.pemerintahan.services` (which forgets the cached calendar); read by
    `balai.core.kalender` for every working-day deadline (PPID) and for attendance."""

    class Jenis(models.TextChoices):
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        LIBUR_DAERAH = "libur_daerah", _("Libur daerah")

    tanggal = models.DateField(_("tanggal"), unique=True)
    nama = models.CharField(_("keterangan"), max_length=120)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices, default=Jenis.CUTI_BERSAMA)

    class Meta:
        ordering = ["tanggal"]
        verbose_name = _("hari libur tambahan")
        verbose_name_plural = _("hari libur tambahan")

    def __str__(self):
        return f"{self.tanggal:%Y-%m-%d} {self.nama}"
