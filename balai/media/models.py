"""Pictures uploaded by a village, stored only as re-encoded renditions.

The uploaded bytes are never kept: what is stored was decoded by Pillow and written anew, so no
script, EXIF/GPS block or polyglot payload survives. Each picture has a full-size and a
thumbnail rendition, each as WebP plus a JPEG/PNG fallback for old browsers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Gambar(models.Model):
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    berkas = models.FileField(_("berkas"), max_length=200)
    berkas_webp = models.FileField(max_length=200)
    thumb = models.FileField(max_length=200)
    thumb_webp = models.FileField(max_length=200)
    lebar = models.PositiveIntegerField(_("lebar"), default=0)
    tinggi = models.PositiveIntegerField(_("tinggi"), default=0)
    thumb_lebar = models.PositiveIntegerField(default=0)
    thumb_tinggi = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("teks alternatif"), max_length=200, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-dibuat", "-id"]
        verbose_name = _("gambar")
        verbose_name_plural = _("gambar")

    def __str__(self):
        return self.alt or self.berkas.name.rsplit("/", 1)[-1]

    @property
    def url(self):
        return self.berkas.url

    @property
    def webp_url(self):
        return self.berkas_webp.url

    @property
    def thumb_url(self):
        return self.thumb.url

    @property
    def thumb_webp_url(self):
        return self.thumb_webp.url

    @property
    def files(self):
        return [f for f in (self.berkas, self.berkas_webp, self.thumb, self.thumb_webp) if f]
