from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

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


class KecamatanSipande(models.Model):
    """A kecamatan that runs Sipande, its app over all its villages' SID."""

    kecamatan = models.OneToOneField("wilayah.Kecamatan", on_delete=models.CASCADE, related_name="+")
    sejak = models.DateField(_("sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("kecamatan dengan Sipande")
        verbose_name_plural = _("kecamatan dengan Sipande")

    def __str__(self):
        return f"Sipande {self.kecamatan_id}"
