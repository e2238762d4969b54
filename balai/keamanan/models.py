"""The judi-online guard's records: what the kabupaten blocks and allows, texts held at saving,
findings of the scan of the public sites, and the scans themselves."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class DomainBlokir(models.Model):
    """A domain (and its subdomains) no village site may link to, kept by the kabupaten."""

    kabupaten = models.ForeignKey("wilayah.Kabupaten", on_delete=models.CASCADE, related_name="+")
    domain = models.CharField(_("domain"), max_length=253)
    alasan = models.CharField(_("alasan"), max_length=200, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["domain"]
        verbose_name = _("domain diblokir")
        verbose_name_plural = _("domain diblokir")
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten", "domain"],
                name="domain_blokir_unik",
                violation_error_message=_("Domain ini sudah ada di daftar blokir."),
            )
        ]

    def __str__(self):
        return self.domain


class Izin(models.Model):
    """An allow-list entry learnt from a false positive: a phrase or a domain the check no
    longer holds, in one village (`desa`) or in every village of the kabupaten (no `desa`)."""

    class Jenis(models.TextChoices):
        FRASA = "frasa", _("Frasa")
        DOMAIN = "domain", _("Domain")

    kabupaten = models.ForeignKey("wilayah.Kabupaten", on_delete=models.CASCADE, related_name="+")
    desa = models.ForeignKey(
        "wilayah.Desa",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosong: berlaku untuk semua desa."),
    )
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    nilai = models.CharField(_("frasa atau domain"), max_length=200)
    alasan = models.CharField(_("alasan"), max_length=200, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["jenis", "nilai"]
        verbose_name = _("daftar izin")
        verbose_name_plural = _("daftar izin")
        constraints = [
            models.UniqueConstraint(
                fields=["kabupaten", "desa", "jenis", "nilai"],
                name="izin_konten_unik",
                nulls_distinct=False,
                violation_error_message=_("Entri ini sudah ada di daftar izin."),
            )
        ]

    def __str__(self):
        return self.nilai


class Penahanan(models.Model):
    """A public text held at saving: not published until a reviewer of the kabupaten releases it
    (or its author edits it into a text that passes). A text whose object cannot wait
    unpublished (a village profile, a menu link) is refused instead: recorded as DITOLAK, the
    evidence kept, nothing to release."""

    class Status(models.TextChoices):
        DITAHAN = "ditahan", _("Ditahan")
        DILEPAS = "dilepas", _("Dilepas (diterbitkan)")
        POSITIF_PALSU = "positif_palsu", _("Positif palsu (dilepas, masuk daftar izin)")
        DIPERBAIKI = "diperbaiki", _("Diperbaiki penulis")
        DITOLAK = "ditolak", _("Ditolak saat disimpan (tidak terbit)")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    jenis = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    objek_id = models.CharField(max_length=64)
    judul = models.CharField(_("objek"), max_length=200)
    teks = models.JSONField(_("teks yang diperiksa"), default=dict)
    aturan = models.CharField(_("aturan"), max_length=200)
    temuan = models.JSONField(_("temuan"), default=list)
    skor = models.FloatField(default=0)
    terbitkan = models.CharField(max_length=200, help_text="Dotted path: publishes the object when released.")
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.DITAHAN)
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)
    ditinjau_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditinjau_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.CharField(_("catatan peninjau"), max_length=300, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-dibuat", "-id"]
        verbose_name = _("konten ditahan")
        verbose_name_plural = _("konten ditahan")
        indexes = [
            models.Index(fields=["desa", "status", "-dibuat"], name="penahanan_antrean_idx"),
            models.Index(fields=["jenis", "objek_id", "status"], name="penahanan_objek_idx"),
        ]

    def __str__(self):
        return f"{self.judul} ({self.get_status_display()})"

    @property
    def terbuka(self):
        return self.status == self.Status.DITAHAN


class Pemindaian(models.Model):
    """One scan of the public sites (all villages, or one), with its progress."""

    class Status(models.TextChoices):
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        GAGAL = "gagal", _("Gagal")

    kabupaten = models.ForeignKey("wilayah.Kabupaten", on_delete=models.CASCADE, related_name="+")
    mulai = models.DateTimeField(auto_now_add=True)
    selesai = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BERJALAN)
    jumlah_desa = models.PositiveIntegerField(default=0)
    desa_selesai = models.PositiveIntegerField(default=0)
    jumlah_halaman = models.PositiveIntegerField(default=0)
    jumlah_temuan = models.PositiveIntegerField(default=0)
    jumlah_galat = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-mulai", "-id"]
        verbose_name = _("pemindaian situs")
        verbose_name_plural = _("pemindaian situs")

    def __str__(self):
        return f"Pemindaian {self.mulai:%Y-%m-%d %H:%M}"


class Temuan(models.Model):
    """Something wrong on a village's public page as a visitor gets it: gambling content,
    an unexpected script, iframe or outbound link, or a page that errors."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Terbuka")
        SELESAI = "selesai", _("Selesai")
        POSITIF_PALSU = "positif_palsu", _("Positif palsu")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    halaman = models.CharField(_("halaman"), max_length=300)
    aturan = models.CharField(_("aturan"), max_length=40)
    keterangan = models.CharField(_("keterangan"), max_length=300)
    kutipan = models.CharField(_("kutipan"), max_length=300, blank=True)
    kunci = models.CharField(max_length=200, blank=True)
    sidik = models.CharField(max_length=64, help_text="Hash of page, rule and evidence: one finding, seen again.")
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.TERBUKA)
    pertama = models.DateTimeField(_("pertama terlihat"), auto_now_add=True)
    terakhir = models.DateTimeField(_("terakhir terlihat"))
    pemindaian = models.ForeignKey(Pemindaian, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    ditangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditangani_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.CharField(_("catatan"), max_length=300, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-terakhir", "-id"]
        verbose_name = _("temuan pemindaian")
        verbose_name_plural = _("temuan pemindaian")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "sidik"], name="temuan_sidik_unik", violation_error_message=_("Temuan ini sudah ada.")
            )
        ]
        indexes = [models.Index(fields=["desa", "status", "-terakhir"], name="temuan_antrean_idx")]

    def __str__(self):
        return f"{self.halaman}: {self.keterangan}"
