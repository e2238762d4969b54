"""What a village publishes besides articles: agenda, pengumuman, photo albums and documents.

Every table carries its own non-null `desa` (children too) and a scoped manager; every unique
constraint includes `desa`. Rich text (agenda uraian, pengumuman isi) is stored already
sanitised by the services, so templates may print it as is."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from balai.core.storage import path_for, private_storage


class Agenda(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        TERBIT = "terbit", _("Terbit")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    judul = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, allow_unicode=False)
    mulai = models.DateTimeField(_("mulai"))
    selesai = models.DateTimeField(_("selesai"))
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True)
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    uraian = models.TextField(_("uraian"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-mulai"]
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "slug"],
                name="agenda_slug_unik_per_desa",
                violation_error_message=_("Alamat (slug) agenda ini sudah dipakai di desa ini."),
            ),
            models.CheckConstraint(
                condition=Q(selesai__gte=models.F("mulai")),
                name="agenda_selesai_setelah_mulai",
                violation_error_message=_("Waktu selesai tidak boleh sebelum waktu mulai."),
            ),
        ]
        indexes = [models.Index(fields=["desa", "status", "selesai"])]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("publikasi:agenda_detail", args=[self.slug])

    @property
    def terbit(self):
        return self.status == self.Status.TERBIT


class PengumumanQuerySet(models.QuerySet):
    def aktif(self, now=None):
        """Published, already showing and not yet expired: expiry is a query, not a job."""
        now = now or timezone.now()
        return self.filter(terbit=True, mulai_tayang__lte=now).filter(
            Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gt=now)
        )


class Pengumuman(models.Model):
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    judul = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    isi = models.TextField(_("isi"))
    mulai_tayang = models.DateTimeField(_("mulai tayang"), default=timezone.now)
    berlaku_sampai = models.DateTimeField(
        _("berlaku sampai"), null=True, blank=True, help_text=_("Kosongkan bila pengumuman tidak kedaluwarsa.")
    )
    disematkan = models.BooleanField(_("disematkan"), default=False, help_text=_("Tampil paling atas."))
    penting = models.BooleanField(_("penting"), default=False, help_text=_("Ditandai mencolok di situs."))
    terbit = models.BooleanField(_("terbit"), default=True, help_text=_("Hapus centang untuk menyimpan sebagai draf."))
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa", _manager_class=models.Manager.from_queryset(PengumumanQuerySet))

    class Meta:
        ordering = ["-disematkan", "-mulai_tayang", "-id"]
        verbose_name = _("pengumuman")
        verbose_name_plural = _("pengumuman")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "slug"],
                name="pengumuman_slug_unik_per_desa",
                violation_error_message=_("Alamat (slug) pengumuman ini sudah dipakai di desa ini."),
            ),
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gt=models.F("mulai_tayang")),
                name="pengumuman_berlaku_setelah_tayang",
                violation_error_message=_("'Berlaku sampai' harus sesudah 'mulai tayang'."),
            ),
        ]
        indexes = [models.Index(fields=["desa", "terbit", "mulai_tayang"])]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("publikasi:pengumuman_detail", args=[self.slug])

    def is_aktif(self, now=None):
        now = now or timezone.now()
        return self.terbit and self.mulai_tayang <= now and (self.berlaku_sampai is None or self.berlaku_sampai > now)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def penyimpanan_dokumen():
    """Documents live in the private storage and are only handed out by the download view,
    which checks that they are published (a storage URL would outlive unpublishing)."""
    return private_storage()


def dokumen_path(instance, filename):
    """A random name under the village's folder; the uploader's file name is never a path."""
    return path_for(instance.desa_id, "publikasi", f"{uuid.uuid4().hex}.{instance.jenis or 'bin'}")


class Dokumen(models.Model):
    class Kategori(models.TextChoices):
        APBDES = "apbdes", _("APBDes & keuangan")
        PERDES = "perdes", _("Peraturan desa")
        LAPORAN = "laporan", _("Laporan")
        FORMULIR = "formulir", _("Formulir")
        LAINNYA = "lainnya", _("Lainnya")

    class Jenis(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"
        ODT = "odt", "OpenDocument teks (ODT)"
        ODS = "ods", "OpenDocument lembar kerja (ODS)"

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    judul = models.CharField(_("judul"), max_length=200)
    kategori = models.CharField(_("kategori"), max_length=20, choices=Kategori.choices, default=Kategori.LAINNYA)
    berkas = models.FileField(_("berkas"), upload_to=dokumen_path, storage=penyimpanan_dokumen, max_length=200)
    ukuran = models.PositiveBigIntegerField(_("ukuran (byte)"), default=0)
    jenis = models.CharField(_("jenis"), max_length=5, choices=Jenis.choices)
    jumlah_unduh = models.PositiveIntegerField(_("jumlah unduhan"), default=0)
    terbit = models.BooleanField(_("terbit"), default=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["kategori", "-dibuat", "-id"]
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        constraints = [
            models.CheckConstraint(
                condition=Q(jenis__in=["pdf", "docx", "xlsx", "odt", "ods"]), name="dokumen_jenis_diizinkan"
            )
        ]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("publikasi:dokumen_unduh", args=[self.pk])

    @property
    def content_type(self):
        return CONTENT_TYPES[self.jenis]


class Album(models.Model):
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    judul = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    uraian = models.TextField(_("uraian"), blank=True, help_text=_("Teks biasa; HTML tidak diproses."))
    tanggal = models.DateField(_("tanggal kegiatan"), null=True, blank=True)
    sampul = models.ForeignKey(
        "media.Gambar", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sampul")
    )
    terbit = models.BooleanField(_("terbit"), default=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-dibuat", "-id"]
        verbose_name = _("album")
        verbose_name_plural = _("album")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "slug"],
                name="album_slug_unik_per_desa",
                violation_error_message=_("Alamat (slug) album ini sudah dipakai di desa ini."),
            )
        ]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("publikasi:album", args=[self.slug])


class Foto(models.Model):
    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="foto")
    gambar = models.ForeignKey("media.Gambar", on_delete=models.PROTECT, related_name="+")
    keterangan = models.CharField(_("keterangan"), max_length=300, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["urutan", "id"]
        verbose_name = _("foto")
        verbose_name_plural = _("foto")
        indexes = [models.Index(fields=["desa", "album", "urutan"])]

    def __str__(self):
        return self.keterangan or f"Foto {self.pk}"

    def get_absolute_url(self):
        return reverse("publikasi:foto", args=[self.album.slug, self.pk])
