"""Letters (surat keterangan/pengantar) a village issues, the settings and templates they are
printed from, their numbering counters, attachments and message threads, and incoming mail.

Design
------
* The letter types are data in `katalog.py`; a letter stores its type's code. A village's own
  wording per type lives in `TemplatSurat`, its numbering and paper in `PengaturanSurat`.
* A number is allocated when the letter is signed, from a `PenghitungNomor` row locked with
  SELECT ... FOR UPDATE inside the signing transaction (services.ambil_nomor), and the database
  refuses two letters with one full number in a village (`surat_nomor_unik_per_desa`).
  A cancelled letter keeps its number (status batal); nothing frees a number.
* What a signed letter says is frozen at signing: the register values (`data`), the rendered
  body (`isi_final`) and the number. Services refuse any change after that; a correction is a
  new letter pointing at the old one (`menggantikan`), which is then marked diganti.
* The token in the QR code is random (secrets.token_urlsafe(24)); the verification page looks
  it up within the village of the host.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from balai.core.storage import path_for, private_storage

from .katalog import JENIS, PILIHAN_JENIS

FORMAT_NOMOR_BAKU = "{kode}/{nomor:03}/{kode_desa}/{bulan_romawi}/{tahun}"


def buat_token():
    return secrets.token_urlsafe(24)


def _desa_fk():
    return models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")


class PengaturanSurat(models.Model):
    """A village's letter settings: numbering, paper, letterhead."""

    class Penomoran(models.TextChoices):
        BERSAMA = "bersama", _("Satu urutan untuk semua jenis surat")
        PER_JENIS = "per_jenis", _("Urutan sendiri per jenis surat")

    class Kertas(models.TextChoices):
        A4 = "A4", _("A4 (210 × 297 mm)")
        F4 = "F4", _("F4/folio (215 × 330 mm)")

    desa = _desa_fk()
    format_nomor = models.CharField(
        _("format nomor"),
        max_length=120,
        default=FORMAT_NOMOR_BAKU,
        help_text=_(
            "Bagian yang tersedia: {kode} kode klasifikasi, {nomor} nomor urut ({nomor:03} = 3 angka), "
            "{kode_desa}, {bulan}, {bulan_romawi}, {tahun}."
        ),
    )
    penomoran = models.CharField(_("urutan nomor"), max_length=10, choices=Penomoran.choices, default=Penomoran.BERSAMA)
    kertas = models.CharField(_("ukuran kertas"), max_length=2, choices=Kertas.choices, default=Kertas.A4)
    kop_baris = models.TextField(
        _("kop surat"),
        blank=True,
        help_text=_("Satu baris per baris kop, mis. PEMERINTAH KABUPATEN …; kosongkan untuk kop bawaan."),
    )
    kop_alamat = models.CharField(
        _("alamat pada kop"), max_length=255, blank=True, help_text=_("Kosongkan untuk memakai alamat kantor desa.")
    )
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        verbose_name = _("pengaturan surat")
        verbose_name_plural = _("pengaturan surat")
        constraints = [models.UniqueConstraint(fields=["desa"], name="pengaturan_surat_satu_per_desa")]

    def __str__(self):
        return _("Pengaturan surat desa #%(id)s") % {"id": self.desa_id}


class TemplatSurat(models.Model):
    """A village's wording of one letter type. Placeholders: see templat.py."""

    desa = _desa_fk()
    jenis = models.CharField(_("jenis surat"), max_length=30, choices=PILIHAN_JENIS)
    isi = models.TextField(_("isi surat"))
    klasifikasi = models.CharField(_("kode klasifikasi"), max_length=20)
    untuk_warga = models.BooleanField(_("bisa diminta lewat Layanan Mandiri"), default=True)
    aktif = models.BooleanField(_("dipakai"), default=True)
    diperbarui = models.DateTimeField(auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["jenis"]
        verbose_name = _("templat surat")
        verbose_name_plural = _("templat surat")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "jenis"],
                name="templat_surat_unik_per_desa",
                violation_error_message=_("Desa ini sudah punya templat untuk jenis surat ini."),
            )
        ]

    def __str__(self):
        return _("Templat %(jenis)s #%(id)s") % {"jenis": self.spec.nama, "id": self.pk}

    @property
    def spec(self):
        return JENIS[self.jenis]


class PenghitungNomor(models.Model):
    """The last number given in one village, year and sequence (`kunci`: a letter type's code,
    or "*" for the shared sequence). Locked row by row while a number is taken."""

    desa = _desa_fk()
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    kunci = models.CharField(_("urutan"), max_length=30)
    terakhir = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    objects = ScopedManager(desa="desa")

    class Meta:
        verbose_name = _("penghitung nomor surat")
        verbose_name_plural = _("penghitung nomor surat")
        constraints = [
            models.UniqueConstraint(fields=["desa", "tahun", "kunci"], name="penghitung_nomor_unik_per_desa")
        ]

    def __str__(self):
        return f"{self.tahun} {self.kunci}: {self.terakhir}"


def nama_berkas_pdf(instance, filename):
    return path_for(instance.desa_id, "surat", f"pdf/{uuid.uuid4().hex}.pdf")


class Surat(models.Model):
    class Status(models.TextChoices):
        PERMOHONAN = "permohonan", _("Permohonan")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        MENUNGGU_CAMAT = "menunggu_camat", _("Menunggu camat")
        DITANDATANGANI = "ditandatangani", _("Siap diambil")
        SELESAI = "selesai", _("Selesai/diambil")
        DITOLAK = "ditolak", _("Ditolak")
        BATAL = "batal", _("Batal")
        DIGANTI = "diganti", _("Diganti")

    class Kanal(models.TextChoices):
        KANTOR = "kantor", _("Kantor desa")
        MANDIRI = "mandiri", _("Layanan Mandiri")

    class AtasNama(models.TextChoices):
        SENDIRI = "", _("Ditandatangani sendiri")
        AN = "a.n.", _("a.n. (atas nama)")
        UB = "u.b.", _("u.b. (untuk beliau)")

    desa = _desa_fk()
    jenis = models.CharField(_("jenis surat"), max_length=30, choices=PILIHAN_JENIS)
    klasifikasi = models.CharField(_("kode klasifikasi"), max_length=20)
    penduduk = models.ForeignKey(
        "penduduk.Penduduk", on_delete=models.PROTECT, related_name="+", verbose_name=_("untuk penduduk")
    )
    pemohon = models.ForeignKey(
        "penduduk.Penduduk", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    kanal = models.CharField(_("diajukan lewat"), max_length=10, choices=Kanal.choices, default=Kanal.KANTOR)
    isian = models.JSONField(_("isian"), default=dict, blank=True)
    # Register and village values as printed, frozen at signing (see module docstring).
    data = models.JSONField(default=dict, blank=True)
    isi_final = models.TextField(blank=True)
    telepon = models.CharField(_("nomor HP/WA pemohon"), max_length=20, blank=True)
    email = models.EmailField(_("email pemohon"), blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.PERMOHONAN)
    nomor = models.PositiveIntegerField(_("nomor urut"), null=True, blank=True)
    nomor_lengkap = models.CharField(_("nomor surat"), max_length=120, blank=True)
    tanggal_surat = models.DateField(_("tanggal surat"), null=True, blank=True)
    berlaku_sampai = models.DateField(_("berlaku sampai"), null=True, blank=True)
    penanda_tangan = models.ForeignKey(
        "website.Perangkat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penanda tangan"),
    )
    atas_nama = models.CharField(_("atas nama"), max_length=4, choices=AtasNama.choices, blank=True, default="")
    perlu_camat = models.BooleanField(_("perlu diketahui camat"), default=False)
    camat_nama = models.CharField(_("nama camat"), max_length=100, blank=True)
    camat_nip = models.CharField(_("NIP camat"), max_length=30, blank=True)
    camat_pada = models.DateTimeField(null=True, blank=True)
    camat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=40, default=buat_token, editable=False)
    berkas_pdf = models.FileField(upload_to=nama_berkas_pdf, storage=private_storage, blank=True, max_length=200)
    sha256 = models.CharField(_("SHA-256 PDF"), max_length=64, blank=True)
    menggantikan = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="pengganti", db_index=False
    )
    alasan_tolak = models.TextField(_("alasan ditolak"), blank=True)
    alasan_batal = models.TextField(_("alasan dibatalkan"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    diajukan = models.DateTimeField(_("diajukan"), auto_now_add=True)
    diverifikasi_pada = models.DateTimeField(null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditandatangani_pada = models.DateTimeField(null=True, blank=True)
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    selesai_pada = models.DateTimeField(null=True, blank=True)
    ditolak_pada = models.DateTimeField(null=True, blank=True)
    dibatalkan_pada = models.DateTimeField(null=True, blank=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    TERTANDA = (Status.MENUNGGU_CAMAT, Status.DITANDATANGANI, Status.SELESAI, Status.DIGANTI)
    TERBIT = (Status.DITANDATANGANI, Status.SELESAI)
    BERJALAN = (Status.PERMOHONAN, Status.DIVERIFIKASI, Status.MENUNGGU_CAMAT)

    class Meta:
        ordering = ["-diajukan", "-id"]
        verbose_name = _("surat")
        verbose_name_plural = _("surat")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "nomor_lengkap"],
                condition=~Q(nomor_lengkap=""),
                name="surat_nomor_unik_per_desa",
                violation_error_message=_("Nomor surat ini sudah dipakai surat lain di desa ini."),
            ),
            models.UniqueConstraint(fields=["desa", "token"], name="surat_token_unik_per_desa"),
            models.CheckConstraint(
                condition=~Q(status__in=["menunggu_camat", "ditandatangani", "selesai", "diganti"], nomor_lengkap=""),
                name="surat_tertanda_bernomor",
                violation_error_message=_("Surat yang sudah ditandatangani harus bernomor."),
            ),
        ]
        indexes = [
            models.Index(fields=["desa", "status", "diajukan"], name="surat_antrean"),
            models.Index(fields=["desa", "penduduk"], name="surat_penduduk"),
        ]

    def __str__(self):
        return self.nomor_lengkap or _("%(jenis)s (belum bernomor)") % {"jenis": self.spec.nama}

    @property
    def spec(self):
        return JENIS[self.jenis]

    @property
    def tertanda(self):
        return self.status in self.TERTANDA or (self.status == self.Status.BATAL and bool(self.nomor_lengkap))


def nama_berkas_lampiran(instance, filename):
    return path_for(instance.desa_id, "surat", f"lampiran/{uuid.uuid4().hex}.{instance.jenis_berkas}")


class LampiranSurat(models.Model):
    """An attachment a resident brought (scan of KTP, KK, ...): personal data, private storage."""

    desa = _desa_fk()
    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="lampiran")
    nama = models.CharField(_("lampiran"), max_length=100)
    berkas = models.FileField(upload_to=nama_berkas_lampiran, storage=private_storage, max_length=200)
    jenis_berkas = models.CharField(max_length=4)  # pdf, jpg, png: read from the content
    ukuran = models.PositiveIntegerField(default=0)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["id"]
        verbose_name = _("lampiran surat")
        verbose_name_plural = _("lampiran surat")

    def __str__(self):
        return self.nama

    @property
    def content_type(self):
        return {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}[self.jenis_berkas]


class PesanSurat(models.Model):
    """One message between the resident and the office about a letter."""

    desa = _desa_fk()
    surat = models.ForeignKey(Surat, on_delete=models.CASCADE, related_name="pesan")
    dari_warga = models.BooleanField(_("dari warga"), default=False)
    pengirim = models.CharField(_("pengirim"), max_length=100)
    teks = models.TextField(_("pesan"), max_length=2000)
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["waktu", "id"]
        verbose_name = _("pesan surat")
        verbose_name_plural = _("pesan surat")
        indexes = [models.Index(fields=["desa", "surat", "waktu"], name="pesan_surat_urut")]

    def __str__(self):
        return f"{self.pengirim}: {self.teks[:40]}"


def nama_berkas_masuk(instance, filename):
    return path_for(instance.desa_id, "surat", f"masuk/{uuid.uuid4().hex}.{instance.jenis_berkas}")


class SuratMasuk(models.Model):
    """Incoming mail in the village's Buku Agenda Surat Masuk: numbered per village per year on
    arrival (services.catat_surat_masuk), its scan kept privately, handed to an official
    (disposisi) and closed with what was done."""

    class Status(models.TextChoices):
        BARU = "baru", _("Baru")
        DIDISPOSISI = "didisposisi", _("Didisposisi")
        SELESAI = "selesai", _("Selesai")

    desa = _desa_fk()
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nomor_agenda = models.PositiveIntegerField(_("nomor agenda"))
    tanggal_terima = models.DateField(_("tanggal diterima"))
    nomor_surat = models.CharField(_("nomor surat"), max_length=120)
    tanggal_surat = models.DateField(_("tanggal surat"))
    pengirim = models.CharField(_("pengirim"), max_length=200)
    perihal = models.CharField(_("perihal"), max_length=300)
    berkas = models.FileField(
        _("pindaian surat"), upload_to=nama_berkas_masuk, storage=private_storage, blank=True, max_length=200
    )
    jenis_berkas = models.CharField(max_length=4, blank=True)  # pdf, jpg, png: read from the content
    disposisi_kepada = models.ForeignKey(
        "website.Perangkat", verbose_name=_("disposisi kepada"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    isi_disposisi = models.TextField(_("isi disposisi"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.BARU)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-tahun", "-nomor_agenda"]
        verbose_name = _("surat masuk")
        verbose_name_plural = _("surat masuk")
        constraints = [
            models.UniqueConstraint(
                fields=["desa", "tahun", "nomor_agenda"], name="surat_masuk_agenda_unik_per_desa",
                violation_error_message=_("Nomor agenda ini sudah dipakai surat masuk lain tahun ini."),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.nomor_agenda}/{self.tahun} {self.perihal}"

    @property
    def content_type(self):
        return {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}[self.jenis_berkas]
