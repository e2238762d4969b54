"""The fixed vocabularies of the PPID service, worded as Perki 1/2018 and UU 14/2008 word them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kategori(models.TextChoices):
    BERKALA = "berkala", _("Informasi berkala")
    SERTA_MERTA = "serta_merta", _("Informasi serta merta")
    SETIAP_SAAT = "setiap_saat", _("Informasi tersedia setiap saat")
    DIKECUALIKAN = "dikecualikan", _("Informasi dikecualikan")


KATEGORI_PENJELASAN = {
    Kategori.BERKALA: _("Diumumkan secara rutin, paling sedikit setiap enam bulan sekali."),
    Kategori.SERTA_MERTA: _("Diumumkan segera karena menyangkut hajat hidup orang banyak dan ketertiban umum."),
    Kategori.SETIAP_SAAT: _("Tersedia dan dapat diminta kapan saja di kantor desa."),
    Kategori.DIKECUALIKAN: _("Tidak dapat diberikan, dengan uji konsekuensi dan dasar hukumnya."),
}


class Bentuk(models.TextChoices):
    SOFTCOPY = "softcopy", _("Softcopy")
    HARDCOPY = "hardcopy", _("Hardcopy")
    KEDUANYA = "keduanya", _("Softcopy dan hardcopy")


class CaraMemperoleh(models.TextChoices):
    MELIHAT = "melihat", _("Melihat, membaca, mendengarkan atau mencatat")
    SOFTCOPY = "softcopy", _("Mendapatkan salinan softcopy")
    HARDCOPY = "hardcopy", _("Mendapatkan salinan hardcopy")


class CaraSalinan(models.TextChoices):
    AMBIL = "ambil", _("Mengambil langsung")
    EMAIL = "email", _("Email")
    POS = "pos", _("Pos/kurir")


class StatusPermohonan(models.TextChoices):
    DIPROSES = "diproses", _("Sedang diproses")
    DIPERPANJANG = "diperpanjang", _("Diproses, waktu diperpanjang")
    SELESAI = "selesai", _("Sudah dijawab")


class Jawaban(models.TextChoices):
    SELURUHNYA = "seluruhnya", _("Diberikan seluruhnya")
    SEBAGIAN = "sebagian", _("Diberikan sebagian")
    DITOLAK = "ditolak", _("Ditolak (informasi dikecualikan)")
    BELUM_DIKUASAI = "belum_dikuasai", _("Informasi belum dikuasai")
    TIDAK_DIDOKUMENTASIKAN = "tidak_didokumentasikan", _("Informasi belum didokumentasikan")


class AlasanKeberatan(models.TextChoices):
    """UU 14/2008 Pasal 35 ayat (1), as Perki 1/2018 repeats them for villages."""

    PENGECUALIAN = "pengecualian", _("Penolakan berdasarkan alasan pengecualian")
    BERKALA = "berkala", _("Tidak disediakannya informasi berkala")
    TIDAK_DITANGGAPI = "tidak_ditanggapi", _("Tidak ditanggapinya permintaan informasi")
    TIDAK_SESUAI = "tidak_sesuai", _("Permintaan ditanggapi tidak sebagaimana yang diminta")
    TIDAK_DIPENUHI = "tidak_dipenuhi", _("Tidak dipenuhinya permintaan informasi")
    BIAYA = "biaya", _("Pengenaan biaya yang tidak wajar")
    TERLAMBAT = "terlambat", _("Penyampaian informasi melebihi jangka waktu")


class StatusKeberatan(models.TextChoices):
    DIPROSES = "diproses", _("Sedang diproses atasan PPID")
    SELESAI = "selesai", _("Sudah ditanggapi")


class PutusanKeberatan(models.TextChoices):
    DITERIMA = "diterima", _("Keberatan diterima (informasi diberikan)")
    DITOLAK = "ditolak", _("Keberatan ditolak (menguatkan jawaban PPID)")
