from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from balai.core.registry import SCORE_PARTS

# The kabupaten's starting weights (percent per part of balai.core.registry.SCORE_PARTS).
BOBOT_AWAL = {"konten": 25, "ppid": 20, "layanan": 20, "register": 15, "transparansi": 10, "keamanan": 10}


class PengaturanSkor(models.Model):
    """How the kabupaten scores its villages: the weight of each part and the score from which a
    village counts as active (the definition Sipande's "all villages active" reads)."""

    kabupaten = models.OneToOneField("wilayah.Kabupaten", on_delete=models.CASCADE, related_name="+")
    bobot = models.JSONField(_("bobot per bagian"), default=dict)
    ambang_aktif = models.PositiveSmallIntegerField(
        _("skor minimal desa aktif"), default=60, validators=[MaxValueValidator(100)]
    )
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaturan skor aktivitas")
        verbose_name_plural = _("pengaturan skor aktivitas")
        constraints = [models.CheckConstraint(condition=models.Q(ambang_aktif__lte=100), name="ambang_aktif_maks_100")]

    def __str__(self):
        return f"Skor {self.kabupaten_id}"


class SkorDesa(models.Model):
    """A village's activity score for one month: recomputed daily over the last 30 days while the
    month runs, so the month's row ends as that month's score. Pages read these rows only."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.CASCADE, related_name="+")
    bulan = models.DateField(_("bulan"))  # the first day of the month
    dihitung = models.DateTimeField(_("dihitung"))
    total = models.PositiveSmallIntegerField(_("skor"), validators=[MaxValueValidator(100)])
    # {part: 0..100, or None when no measure of that part exists yet}
    bagian = models.JSONField(default=dict)
    # {measure key: [raw number, 0..100]}
    ukuran = models.JSONField(default=dict)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-bulan", "-total"]
        verbose_name = _("skor aktivitas desa")
        verbose_name_plural = _("skor aktivitas desa")
        constraints = [
            models.UniqueConstraint(fields=["desa", "bulan"], name="skor_desa_sebulan_sekali"),
            models.CheckConstraint(condition=models.Q(total__lte=100), name="skor_total_maks_100"),
        ]
        indexes = [models.Index(fields=["bulan", "-total"])]

    def __str__(self):
        return f"{self.desa_id} {self.bulan:%Y-%m}: {self.total}"

    @property
    def bagian_berlabel(self):
        """[(readable part name, 0..100 or None)] in the order of SCORE_PARTS."""
        return [(label, self.bagian.get(part)) for part, label in SCORE_PARTS.items()]


class KecamatanSipande(models.Model):
    """A kecamatan that runs Sipande, its app over all its villages' SID."""

    kecamatan = models.OneToOneField("wilayah.Kecamatan", on_delete=models.CASCADE, related_name="+")
    sejak = models.DateField(_("sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("kecamatan dengan Sipande")
        verbose_name_plural = _("kecamatan dengan Sipande")

    def __str__(self):
        return f"Sipande {self.kecamatan_id}"


class Usulan(models.Model):
    """A service or feature a village asks the kabupaten for. Kabupaten-wide on purpose: every
    village's back office reads every proposal and may support it, so it has no `desa` scope;
    `pengusul` names the village that proposed it."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DITERIMA = "diterima", _("Diterima")
        DIRENCANAKAN = "direncanakan", _("Direncanakan")
        SELESAI = "selesai", _("Selesai")
        DITOLAK = "ditolak", _("Ditolak")

    kabupaten = models.ForeignKey("wilayah.Kabupaten", on_delete=models.CASCADE, related_name="+")
    pengusul = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    judul = models.CharField(_("judul"), max_length=150)
    uraian = models.TextField(_("uraian"), max_length=4000)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.DIAJUKAN)
    jawaban = models.TextField(_("jawaban kabupaten"), blank=True, max_length=4000)
    dijawab_pada = models.DateTimeField(null=True, blank=True)
    jumlah_dukungan = models.PositiveIntegerField(default=0)  # kept by the services, for sorting
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-jumlah_dukungan", "-dibuat"]
        verbose_name = _("usulan layanan")
        verbose_name_plural = _("usulan layanan")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ditolak") | ~models.Q(jawaban=""),
                name="usulan_ditolak_beralasan",
                violation_error_message=_("Usulan yang ditolak harus disertai alasannya."),
            )
        ]

    def __str__(self):
        return self.judul


class DukunganUsulan(models.Model):
    """One village's support for a proposal (its own proposal counts as its support)."""

    usulan = models.ForeignKey(Usulan, on_delete=models.CASCADE, related_name="dukungan")
    pendukung = models.ForeignKey("wilayah.Desa", on_delete=models.CASCADE, related_name="+")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["usulan", "pendukung"], name="dukungan_sekali_per_desa")]

    def __str__(self):
        return f"{self.pendukung_id} → {self.usulan_id}"


class Siaran(models.Model):
    """A message from the kabupaten (to all villages or one kecamatan's) or from a kecamatan
    (to its villages), shown in the villages' back offices until it expires."""

    kabupaten = models.ForeignKey("wilayah.Kabupaten", on_delete=models.CASCADE, related_name="+")
    dari_kecamatan = models.ForeignKey(
        "wilayah.Kecamatan", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    untuk_kecamatan = models.ForeignKey(
        "wilayah.Kecamatan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("untuk kecamatan"),
        help_text=_("Kosongkan untuk semua desa."),
    )
    judul = models.CharField(_("judul"), max_length=150)
    isi = models.TextField(_("isi"), max_length=4000)
    berlaku_sampai = models.DateField(_("tampil sampai"))
    dibuat = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-dibuat"]
        verbose_name = _("siaran")
        verbose_name_plural = _("siaran")

    def __str__(self):
        return self.judul


class Panduan(models.Model):
    """A guide for one role (pembinaan), written and kept up to date by the kabupaten."""

    class Untuk(models.TextChoices):
        SEMUA = "semua", _("Semua petugas")
        OPERATOR = "operator", _("Operator desa")
        PPID = "ppid", _("PPID desa")
        KEPALA_DESA = "kepala_desa", _("Kepala desa dan sekdes")
        KECAMATAN = "kecamatan", _("Operator kecamatan")

    kabupaten = models.ForeignKey("wilayah.Kabupaten", on_delete=models.CASCADE, related_name="+")
    judul = models.CharField(_("judul"), max_length=150)
    untuk = models.CharField(_("untuk"), max_length=15, choices=Untuk.choices, default=Untuk.OPERATOR)
    ringkasan = models.CharField(_("ringkasan"), max_length=250, blank=True)
    isi = models.TextField(_("isi"))  # sanitised HTML (balai.core.html.clean_html)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=10)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["urutan", "judul"]
        verbose_name = _("panduan")
        verbose_name_plural = _("panduan")

    def __str__(self):
        return self.judul


class Pengingat(models.Model):
    """A reminder the kecamatan or kabupaten sent a village: shown on its dashboard for two
    weeks and mailed to its administrators; kept as the record that the village was told."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.CASCADE, related_name="+")
    pesan = models.TextField(_("pesan"), max_length=2000)
    dikirim_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    dari_kecamatan = models.BooleanField(default=False)
    email_terkirim = models.PositiveSmallIntegerField(default=0)
    waktu = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-waktu"]
        verbose_name = _("pengingat")
        verbose_name_plural = _("pengingat")

    def __str__(self):
        return f"Pengingat {self.desa_id} {self.waktu:%Y-%m-%d}"
