from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Otoritas(models.Model):
    """The kabupaten's own certificate authority: it issues every village's signing certificate,
    so a PDF reader that trusts this one root can tell every village letter apart from a forgery.
    Created once, at setup or at the first signature."""

    kabupaten = models.OneToOneField("wilayah.Kabupaten", on_delete=models.PROTECT, related_name="+")
    sertifikat_pem = models.TextField(_("sertifikat"))
    kunci_pem = models.TextField(_("kunci privat (terenkripsi)"))
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("otoritas sertifikat kabupaten")
        verbose_name_plural = _("otoritas sertifikat kabupaten")

    def __str__(self):
        return f"CA {self.kabupaten_id}"


class KunciDesa(models.Model):
    """A village's signing key and the certificate the kabupaten authority issued for it. The
    private key is stored encrypted (PKCS#8 with `BALAI_TTE_SANDI`)."""

    desa = models.OneToOneField("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    sertifikat_pem = models.TextField(_("sertifikat"))
    kunci_pem = models.TextField(_("kunci privat (terenkripsi)"))
    berlaku_sampai = models.DateTimeField(_("berlaku sampai"))
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        verbose_name = _("kunci tanda tangan desa")
        verbose_name_plural = _("kunci tanda tangan desa")

    def __str__(self):
        return f"Kunci desa {self.desa_id}"
