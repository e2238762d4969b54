"""The village's public information service (Peraturan Komisi Informasi No. 1 Tahun 2018,
Standar Layanan Informasi Publik Desa): the Daftar Informasi Publik, requests for information
and objections to the answers.

Every table carries its own non-null `desa` and a scoped manager; every unique constraint
includes `desa`. Deadlines are stored (computed once by the services through
`balai.core.kalender`), so lists can filter and sort on them."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from balai.core.storage import path_for, private_storage

from .choices import (
    AlasanKeberatan,
    Bentuk,
    CaraMemperoleh,
    CaraSalinan,
    Jawaban,
    Kategori,
    PutusanKeberatan,
    StatusKeberatan,
    StatusPermohonan,
)
from .wajib import WAJIB_CHOICES


def _desa_fk():
    return models.ForeignKey("wilayah.Desa", on_delete=models.PROTECT, related_name="+")


def _berkas_path(instance, filename):
    """A random name under the village's folder; the uploader's file name is never a path."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return path_for(instance.desa_id, "ppid", f"{uuid.uuid4().hex}.{ext}")


def _penyimpanan():
    # Documents and ID scans are only ever handed out by views that check what may be seen.
    return private_storage()


def _token():
    return secrets.token_urlsafe(18)


def _isi(field):
    return ~Q(**{field: ""})


class InformasiPublik(models.Model):
    """One entry of the Daftar Informasi Publik (DIP). Excluded information is listed too (the
    register of excluded information is public), with its consequence test and legal basis,
    but never with a file or a link."""

    desa = _desa_fk()
    kategori = models.CharField(_("kategori"), max_length=20, choices=Kategori.choices)
    judul = models.CharField(_("judul informasi"), max_length=200)
    ringkasan = models.TextField(_("ringkasan isi"), blank=True)
    penguasa = models.CharField(
        _("pejabat/unit penguasa informasi"), max_length=150, help_text=_("Mis. Sekretaris Desa, Kaur Keuangan.")
    )
    penanggung_jawab = models.CharField(_("penanggung jawab pembuatan/penerbitan"), max_length=150)
    tanggal = models.DateField(_("waktu pembuatan"), default=timezone.localdate)
    tempat = models.CharField(_("tempat pembuatan"), max_length=150, blank=True)
    bentuk = models.CharField(_("bentuk informasi"), max_length=10, choices=Bentuk.choices, default=Bentuk.KEDUANYA)
    jangka_simpan = models.CharField(
        _("jangka waktu penyimpanan"), max_length=100, default="5 tahun", help_text=_("Mis. 5 tahun, permanen.")
    )
    wajib = models.CharField(
        _("memenuhi daftar wajib"),
        max_length=30,
        choices=WAJIB_CHOICES,
        blank=True,
        help_text=_("Informasi berkala yang wajib diumumkan desa, bila entri ini memenuhinya."),
    )
    berkas = models.FileField(_("berkas"), upload_to=_berkas_path, storage=_penyimpanan, max_length=200, blank=True)
    jenis_berkas = models.CharField(_("jenis berkas"), max_length=5, blank=True)
    ukuran = models.PositiveBigIntegerField(_("ukuran (byte)"), default=0)
    tautan = models.CharField(
        _("tautan"),
        max_length=500,
        blank=True,
        help_text=_("Alamat halaman yang memuat informasi ini: /halaman/profil/ atau https://…"),
    )
    uji_konsekuensi = models.TextField(_("uji konsekuensi"), blank=True)
    dasar_hukum = models.CharField(
        _("dasar hukum pengecualian"), max_length=300, blank=True, help_text=_("Mis. UU 14/2008 Pasal 17 huruf h.")
    )
    terbit = models.BooleanField(_("tampil di situs"), default=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["kategori", "-tanggal", "-id"]
        verbose_name = _("informasi publik")
        verbose_name_plural = _("daftar informasi publik")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kategori=Kategori.DIKECUALIKAN) | (_isi("uji_konsekuensi") & _isi("dasar_hukum")),
                name="dip_dikecualikan_beralasan",
                violation_error_message=_("Informasi dikecualikan wajib memuat uji konsekuensi dan dasar hukumnya."),
            ),
            models.CheckConstraint(
                condition=~Q(kategori=Kategori.DIKECUALIKAN) | (Q(berkas="") & Q(tautan="")),
                name="dip_dikecualikan_tanpa_berkas",
                violation_error_message=_("Informasi dikecualikan tidak boleh diberi berkas atau tautan publik."),
            ),
            models.CheckConstraint(condition=Q(kategori__in=Kategori.values), name="dip_kategori_sah"),
        ]
        indexes = [models.Index(fields=["desa", "terbit", "kategori"]), models.Index(fields=["desa", "wajib"])]

    def __str__(self):
        return self.judul

    def get_absolute_url(self):
        return reverse("ppid:informasi_detail", args=[self.pk])

    @property
    def dikecualikan(self):
        return self.kategori == Kategori.DIKECUALIKAN


class Permohonan(models.Model):
    """A request for information. The requester's details are personal data: shown only in the
    back office, never on the public status page (which the random `token` opens)."""

    desa = _desa_fk()
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    urut = models.PositiveIntegerField(_("nomor urut"))
    nomor = models.CharField(_("nomor registrasi"), max_length=40)
    token = models.CharField(max_length=40, default=_token, editable=False)
    # the requester
    nama = models.CharField(_("nama"), max_length=150)
    nomor_identitas = models.CharField(_("nomor identitas (KTP/SIM/paspor)"), max_length=30)
    alamat = models.CharField(_("alamat"), max_length=300)
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    pekerjaan = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    berkas_identitas = models.FileField(
        _("pindaian identitas"), upload_to=_berkas_path, storage=_penyimpanan, max_length=200, blank=True
    )
    # what is asked and how
    rincian = models.TextField(_("rincian informasi yang dibutuhkan"))
    tujuan = models.TextField(_("tujuan penggunaan informasi"))
    cara_memperoleh = models.CharField(
        _("cara memperoleh informasi"), max_length=20, choices=CaraMemperoleh.choices, default=CaraMemperoleh.MELIHAT
    )
    cara_salinan = models.CharField(
        _("cara mendapatkan salinan"), max_length=10, choices=CaraSalinan.choices, blank=True
    )
    daring = models.BooleanField(_("diajukan lewat situs"), default=True)
    # deadlines, in working days (balai.core.kalender)
    diterima = models.DateField(_("tanggal diterima"), default=timezone.localdate)
    tenggat = models.DateField(_("tenggat jawaban"))
    diperpanjang = models.DateField(_("tanggal perpanjangan"), null=True, blank=True)
    alasan_perpanjangan = models.TextField(_("alasan perpanjangan"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StatusPermohonan.choices, default=StatusPermohonan.DIPROSES
    )
    # the answer (Surat Pemberitahuan Tertulis)
    jawaban = models.CharField(_("jawaban"), max_length=25, choices=Jawaban.choices, blank=True)
    jawaban_tanggal = models.DateField(_("tanggal jawaban"), null=True, blank=True)
    uraian_jawaban = models.TextField(_("uraian jawaban"), blank=True)
    dasar_pengecualian = models.CharField(_("dasar hukum pengecualian"), max_length=300, blank=True)
    uji_konsekuensi = models.TextField(_("uji konsekuensi"), blank=True)
    penguasa_lain = models.CharField(_("badan publik yang menguasai"), max_length=200, blank=True)
    biaya = models.PositiveIntegerField(_("biaya (Rp)"), default=0)
    dijawab_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-diterima", "-urut"]
        verbose_name = _("permohonan informasi")
        verbose_name_plural = _("permohonan informasi")
        constraints = [
            models.UniqueConstraint(fields=["desa", "nomor"], name="ppid_permohonan_nomor_unik"),
            models.UniqueConstraint(fields=["desa", "tahun", "urut"], name="ppid_permohonan_urut_unik"),
            models.UniqueConstraint(fields=["desa", "token"], name="ppid_permohonan_token_unik"),
            models.CheckConstraint(condition=Q(tenggat__gt=models.F("diterima")), name="ppid_tenggat_setelah_terima"),
            models.CheckConstraint(
                condition=Q(diperpanjang__isnull=True) | _isi("alasan_perpanjangan"),
                name="ppid_perpanjangan_beralasan",
                violation_error_message=_("Perpanjangan wajib disertai alasan tertulis."),
            ),
            models.CheckConstraint(
                condition=(Q(status=StatusPermohonan.SELESAI) & _isi("jawaban") & Q(jawaban_tanggal__isnull=False))
                | (~Q(status=StatusPermohonan.SELESAI) & Q(jawaban="")),
                name="ppid_selesai_berjawaban",
            ),
            models.CheckConstraint(
                condition=~Q(jawaban__in=[Jawaban.DITOLAK, Jawaban.SEBAGIAN])
                | (_isi("dasar_pengecualian") & _isi("uji_konsekuensi")),
                name="ppid_penolakan_beralasan",
                violation_error_message=_("Penolakan wajib menyebut dasar pengecualian dan uji konsekuensinya."),
            ),
        ]
        indexes = [models.Index(fields=["desa", "status", "tenggat"])]

    def __str__(self):
        return self.nomor

    def get_absolute_url(self):
        return reverse("ppid:status", args=[self.token])

    @property
    def terbuka(self):
        return self.status != StatusPermohonan.SELESAI


class Keberatan(models.Model):
    """An objection to the answer of a request (or to its absence), decided by the atasan PPID
    (the kepala desa) within 30 working days. One per request."""

    desa = _desa_fk()
    permohonan = models.ForeignKey(Permohonan, on_delete=models.PROTECT, related_name="keberatan")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    urut = models.PositiveIntegerField(_("nomor urut"))
    nomor = models.CharField(_("nomor registrasi keberatan"), max_length=40)
    alasan = models.CharField(_("alasan keberatan"), max_length=20, choices=AlasanKeberatan.choices)
    uraian = models.TextField(_("kasus posisi"), blank=True)
    diterima = models.DateField(_("tanggal diterima"), default=timezone.localdate)
    tenggat = models.DateField(_("tenggat tanggapan atasan PPID"))
    status = models.CharField(
        _("status"), max_length=12, choices=StatusKeberatan.choices, default=StatusKeberatan.DIPROSES
    )
    putusan = models.CharField(_("putusan"), max_length=12, choices=PutusanKeberatan.choices, blank=True)
    tanggapan = models.TextField(_("tanggapan atasan PPID"), blank=True)
    tanggapan_tanggal = models.DateField(_("tanggal tanggapan"), null=True, blank=True)
    ditanggapi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(desa="desa")

    class Meta:
        ordering = ["-diterima", "-urut"]
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        constraints = [
            models.UniqueConstraint(fields=["desa", "nomor"], name="ppid_keberatan_nomor_unik"),
            models.UniqueConstraint(fields=["desa", "tahun", "urut"], name="ppid_keberatan_urut_unik"),
            models.UniqueConstraint(fields=["desa", "permohonan"], name="ppid_keberatan_satu_per_permohonan"),
            models.CheckConstraint(condition=Q(tenggat__gt=models.F("diterima")), name="ppid_keberatan_tenggat"),
            models.CheckConstraint(
                condition=(
                    Q(status=StatusKeberatan.SELESAI)
                    & _isi("putusan")
                    & _isi("tanggapan")
                    & Q(tanggapan_tanggal__isnull=False)
                )
                | (~Q(status=StatusKeberatan.SELESAI) & Q(putusan="")),
                name="ppid_keberatan_selesai_berputusan",
            ),
        ]
        indexes = [models.Index(fields=["desa", "status", "tenggat"])]

    def __str__(self):
        return self.nomor

    @property
    def terbuka(self):
        return self.status != StatusKeberatan.SELESAI
