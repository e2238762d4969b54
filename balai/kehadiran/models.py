"""Attendance of village officials: each village's rules (hours, tolerance, geofence, QR), one
record per official per day, leave requests (izin, sakit, cuti, dinas luar) and the QR nonces
already used. Every table carries `desa` and a scoped manager; every unique key includes `desa`."""

import uuid
from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from balai.core.storage import path_for, private_storage


def _desa_fk():
    return models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")


def _perangkat_fk():
    return models.ForeignKey(
        "website.Perangkat", on_delete=models.PROTECT, related_name="+", verbose_name=_("perangkat")
    )


class Metode(models.TextChoices):
    QR = "qr", _("Kode QR")
    LOKASI = "lokasi", _("Lokasi (geofence)")
    QR_LOKASI = "qr_lokasi", _("Kode QR + lokasi")


class PengaturanKehadiran(models.Model):
    """A village's working hours and what a check-in must come with. Without a row the defaults
    below apply (`selectors.pengaturan`)."""

    desa = _desa_fk()
    jam_masuk = models.TimeField(_("jam masuk"), default=time(7, 30))
    jam_pulang = models.TimeField(_("jam pulang"), default=time(15, 30))
    jam_pulang_jumat = models.TimeField(
        _("jam pulang hari Jumat"), null=True, blank=True, help_text=_("Kosongkan bila sama dengan hari lain.")
    )
    toleransi_menit = models.PositiveSmallIntegerField(
        _("toleransi terlambat (menit)"), default=15, validators=[MaxValueValidator(120)]
    )
    wajib_qr = models.BooleanField(
        _("wajib memindai kode QR di kantor"),
        default=True,
        help_text=_("Kode di layar kantor berganti tiap 30 detik; tangkapan layar tidak berlaku."),
    )
    geofence_aktif = models.BooleanField(
        _("wajib berada di sekitar kantor"),
        default=False,
        help_text=_("Lokasi ponsel harus di dalam radius dari titik kantor."),
    )
    lintang = models.DecimalField(
        _("lintang kantor"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Mis. -7.389123 (dari peta: klik kanan pada kantor desa)."),
    )
    bujur = models.DecimalField(
        _("bujur kantor"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Mis. 109.412345."),
    )
    radius_meter = models.PositiveIntegerField(
        _("radius (meter)"), default=100, validators=[MinValueValidator(20), MaxValueValidator(2000)]
    )
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        verbose_name = _("pengaturan kehadiran")
        verbose_name_plural = _("pengaturan kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["desa"], name="kehadiran_pengaturan_satu_per_desa"),
            models.CheckConstraint(
                condition=Q(wajib_qr=True) | Q(geofence_aktif=True),
                name="kehadiran_pengaturan_ada_bukti",
                violation_error_message=_("Pilih setidaknya satu bukti kehadiran: kode QR atau lokasi."),
            ),
            models.CheckConstraint(
                condition=Q(geofence_aktif=False) | Q(lintang__isnull=False, bujur__isnull=False),
                name="kehadiran_pengaturan_titik_kantor",
                violation_error_message=_("Isi titik kantor (lintang dan bujur) untuk memakai geofence."),
            ),
            models.CheckConstraint(
                condition=Q(radius_meter__gte=20, radius_meter__lte=2000), name="kehadiran_pengaturan_radius"
            ),
            models.CheckConstraint(condition=Q(jam_pulang__gt=F("jam_masuk")), name="kehadiran_pengaturan_jam"),
        ]

    def __str__(self):
        return f"Pengaturan kehadiran {self.desa_id}"

    def jam_pulang_pada(self, tanggal):
        if tanggal.weekday() == 4 and self.jam_pulang_jumat:
            return self.jam_pulang_jumat
        return self.jam_pulang


class Kehadiran(models.Model):
    """One official's attendance on one day: when they checked in and out, how it was proven."""

    desa = _desa_fk()
    perangkat = _perangkat_fk()
    tanggal = models.DateField(_("tanggal"))
    masuk = models.DateTimeField(_("jam masuk"))
    metode = models.CharField(_("bukti masuk"), max_length=10, choices=Metode.choices)
    jarak_meter = models.PositiveIntegerField(_("jarak dari kantor saat masuk (m)"), null=True, blank=True)
    terlambat_menit = models.PositiveSmallIntegerField(_("terlambat (menit)"), default=0)
    pulang = models.DateTimeField(_("jam pulang"), null=True, blank=True)
    metode_pulang = models.CharField(_("bukti pulang"), max_length=10, choices=Metode.choices, blank=True)
    jarak_pulang_meter = models.PositiveIntegerField(_("jarak dari kantor saat pulang (m)"), null=True, blank=True)
    pulang_cepat_menit = models.PositiveSmallIntegerField(_("pulang cepat (menit)"), default=0)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-tanggal", "perangkat_id"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "perangkat", "tanggal"],
                name="kehadiran_satu_per_hari",
                violation_error_message=_("Sudah ada catatan kehadiran untuk hari ini."),
            ),
            models.CheckConstraint(condition=Q(pulang__isnull=True) | Q(pulang__gt=F("masuk")), name="kehadiran_urut"),
            models.CheckConstraint(
                condition=Q(pulang__isnull=True, metode_pulang="") | Q(pulang__isnull=False) & ~Q(metode_pulang=""),
                name="kehadiran_pulang_dengan_bukti",
            ),
        ]
        indexes = [models.Index(fields=["desa", "tanggal"], name="kehadiran_desa_tanggal")]

    def __str__(self):
        return f"{self.perangkat_id} {self.tanggal}"

    @property
    def terlambat(self):
        return self.terlambat_menit > 0

    @property
    def pulang_cepat(self):
        return self.pulang_cepat_menit > 0


def lampiran_path(instance, filename):
    """A random name under the village's folder; the uploader's file name is never a path."""
    return path_for(instance.desa_id, "kehadiran", f"izin/{uuid.uuid4().hex}.{instance.lampiran_jenis or 'bin'}")


class Izin(models.Model):
    """A request to be away: izin, sakit, cuti or dinas luar, for whole days, with an attachment
    (a doctor's note, an assignment letter) kept privately. Decided by the kepala desa, or by the
    sekdes when the kepala desa asks (`services.boleh_memutus`)."""

    class Jenis(models.TextChoices):
        IZIN = "izin", _("Izin")
        SAKIT = "sakit", _("Sakit")
        CUTI = "cuti", _("Cuti")
        DINAS_LUAR = "dinas_luar", _("Dinas luar")

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu persetujuan")
        DISETUJUI = "disetujui", _("Disetujui")
        DITOLAK = "ditolak", _("Ditolak")

    class JenisLampiran(models.TextChoices):
        PDF = "pdf", "PDF"
        JPG = "jpg", "JPEG"
        PNG = "png", "PNG"

    desa = _desa_fk()
    perangkat = _perangkat_fk()
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    mulai = models.DateField(_("dari tanggal"))
    sampai = models.DateField(_("sampai tanggal"))
    alasan = models.TextField(_("alasan"), max_length=1000)
    lampiran = models.FileField(
        _("lampiran"), upload_to=lampiran_path, storage=private_storage, max_length=200, blank=True
    )
    lampiran_jenis = models.CharField(max_length=3, choices=JenisLampiran.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    catatan_putusan = models.CharField(_("alasan penolakan / catatan"), max_length=500, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diajukan oleh")
    )
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("diputus oleh"),
    )
    diputus_pada = models.DateTimeField(null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-dibuat", "-id"]
        verbose_name = _("izin")
        verbose_name_plural = _("izin")
        constraints = [
            models.CheckConstraint(
                condition=Q(sampai__gte=F("mulai")),
                name="kehadiran_izin_rentang",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(status="menunggu", diputus_oleh__isnull=True)
                | ~Q(status="menunggu") & Q(diputus_oleh__isnull=False, diputus_pada__isnull=False),
                name="kehadiran_izin_diputus",
            ),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(catatan_putusan=""), name="kehadiran_izin_alasan_tolak"
            ),
            models.CheckConstraint(
                condition=Q(lampiran="", lampiran_jenis="")
                | ~Q(lampiran="") & Q(lampiran_jenis__in=["pdf", "jpg", "png"]),
                name="kehadiran_izin_lampiran",
            ),
        ]
        indexes = [models.Index(fields=["desa", "status", "sampai"], name="kehadiran_izin_status")]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.mulai:%d/%m/%Y}–{self.sampai:%d/%m/%Y}"


class NonceQR(models.Model):
    """A screen code someone has used: a code works once per person (a second scan of the same
    screen is a replay), while everyone in the office may scan the same screen."""

    desa = _desa_fk()
    perangkat = _perangkat_fk()
    nonce = models.CharField(max_length=32)
    dipakai = models.DateTimeField()

    objects = ScopedManager(desa="desa")

    class Meta:
        verbose_name = _("kode QR terpakai")
        verbose_name_plural = _("kode QR terpakai")
        constraints = [models.UniqueConstraint(fields=["desa", "perangkat", "nonce"], name="kehadiran_nonce_sekali")]
        indexes = [models.Index(fields=["desa", "dipakai"], name="kehadiran_nonce_dipakai")]

    def __str__(self):
        return self.nonce
