"""Administrative regions: Kabupaten -> Kecamatan -> Desa/Kelurahan -> Dusun -> RW -> RT.

Kabupaten, Kecamatan and Desa are shared reference data. Dusun, RW and RT belong to one village
and are scoped by it: outside a tenant scope their managers raise instead of returning rows."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

kode_kecamatan_validator = RegexValidator(r"^\d{2}\.\d{2}\.\d{2}$", _("Format kode kecamatan: 33.03.01"))
kode_desa_validator = RegexValidator(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$", _("Format kode desa: 33.03.01.2001"))


class Kabupaten(models.Model):
    kode = models.CharField(_("kode Kemendagri"), max_length=5, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    slug = models.SlugField(unique=True)
    ambang_kesegaran_hari = models.PositiveSmallIntegerField(
        _("ambang kesegaran situs (hari)"),
        default=7,
        validators=[MinValueValidator(1)],
        help_text=_("Dasbor desa mengingatkan operator bila tidak ada terbitan selama sekian hari."),
    )

    class Meta:
        verbose_name = _("kabupaten")
        verbose_name_plural = _("kabupaten")

    def __str__(self):
        return self.nama


class Kecamatan(models.Model):
    kabupaten = models.ForeignKey(Kabupaten, on_delete=models.PROTECT, related_name="kecamatan")
    kode = models.CharField(_("kode Kemendagri"), max_length=8, unique=True, validators=[kode_kecamatan_validator])
    nama = models.CharField(_("nama"), max_length=100)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["kode"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self):
        return f"Kecamatan {self.nama}"


class Desa(models.Model):
    class Jenis(models.TextChoices):
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="desa")
    kode = models.CharField(_("kode Kemendagri"), max_length=13, unique=True, validators=[kode_desa_validator])
    nama = models.CharField(_("nama"), max_length=100)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices, default=Jenis.DESA)
    slug = models.SlugField(unique=True, help_text=_("Dipakai sebagai alamat situs: <slug>.<domain>"))
    aktif = models.BooleanField(_("aktif"), default=True, help_text=_("Situs dan layanan desa dapat diakses."))
    domain_kustom = models.CharField(
        _("domain kustom"),
        max_length=253,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Mis. selakambang.desa.id, bila desa memakai domain sendiri."),
    )
    # Profile shown on the village site and in reports.
    alamat_kantor = models.CharField(_("alamat kantor"), max_length=255, blank=True)
    kode_pos = models.CharField(_("kode pos"), max_length=5, blank=True, validators=[RegexValidator(r"^\d{5}$")])
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    nama_kepala = models.CharField(_("nama kepala desa/lurah"), max_length=100, blank=True)
    luas_wilayah_ha = models.DecimalField(
        _("luas wilayah (ha)"), max_digits=9, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    lat = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kode"]
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nama}"

    @property
    def sebutan_kepala(self):
        return _("Lurah") if self.jenis == self.Jenis.KELURAHAN else _("Kepala Desa")


class Dusun(models.Model):
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="dusun")
    nama = models.CharField(_("nama dusun"), max_length=100)
    kepala = models.CharField(_("kepala dusun"), max_length=100, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["nama"]
        verbose_name = _("dusun")
        verbose_name_plural = _("dusun")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "nama"],
                name="dusun_unik_per_desa",
                violation_error_message=_("Nama dusun ini sudah dipakai di desa ini."),
            )
        ]

    def __str__(self):
        return self.nama


class RW(models.Model):
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="rw")
    dusun = models.ForeignKey(Dusun, on_delete=models.PROTECT, related_name="rw")
    nomor = models.PositiveSmallIntegerField(_("nomor RW"), validators=[MinValueValidator(1)])
    ketua = models.CharField(_("ketua RW"), max_length=100, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["nomor"]
        verbose_name = _("RW")
        verbose_name_plural = _("RW")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "nomor"],
                name="rw_unik_per_desa",
                violation_error_message=_("Nomor RW ini sudah dipakai di desa ini."),
            ),
            models.CheckConstraint(condition=models.Q(nomor__gte=1), name="rw_nomor_positif"),
        ]

    def __str__(self):
        return f"RW {self.nomor:03d}"


class RT(models.Model):
    desa = models.ForeignKey(Desa, on_delete=models.PROTECT, related_name="rt")
    rw = models.ForeignKey(RW, on_delete=models.PROTECT, related_name="rt")
    nomor = models.PositiveSmallIntegerField(_("nomor RT"), validators=[MinValueValidator(1)])
    ketua = models.CharField(_("ketua RT"), max_length=100, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["rw__nomor", "nomor"]
        verbose_name = _("RT")
        verbose_name_plural = _("RT")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "rw", "nomor"],
                name="rt_unik_per_rw",
                violation_error_message=_("Nomor RT ini sudah dipakai di RW tersebut."),
            ),
            models.CheckConstraint(condition=models.Q(nomor__gte=1), name="rt_nomor_positif"),
        ]

    def __str__(self):
        return f"RT {self.nomor:03d}/{self.rw.nomor:03d}"
