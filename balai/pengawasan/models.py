from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from balai.core.registry import SCORE_PARTS

# The kabupaten's starting weights (percent per part of balai.core.registry.SCORE_PARTS). Weights
# saved before a part existed give it 0 (services.skor_total reads a missing part as 0), so they
# still add up to 100 and nobody's score moves until the kabupaten sets the new part's weight.
BOBOT_AWAL = {
    "konten": 20,
    "ppid": 20,
    "layanan": 20,
    "register": 10,
    "transparansi": 10,
    "keamanan": 10,
    "pembinaan": 10,
}


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


class PeringatanTercatat(models.Model):
    """An alert (balai.core.registry.AlertSource) as the daily run `manage.py kirim_peringatan`
    saw it: open from `pertama` until a run no longer finds it (`selesai`). An alert is one
    source about one village, not one wording: messages carry counts that change daily ("23
    hari", "2 permohonan") and must not make it new. `dikirim`: when it was last mailed."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.CASCADE, related_name="+")
    sumber = models.CharField(_("jenis"), max_length=50)  # AlertSource.key
    pesan = models.CharField(_("pesan terakhir"), max_length=500)
    pertama = models.DateTimeField(_("terbuka sejak"))
    terakhir = models.DateTimeField(_("terakhir terlihat"))
    dikirim = models.DateTimeField(_("terakhir dikirim"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-pertama"]
        verbose_name = _("peringatan tercatat")
        verbose_name_plural = _("peringatan tercatat")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "sumber"], condition=models.Q(selesai__isnull=True), name="peringatan_terbuka_sekali"
            )
        ]
        indexes = [models.Index(fields=["selesai", "desa"], name="peringatan_selesai_desa")]

    def __str__(self):
        return f"{self.sumber} {self.desa_id} sejak {self.pertama:%Y-%m-%d}"


class PreferensiPeringatan(models.Model):
    """Whether a kabupaten or kecamatan officer wants the daily alert mail. No row: yes (the
    people who oversee villages get their alerts unless they say otherwise)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    surel = models.BooleanField(_("kirim surel peringatan harian"), default=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("preferensi surel peringatan")
        verbose_name_plural = _("preferensi surel peringatan")

    def __str__(self):
        return f"Surel peringatan {self.user_id}: {'ya' if self.surel else 'tidak'}"


class ButirPembinaan(models.Model):
    """One item of the kabupaten's pembinaan checklist, the same for every village (bimtek
    attended, SK PPID uploaded, ...). An item switched off stays in the villages' records but
    is no longer counted."""

    kabupaten = models.ForeignKey("wilayah.Kabupaten", on_delete=models.CASCADE, related_name="+")
    judul = models.CharField(_("butir"), max_length=150)
    uraian = models.TextField(_("uraian"), max_length=1000, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=10)
    aktif = models.BooleanField(_("dihitung"), default=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["urutan", "pk"]
        verbose_name = _("butir pembinaan")
        verbose_name_plural = _("butir pembinaan")
        constraints = [models.UniqueConstraint(fields=["kabupaten", "judul"], name="butir_pembinaan_unik")]

    def __str__(self):
        return self.judul


class CapaianPembinaan(models.Model):
    """A checklist item done by one village, ticked by its kecamatan or the kabupaten (who do
    the pembinaan). No row: not done yet."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.CASCADE, related_name="+")
    butir = models.ForeignKey(ButirPembinaan, on_delete=models.CASCADE, related_name="capaian")
    selesai_pada = models.DateField(_("selesai pada"))
    dicatat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    dicatat_pada = models.DateTimeField(auto_now=True)
    catatan = models.CharField(_("catatan"), max_length=300, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["butir_id"]
        verbose_name = _("capaian pembinaan")
        verbose_name_plural = _("capaian pembinaan")
        constraints = [models.UniqueConstraint(fields=["desa", "butir"], name="capaian_pembinaan_sekali")]

    def __str__(self):
        return f"{self.desa_id}: {self.butir_id}"
