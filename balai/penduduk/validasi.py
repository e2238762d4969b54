"""Checks on NIK and no. KK, shared by the forms, the services and the importer.

A NIK is PPKKCC DDMMYY NNNN: the region where it was issued (province, kabupaten, kecamatan),
the date of birth (day + 40 for women) and a serial number (as python-stdnum's `stdnum.id.nik`
reads it, which the tests compare with).
The region part is *not* compared with the village: a resident who moved in (datang) keeps the
NIK issued elsewhere. What is checked is that the number is well formed, its province exists,
and its date part agrees with the record's date of birth and sex.

Functions return an Indonesian message, or None when the value is fine, so the importer can
collect every problem of a file without exceptions in its inner loop.
"""

import datetime

from .kode import LAKI_LAKI, PEREMPUAN

# Province codes (Kemendagri) a NIK or KK number can start with: the 38 provinces of today, among
# them Kalimantan Utara (65) and the Papua provinces of 2022 (91-96), which also covers numbers
# issued under Papua's and Papua Barat's earlier codes (94 and 91).
KODE_PROVINSI = frozenset(
    "11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 "
    "71 72 73 74 75 76 81 82 91 92 93 94 95 96".split()
)


def _provinsi_dikenal(prefix):
    return prefix in KODE_PROVINSI


def _tanggal_nik(nik):
    """(day, month, yy, perempuan) from the NIK's date part, or None when it is no date."""
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    perempuan = day > 40
    if perempuan:
        day -= 40
    if 1 <= month <= 12 and 1 <= day <= 28:  # a day of every month (the common case, no date built)
        return day, month, yy, perempuan
    # 29 February must exist in some century of a two-digit year: try a leap reference year.
    try:
        datetime.date(2000 + yy if yy % 4 == 0 else 2000, month, day)
    except ValueError:
        return None
    return day, month, yy, perempuan


def galat_nik(nik, *, tanggal_lahir=None, jenis_kelamin=None):
    """What is wrong with `nik` for a resident born on `tanggal_lahir` with `jenis_kelamin`."""
    if not nik or len(nik) != 16 or not (nik.isascii() and nik.isdigit()):
        return f"NIK harus 16 angka (tertulis {len(nik or '')} karakter)."
    if not _provinsi_dikenal(nik[:2]):
        return f"NIK diawali kode provinsi {nik[:2]} yang tidak ada."
    if nik[2:4] == "00" or nik[4:6] == "00":
        return f"Kode wilayah NIK ({nik[:6]}) tidak lengkap: kode kabupaten/kota dan kecamatan tidak boleh 00."
    parts = _tanggal_nik(nik)
    if parts is None:
        return "Bagian tanggal lahir NIK (angka ke-7 s.d. 12) bukan tanggal yang sah."
    day, month, yy, perempuan = parts
    if tanggal_lahir is not None and (day, month, yy) != (
        tanggal_lahir.day,
        tanggal_lahir.month,
        tanggal_lahir.year % 100,
    ):
        return (
            f"Tanggal lahir pada NIK ({day:02d}-{month:02d}-{yy:02d}) tidak sama dengan tanggal lahir "
            f"{tanggal_lahir:%d-%m-%Y}."
        )
    if jenis_kelamin == LAKI_LAKI and perempuan:
        return "NIK ini milik perempuan (tanggal lahir pada NIK ditambah 40), tetapi jenis kelamin laki-laki."
    if jenis_kelamin == PEREMPUAN and not perempuan:
        return "NIK ini milik laki-laki (tanggal lahir pada NIK tidak ditambah 40), tetapi jenis kelamin perempuan."
    return None


def galat_no_kk(no_kk):
    if not no_kk or len(no_kk) != 16 or not (no_kk.isascii() and no_kk.isdigit()):
        return f"Nomor KK harus 16 angka (tertulis {len(no_kk or '')} karakter)."
    if not _provinsi_dikenal(no_kk[:2]):
        return f"Nomor KK diawali kode provinsi {no_kk[:2]} yang tidak ada."
    return None


def galat_nik_orang_tua(nik):
    """Parents' NIKs are often unknown; when given they must at least be 16 digits."""
    if nik and (len(nik) != 16 or not (nik.isascii() and nik.isdigit())):
        return f"NIK harus 16 angka (tertulis {len(nik)} karakter)."
    return None
