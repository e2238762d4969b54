"""Codes of a village development project. Sumber dana uses the codes of Siskeudes (the
budget application every village keeps), so a project and its APBDes kegiatan speak the same
language."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SumberDana(models.TextChoices):
    DDS = "DDS", _("Dana Desa")
    ADD = "ADD", _("Alokasi Dana Desa (ADD)")
    PAD = "PAD", _("Pendapatan Asli Desa (PADes)")
    PBH = "PBH", _("Bagi hasil pajak dan retribusi daerah")
    PBP = "PBP", _("Bantuan Keuangan Provinsi")
    PBK = "PBK", _("Bantuan Keuangan Kabupaten")
    SWD = "SWD", _("Swadaya masyarakat")
    DLL = "DLL", _("Lain-lain yang sah")


class Status(models.TextChoices):
    RENCANA = "rencana", _("Rencana")
    BERJALAN = "berjalan", _("Sedang dikerjakan")
    SELESAI = "selesai", _("Selesai")
    TERTUNDA = "tertunda", _("Tertunda")
    BATAL = "batal", _("Batal")


# Usual units of village works, offered as suggestions (the field itself is free text).
SATUAN = ["m", "m²", "m³", "unit", "titik", "paket", "buah", "ruang"]
