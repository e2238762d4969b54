"""APBDes in the structure of Permendagri 20/2018.

A village's budget of one year has versions (`Apbdes`): the APBDes awal (versi 0) and each
perubahan (APBDes-P, versi 1, 2, ...), all kept; one of them is the current one (`aktif`), the
one staff work on. Residents see, per year, the newest published version.

A version holds lines (`Baris`): pendapatan (4.x), belanja (5.x, each in a kegiatan) and
pembiayaan (6.x), each with its account code, sumber dana and anggaran, and its realisation
(`Realisasi`) per semester, or per month where the village entered it so.

`Kegiatan` is the village's activity of a year (bidang, sub-bidang, kode "2.2.01"), one row
whatever the number of versions: other modules (pembangunan) link to it and the link survives
an APBDes-P. Its `pagu` is the anggaran of its lines in the current version.

Amounts are rupiah with two decimals (Siskeudes keeps sen), never negative."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from . import kode as k

RUPIAH = {"max_digits": 16, "decimal_places": 2}
NOL = Decimal("0")


class Apbdes(models.Model):
    class Sumber(models.TextChoices):
        FORMULIR = "formulir", _("Formulir")
        XLSX = "xlsx", _("Templat Excel")
        SISKEUDES = "siskeudes", _("Siskeudes")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun anggaran"))
    versi = models.PositiveSmallIntegerField(_("versi"), default=0, help_text=_("0 = APBDes awal, 1 = perubahan ke-1"))
    aktif = models.BooleanField(_("versi yang berlaku"), default=True)
    terbit = models.BooleanField(_("diterbitkan"), default=False)
    nomor_perdes = models.CharField(_("nomor Perdes"), max_length=100, blank=True)
    tanggal_perdes = models.DateField(_("tanggal Perdes"), null=True, blank=True)
    sumber = models.CharField(_("sumber data"), max_length=10, choices=Sumber.choices, default=Sumber.FORMULIR)
    diterbitkan = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-tahun", "-versi"]
        verbose_name = _("APBDes")
        verbose_name_plural = _("APBDes")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "tahun", "versi"],
                name="apbdes_versi_unik",
                violation_error_message=_("Versi APBDes ini sudah ada untuk tahun tersebut."),
            ),
            models.UniqueConstraint(
                fields=["desa", "tahun"],
                condition=Q(aktif=True),
                name="apbdes_satu_aktif_per_tahun",
                violation_error_message=_("Satu tahun hanya punya satu versi APBDes yang berlaku."),
            ),
            models.CheckConstraint(
                condition=Q(tahun__gte=2015, tahun__lte=2100),
                name="apbdes_tahun_wajar",
                violation_error_message=_("Tahun anggaran harus antara 2015 dan 2100."),
            ),
        ]
        indexes = [models.Index(fields=["desa", "terbit", "tahun"])]

    def __str__(self):
        return f"{self.nama_versi} {self.tahun}"

    @property
    def nama_versi(self):
        return "APBDes" if self.versi == 0 else f"APBDes Perubahan ke-{self.versi}"


class Kegiatan(models.Model):
    """A village activity of one budget year: stable across APBDes versions. Read by other
    modules (pembangunan links a project to it): desa, tahun, kode, nama, bidang, sub_bidang,
    sumber_dana, pagu."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun anggaran"))
    kode = models.CharField(_("kode kegiatan"), max_length=20, help_text=_("bidang.sub-bidang.kegiatan, mis. 2.3.01"))
    nama = models.CharField(_("nama kegiatan"), max_length=300)
    bidang = models.CharField(_("bidang"), max_length=2)
    sub_bidang = models.CharField(_("sub-bidang"), max_length=5)
    sumber_dana = models.CharField(_("sumber dana"), max_length=60, blank=True, help_text=_("mis. DDS atau DDS, ADD"))
    pagu = models.DecimalField(_("pagu (versi berlaku)"), **RUPIAH, default=NOL)
    lokasi = models.CharField(_("lokasi"), max_length=200, blank=True)
    keluaran = models.CharField(_("keluaran"), max_length=300, blank=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["tahun", "kode"]
        verbose_name = _("kegiatan APBDes")
        verbose_name_plural = _("kegiatan APBDes")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "tahun", "kode"],
                name="kegiatan_kode_unik_per_tahun",
                violation_error_message=_("Kode kegiatan ini sudah dipakai pada tahun tersebut."),
            ),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="kegiatan_pagu_tidak_negatif"),
            models.CheckConstraint(condition=Q(bidang__in=list(k.BIDANG)), name="kegiatan_bidang_1_5"),
        ]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    @property
    def nama_bidang(self):
        return k.BIDANG.get(self.bidang, "")

    @property
    def nama_sub_bidang(self):
        return k.SUB_BIDANG.get(self.sub_bidang, "")


class Baris(models.Model):
    """One line of a version: an account (kode 4.x/5.x/6.x), in a kegiatan when it is belanja."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    apbdes = models.ForeignKey(Apbdes, on_delete=models.CASCADE, related_name="baris")
    jenis = models.CharField(_("jenis"), max_length=1, choices=list(k.JENIS.items()))
    kode = models.CharField(_("kode rekening"), max_length=20)
    uraian = models.CharField(_("uraian"), max_length=300)
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, null=True, blank=True, related_name="baris")
    sumber_dana = models.CharField(_("sumber dana"), max_length=10, blank=True)
    anggaran = models.DecimalField(_("anggaran"), **RUPIAH)
    urutan = models.PositiveIntegerField(default=0)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["jenis", "kegiatan__kode", "kode", "urutan", "pk"]
        verbose_name = _("baris APBDes")
        verbose_name_plural = _("baris APBDes")
        constraints = [
            models.CheckConstraint(
                condition=Q(anggaran__gte=0),
                name="baris_anggaran_tidak_negatif",
                violation_error_message=_("Anggaran tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(jenis=k.BELANJA, kegiatan__isnull=False) | (~Q(jenis=k.BELANJA) & Q(kegiatan__isnull=True)),
                name="baris_belanja_dalam_kegiatan",
                violation_error_message=_(
                    "Baris belanja harus berada dalam satu kegiatan; pendapatan dan pembiayaan tidak."
                ),
            ),
            models.CheckConstraint(condition=Q(kode__startswith=F("jenis")), name="baris_kode_sesuai_jenis"),
        ]
        indexes = [models.Index(fields=["apbdes", "jenis"])]

    def __str__(self):
        return f"{self.kode} {self.uraian}"


class Realisasi(models.Model):
    """What was actually received or spent on a line: per semester, or per month (`bulan`) of
    that semester where the village records it monthly (Siskeudes does, by date)."""

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    baris = models.ForeignKey(Baris, on_delete=models.CASCADE, related_name="realisasi")
    semester = models.PositiveSmallIntegerField(_("semester"), choices=[(1, "Semester I"), (2, "Semester II")])
    bulan = models.PositiveSmallIntegerField(_("bulan"), null=True, blank=True)
    jumlah = models.DecimalField(_("realisasi"), **RUPIAH)
    dicatat = models.DateTimeField(auto_now=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(desa="desa")

    class Meta:
        verbose_name = _("realisasi APBDes")
        verbose_name_plural = _("realisasi APBDes")
        constraints = [
            models.CheckConstraint(
                condition=Q(jumlah__gte=0),
                name="realisasi_tidak_negatif",
                violation_error_message=_("Realisasi tidak boleh negatif."),
            ),
            models.CheckConstraint(
                condition=Q(bulan__isnull=True)
                | Q(semester=1, bulan__gte=1, bulan__lte=6)
                | Q(semester=2, bulan__gte=7, bulan__lte=12),
                name="realisasi_bulan_dalam_semester",
            ),
            models.UniqueConstraint(
                fields=["desa", "baris", "semester"], condition=Q(bulan__isnull=True), name="realisasi_semester_unik"
            ),
            models.UniqueConstraint(
                fields=["desa", "baris", "bulan"], condition=Q(bulan__isnull=False), name="realisasi_bulan_unik"
            ),
        ]

    def __str__(self):
        periode = f"bulan {self.bulan}" if self.bulan else f"semester {self.semester}"
        return f"{self.baris} · {periode}"


class ImporApbdes(models.Model):
    """An uploaded xlsx template or Siskeudes export, checked (dry run) and kept until the
    operator saves it or uploads another: the page of messages and the "Simpan" button read it."""

    class Jenis(models.TextChoices):
        XLSX = "xlsx", _("Templat Excel")
        SISKEUDES = "siskeudes", _("Ekspor Siskeudes")

    class Status(models.TextChoices):
        DIPERIKSA = "diperiksa", _("Diperiksa, belum disimpan")
        DITOLAK = "ditolak", _("Ditolak")
        DISIMPAN = "disimpan", _("Disimpan")

    desa = models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")
    tahun = models.PositiveSmallIntegerField(_("tahun anggaran"))
    jenis = models.CharField(_("jenis berkas"), max_length=10, choices=Jenis.choices)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255, blank=True)
    isi = models.BinaryField(_("isi berkas"), blank=True, default=b"")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DIPERIKSA)
    galat = models.JSONField(_("masalah"), default=list, blank=True)
    peringatan = models.JSONField(_("peringatan"), default=list, blank=True)
    ringkasan = models.JSONField(_("ringkasan"), default=dict, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-dibuat"]
        verbose_name = _("impor APBDes")
        verbose_name_plural = _("impor APBDes")

    def __str__(self):
        return f"{self.get_jenis_display()} {self.tahun}: {self.nama_berkas}"

    @property
    def bisa_disimpan(self):
        return self.status == self.Status.DIPERIKSA and not self.galat
