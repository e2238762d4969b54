"""A resident's Layanan Mandiri account: NIK + PIN, never a staff `User`.

The account belongs to one resident of one village (`penduduk`); the NIK it signs in with is
the resident's NIK in the register, read at sign-in, so a corrected NIK follows by itself. A
resident who dies or moves away keeps the row (the audit names it) but can no longer sign in:
the register decides, not the account (see access.warga)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class AkunWarga(models.Model):
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+", db_index=False)
    penduduk = models.ForeignKey("penduduk.Penduduk", on_delete=models.PROTECT, related_name="+")
    # Argon2id (balai.mandiri.pin); never the PIN itself, anywhere.
    pin_hash = models.CharField(max_length=200)
    wajib_ganti_pin = models.BooleanField(_("wajib ganti PIN"), default=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    # Failed PINs since the last good one, and the lock they led to: shown to the operator and
    # kept across cache restarts (the counters that decide live in the cache, pembatas.py).
    gagal = models.PositiveSmallIntegerField(_("gagal berturut-turut"), default=0)
    terkunci_sampai = models.DateTimeField(_("terkunci sampai"), null=True, blank=True)
    terakhir_masuk = models.DateTimeField(_("terakhir masuk"), null=True, blank=True)
    pin_diterbitkan = models.DateTimeField(_("PIN diterbitkan"), null=True, blank=True)
    # Raised by every PIN issue, PIN change and deactivation: sessions signed in under an older
    # number end (access.warga compares it).
    versi_sesi = models.PositiveIntegerField(default=1)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-dibuat", "-id"]
        verbose_name = _("akun Layanan Mandiri")
        verbose_name_plural = _("akun Layanan Mandiri")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "penduduk"],
                name="akun_warga_satu_per_penduduk",
                violation_error_message=_("Penduduk ini sudah punya akun Layanan Mandiri."),
            )
        ]

    def __str__(self):
        return _("Akun Layanan Mandiri #%(id)s") % {"id": self.pk}

    @property
    def terkunci(self):
        return bool(self.terkunci_sampai and self.terkunci_sampai > timezone.now())
