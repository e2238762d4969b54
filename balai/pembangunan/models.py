"""Village development projects (kegiatan pembangunan) and their progress updates.

Every table carries its own non-null `desa` (children too) and a scoped manager; every unique
constraint includes `desa`. Invariants a resident relies on (no negative amount, a percent
between 0 and 100, a point inside Indonesia, an end not before the start) are checks in the
database; the narrower box around the kabupaten is a setting checked in `clean()`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from .choices import Status, SumberDana

# Indonesia from Sabang to Merauke, Rote to Miangas: what the database accepts at all.
LINTANG_INDONESIA = (-11.5, 6.5)
BUJUR_INDONESIA = (94.5, 141.5)


def batas_peta():
    """(south, west, north, east) of the kabupaten's map box (BALAI_PETA_BATAS)."""
    return tuple(float(v) for v in settings.BALAI_PETA_BATAS)


def _check(condition, name, message):
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


class Proyek(models.Model):
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    nama = models.CharField(_("nama kegiatan"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    uraian = models.TextField(_("uraian"), blank=True, max_length=3000, help_text=_("Teks biasa; HTML tidak diproses."))
    tahun = models.PositiveSmallIntegerField(
        _("tahun anggaran"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    # Where: as precise as the operator knows it.
    dusun = models.ForeignKey(
        "wilayah.Dusun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("dusun")
    )
    rw = models.ForeignKey(
        "wilayah.RW", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("RW")
    )
    rt = models.ForeignKey(
        "wilayah.RT", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("RT")
    )
    lokasi = models.CharField(
        _("keterangan lokasi"), max_length=200, blank=True, help_text=_("Mis. Jalan Kenanga, dari masjid ke makam.")
    )
    lat = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    # What and how much; the APBDes kegiatan that pays for it, where the village keeps one.
    kegiatan = models.ForeignKey(
        "keuangan.Kegiatan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kegiatan APBDes"),
    )
    sumber_dana = models.CharField(_("sumber dana"), max_length=3, choices=SumberDana.choices, default=SumberDana.DDS)
    anggaran = models.BigIntegerField(_("anggaran (Rp)"), default=0, validators=[MinValueValidator(0)])
    volume = models.DecimalField(
        _("volume"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    satuan = models.CharField(_("satuan"), max_length=30, blank=True, help_text=_("Mis. m, m², m³, unit, titik."))
    pelaksana = models.CharField(
        _("pelaksana (TPK)"), max_length=150, blank=True, help_text=_("Tim Pelaksana Kegiatan atau pihak pelaksana.")
    )
    # When and how far.
    mulai = models.DateField(_("mulai"), null=True, blank=True)
    rencana_selesai = models.DateField(_("rencana selesai"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RENCANA)
    persen = models.PositiveSmallIntegerField(
        _("progres (%)"), default=0, help_text=_("Dari pembaruan progres terakhir.")
    )  # kept here so lists need no join over every update
    terbit = models.BooleanField(_("tampil di situs"), default=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-tahun", "-mulai", "-id"]
        verbose_name = _("kegiatan pembangunan")
        verbose_name_plural = _("kegiatan pembangunan")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "slug"],
                name="proyek_slug_unik_per_desa",
                violation_error_message=_("Alamat (slug) kegiatan ini sudah dipakai di desa ini."),
            ),
            _check(Q(anggaran__gte=0), "proyek_anggaran_tidak_negatif", _("Anggaran tidak boleh negatif.")),
            _check(
                Q(volume__isnull=True) | Q(volume__gte=0),
                "proyek_volume_tidak_negatif",
                _("Volume tidak boleh negatif."),
            ),
            _check(Q(persen__lte=100), "proyek_persen_sampai_100", _("Progres paling banyak 100%%.")),
            _check(Q(tahun__gte=2000, tahun__lte=2100), "proyek_tahun_wajar", _("Tahun anggaran tidak wajar.")),
            _check(
                Q(lat__isnull=True, lng__isnull=True) | Q(lat__isnull=False, lng__isnull=False),
                "proyek_titik_lengkap",
                _("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."),
            ),
            _check(
                Q(lat__isnull=True)
                | Q(lat__gte=LINTANG_INDONESIA[0], lat__lte=LINTANG_INDONESIA[1], lng__gte=BUJUR_INDONESIA[0])
                & Q(lng__lte=BUJUR_INDONESIA[1]),
                "proyek_titik_di_indonesia",
                _("Titik lokasi berada di luar Indonesia."),
            ),
            _check(
                Q(mulai__isnull=True) | Q(rencana_selesai__isnull=True) | Q(rencana_selesai__gte=F("mulai")),
                "proyek_selesai_setelah_mulai",
                _("Rencana selesai tidak boleh sebelum tanggal mulai."),
            ),
            _check(Q(status__in=Status.values), "proyek_status_sah", _("Status tidak dikenal.")),
            _check(Q(sumber_dana__in=SumberDana.values), "proyek_sumber_dana_sah", _("Sumber dana tidak dikenal.")),
        ]
        indexes = [models.Index(fields=["desa", "terbit", "tahun"], name="proyek_publik_idx")]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("pembangunan:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.lat is not None and self.lng is not None:
            selatan, barat, utara, timur = batas_peta()
            if not selatan <= float(self.lat) <= utara:
                errors["lat"] = _(
                    "Lintang %(v)s berada di luar wilayah kabupaten (antara %(a)s dan %(b)s). Lintang di Jawa bernilai "
                    "negatif, mis. -7.39."
                ) % {"v": self.lat, "a": selatan, "b": utara}
            if not barat <= float(self.lng) <= timur:
                errors["lng"] = _("Bujur %(v)s berada di luar wilayah kabupaten (antara %(a)s dan %(b)s).") % {
                    "v": self.lng,
                    "a": barat,
                    "b": timur,
                }
        elif (self.lat is None) != (self.lng is None):
            errors["lng" if self.lng is None else "lat"] = _("Isi lintang dan bujur bersama-sama.")
        if self.rt_id and self.rw_id and self.rt.rw_id != self.rw_id:
            errors["rt"] = _("RT ini tidak berada di RW yang dipilih.")
        if self.rw_id and self.dusun_id and self.rw.dusun_id != self.dusun_id:
            errors["rw"] = _("RW ini tidak berada di dusun yang dipilih.")
        if self.kegiatan_id and self.kegiatan.tahun != self.tahun:
            errors["kegiatan"] = _(
                "Kegiatan APBDes ini untuk tahun %(a)s, sedangkan kegiatan pembangunan tahun %(b)s."
            ) % {"a": self.kegiatan.tahun, "b": self.tahun}
        if errors:
            raise ValidationError(errors)

    @property
    def titik(self):
        return self.lat is not None and self.lng is not None

    @property
    def wilayah(self):
        """'Dusun Krajan, RT 002/RW 001' as far as it is known."""
        bagian = []
        if self.dusun_id:
            bagian.append(f"Dusun {self.dusun.nama}")
        if self.rt_id:
            bagian.append(f"RT {self.rt.nomor:03d}/RW {self.rt.rw.nomor:03d}")
        elif self.rw_id:
            bagian.append(f"RW {self.rw.nomor:03d}")
        return ", ".join(bagian)


class Progres(models.Model):
    """One look at the works on one day: how far, what was seen, photos."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    proyek = models.ForeignKey(Proyek, on_delete=models.CASCADE, related_name="progres")
    tanggal = models.DateField(_("tanggal"))
    persen = models.PositiveSmallIntegerField(
        _("progres (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    catatan = models.TextField(_("catatan"), blank=True, max_length=2000, help_text=_("Teks biasa."))
    artikel = models.ForeignKey(
        "website.Artikel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("berita"),
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["tanggal", "persen", "id"]
        verbose_name = _("progres")
        verbose_name_plural = _("progres")
        constraints = [
            _check(Q(persen__gte=0, persen__lte=100), "progres_persen_0_sampai_100", _("Progres harus 0–100%%.")),
        ]
        indexes = [models.Index(fields=["desa", "proyek", "tanggal"], name="progres_proyek_idx")]

    def __str__(self):
        return f"{self.proyek} — {self.persen}% ({self.tanggal:%d-%m-%Y})"


class FotoProgres(models.Model):
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    progres = models.ForeignKey(Progres, on_delete=models.CASCADE, related_name="foto")
    gambar = models.ForeignKey("media.Gambar", on_delete=models.PROTECT, related_name="+")
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["urutan", "id"]
        verbose_name = _("foto progres")
        verbose_name_plural = _("foto progres")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "gambar"], name="foto_progres_gambar_unik", violation_error_message=_("Foto ganda.")
            )
        ]

    def __str__(self):
        return f"Foto {self.progres}"
