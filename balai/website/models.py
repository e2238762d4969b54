"""A village website: articles (with categories, tags, revisions and comments), static pages,
the village government line-up, public menu items and per-village site settings.

Every table carries `desa` and a scoped manager; every unique key includes `desa`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

hex_colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Warna harus berupa kode hex 6 digit, mis. #0f766e."))
# "/\evil.example" is "//evil.example" to a browser: a site path may not start with either slash.
menu_url_validator = RegexValidator(
    r"^(/(?![/\\])\S*|https?://\S+)$",
    _("Alamat menu harus diawali '/' (halaman situs ini) atau 'https://'."),
)

# NIP of a civil servant: 18 digits (birth date, appointment month, sex, serial).
nip_validator = RegexValidator(r"^\d{18}$", _("NIP terdiri dari 18 angka."))


def _desa_fk():
    return models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")


def _gambar_fk(label):
    return models.ForeignKey(
        "media.Gambar", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=label
    )


def _unique(fields, name, message):
    return models.UniqueConstraint(fields=fields, name=name, violation_error_message=message)


class PengaturanSitus(models.Model):
    """Look and greeting of one village's site. At most one row per village."""

    desa = _desa_fk()
    warna_tema = models.CharField(_("warna tema"), max_length=7, default="#0f766e", validators=[hex_colour_validator])
    slogan = models.CharField(_("slogan"), max_length=150, blank=True)
    logo = _gambar_fk(_("logo"))
    banner = _gambar_fk(_("gambar sampul"))
    judul_sambutan = models.CharField(_("judul sambutan"), max_length=150, blank=True, default="Sambutan Kepala Desa")
    sambutan = models.TextField(_("sambutan kepala desa"), blank=True, help_text=_("Teks kaya; disaring di server."))
    komentar_aktif = models.BooleanField(_("komentar dibuka"), default=True)
    komentar_otomatis = models.BooleanField(
        _("setujui komentar otomatis"),
        default=False,
        help_text=_("Komentar tanpa tautan dan tanpa kata spam langsung tampil."),
    )
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        verbose_name = _("pengaturan situs")
        verbose_name_plural = _("pengaturan situs")
        constraints = [_unique(["desa"], "pengaturan_situs_satu_per_desa", _("Desa ini sudah punya pengaturan."))]

    def __str__(self):
        return f"Pengaturan situs {self.desa_id}"


class Kategori(models.Model):
    desa = _desa_fk()
    nama = models.CharField(_("nama"), max_length=80)
    slug = models.SlugField(max_length=90)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["nama"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        constraints = [_unique(["desa", "slug"], "kategori_slug_unik_per_desa", _("Kategori ini sudah ada."))]

    def __str__(self):
        return self.nama


class Tag(models.Model):
    desa = _desa_fk()
    nama = models.CharField(_("nama"), max_length=60)
    slug = models.SlugField(max_length=70)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["nama"]
        verbose_name = _("tag")
        verbose_name_plural = _("tag")
        constraints = [_unique(["desa", "slug"], "tag_slug_unik_per_desa", _("Tag ini sudah ada."))]

    def __str__(self):
        return self.nama


class Artikel(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        TERJADWAL = "terjadwal", _("Terjadwal")
        TERBIT = "terbit", _("Terbit")

    desa = _desa_fk()
    judul = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    ringkasan = models.CharField(_("ringkasan"), max_length=300, blank=True)
    isi = models.TextField(_("isi"), blank=True)
    gambar = _gambar_fk(_("gambar utama"))
    kategori = models.ForeignKey(
        Kategori, on_delete=models.SET_NULL, null=True, blank=True, related_name="artikel", verbose_name=_("kategori")
    )
    tags = models.ManyToManyField(Tag, through="ArtikelTag", blank=True, related_name="artikel")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    terbit_pada = models.DateTimeField(_("waktu terbit"), null=True, blank=True)
    unggulan = models.BooleanField(_("disematkan di beranda"), default=False)
    penulis = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibaca = models.PositiveIntegerField(_("dibaca"), default=0)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-terbit_pada", "-id"]
        verbose_name = _("artikel")
        verbose_name_plural = _("artikel")
        constraints = [_unique(["desa", "slug"], "artikel_slug_unik_per_desa", _("Slug artikel ini sudah dipakai."))]
        indexes = [
            models.Index(fields=["desa", "status", "-terbit_pada"], name="artikel_publik_idx"),
            models.Index(fields=["status", "-terbit_pada"], name="artikel_status_terbit_idx"),
        ]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("website:artikel_detail", args=[self.slug])

    @property
    def tampil_publik(self):
        return self.status == self.Status.TERBIT and self.terbit_pada is not None and self.terbit_pada <= timezone.now()


class ArtikelTag(models.Model):
    desa = _desa_fk()
    artikel = models.ForeignKey(Artikel, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(desa="desa")

    class Meta:
        constraints = [_unique(["desa", "artikel", "tag"], "artikel_tag_unik", _("Tag sudah terpasang."))]

    def __str__(self):
        return f"{self.artikel_id}:{self.tag_id}"


class ArtikelRevisi(models.Model):
    """The article's title, summary and body as saved at one moment, for history and restore."""

    desa = _desa_fk()
    artikel = models.ForeignKey(Artikel, on_delete=models.CASCADE, related_name="revisi")
    judul = models.CharField(_("judul"), max_length=200)
    ringkasan = models.CharField(_("ringkasan"), max_length=300, blank=True)
    isi = models.TextField(_("isi"), blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-dibuat", "-id"]
        verbose_name = _("revisi artikel")
        verbose_name_plural = _("revisi artikel")

    def __str__(self):
        return f"{self.judul} ({self.dibuat:%Y-%m-%d %H:%M})"


class Komentar(models.Model):
    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu moderasi")
        DISETUJUI = "disetujui", _("Disetujui")
        DITOLAK = "ditolak", _("Ditolak")

    desa = _desa_fk()
    artikel = models.ForeignKey(Artikel, on_delete=models.CASCADE, related_name="komentar")
    nama = models.CharField(_("nama"), max_length=80)
    isi = models.TextField(_("komentar"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    alasan = models.CharField(_("alasan ditahan"), max_length=120, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-dibuat", "-id"]
        verbose_name = _("komentar")
        verbose_name_plural = _("komentar")
        indexes = [models.Index(fields=["desa", "status", "-dibuat"], name="komentar_antrean_idx")]

    def __str__(self):
        return f"{self.nama}: {self.isi[:40]}"


class Halaman(models.Model):
    """A static page (profil, sejarah, visi-misi, ...)."""

    desa = _desa_fk()
    judul = models.CharField(_("judul"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, blank=True)
    isi = models.TextField(_("isi"), blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    terbit = models.BooleanField(_("tampil di situs"), default=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["urutan", "judul"]
        verbose_name = _("halaman")
        verbose_name_plural = _("halaman")
        constraints = [_unique(["desa", "slug"], "halaman_slug_unik_per_desa", _("Slug halaman ini sudah dipakai."))]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("website:halaman", args=[self.slug])


class Perangkat(models.Model):
    """A member of the village government: the public 'struktur pemerintahan' page, and the
    official a letter names as its signer or an attendance record as its person. Linked to
    the account they sign in with, when they have one (not every official does)."""

    desa = _desa_fk()
    nama = models.CharField(_("nama"), max_length=100)
    jabatan = models.CharField(_("jabatan"), max_length=100)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator])
    nipd = models.CharField(_("NIPD"), max_length=30, blank=True, help_text=_("Nomor induk perangkat desa."))
    pengguna = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="perangkat",
        help_text=_("Akun yang dipakai orang ini untuk masuk, bila ada."),
    )
    foto = _gambar_fk(_("foto"))
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    aktif = models.BooleanField(_("tampil"), default=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["urutan", "nama"]
        verbose_name = _("perangkat desa")
        verbose_name_plural = _("perangkat desa")

    def __str__(self):
        return f"{self.nama} ({self.jabatan})"

    def clean(self):
        if self.pengguna_id and self.pengguna.desa_id != self.desa_id:
            raise ValidationError({"pengguna": _("Akun ini bukan akun desa ini.")})


class MenuSitus(models.Model):
    """A link in the village site's navigation, set by the operator."""

    desa = _desa_fk()
    label = models.CharField(_("label"), max_length=40)
    url = models.CharField(_("alamat"), max_length=300, validators=[menu_url_validator])
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["urutan", "label"]
        verbose_name = _("menu situs")
        verbose_name_plural = _("menu situs")

    def __str__(self):
        return self.label
