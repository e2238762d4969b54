"""Codes of the birth, death and move details, with OpenSID's numbers (kept in its code as
constants, not in reference tables: TEMPAT_DILAHIRKAN, JENIS_KELAHIRAN, PENOLONG_KELAHIRAN,
SEBAB, PENOLONG_MATI, and the ref_pindah table), so records move across unchanged."""

from django.db import models


class TempatDilahirkan(models.IntegerChoices):
    RS_RB = 1, "RS/RB"
    PUSKESMAS = 2, "Puskesmas"
    POLINDES = 3, "Polindes"
    RUMAH = 4, "Rumah"
    LAINNYA = 5, "Lainnya"


class JenisKelahiran(models.IntegerChoices):
    TUNGGAL = 1, "Tunggal"
    KEMBAR_2 = 2, "Kembar 2"
    KEMBAR_3 = 3, "Kembar 3"
    KEMBAR_4 = 4, "Kembar 4"


class PenolongKelahiran(models.IntegerChoices):
    DOKTER = 1, "Dokter"
    BIDAN_PERAWAT = 2, "Bidan/perawat"
    DUKUN = 3, "Dukun"
    LAINNYA = 4, "Lainnya"


class SebabKematian(models.IntegerChoices):
    SAKIT_TUA = 1, "Sakit biasa / tua"
    WABAH = 2, "Wabah penyakit"
    KECELAKAAN = 3, "Kecelakaan"
    KRIMINALITAS = 4, "Kriminalitas"
    BUNUH_DIRI = 5, "Bunuh diri"
    LAINNYA = 6, "Lainnya"


class PenolongMati(models.IntegerChoices):
    """Who states the death (OpenSID's "yang menerangkan")."""

    DOKTER = 1, "Dokter"
    TENAGA_KESEHATAN = 2, "Tenaga kesehatan"
    KEPOLISIAN = 3, "Kepolisian"
    LAINNYA = 4, "Lainnya"


class JenisPindah(models.IntegerChoices):
    """How far a resident moves (OpenSID's ref_pindah)."""

    DESA = 1, "Pindah keluar desa/kelurahan (dalam kecamatan)"
    KECAMATAN = 2, "Pindah keluar kecamatan (dalam kabupaten)"
    KABUPATEN = 3, "Pindah keluar kabupaten/kota"
    PROVINSI = 4, "Pindah keluar provinsi"


class AlasanPindah(models.IntegerChoices):
    """The reasons of the Dukcapil move form (F-1.03)."""

    PEKERJAAN = 1, "Pekerjaan"
    PENDIDIKAN = 2, "Pendidikan"
    KEAMANAN = 3, "Keamanan"
    KESEHATAN = 4, "Kesehatan"
    PERUMAHAN = 5, "Perumahan"
    KELUARGA = 6, "Keluarga"
    LAINNYA = 7, "Lainnya"
