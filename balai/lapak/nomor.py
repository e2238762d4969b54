"""Indonesian phone numbers as sellers type them, made into the one form wa.me and tel: links
need: country code 62 and the subscriber number, digits only ("6281234567890").

Accepted: 0812-3456-7890, 0812 3456 7890, +62 812-3456-7890, 62812..., (0281) 891234 for a
landline (WhatsApp Business runs on landlines too). Refused, with the reason: letters, too few
or too many digits, another country's code, a number that does not start with 0, 62 or +62."""

import re

from django.core.exceptions import ValidationError

# After 62: an area code or a mobile prefix (never 0), 8 to 12 more digits in all. Mobile
# numbers are 62 8xx + 7..9 digits, landlines 62 2x..9x + 6..8 digits.
POLA = r"^62[1-9][0-9]{7,11}$"
_POLA = re.compile(POLA)
_PEMISAH = re.compile(r"[\s\-.()/]")


def normalkan_nomor(teks: str) -> str:
    """`teks` as 62…, or a ValidationError saying in Indonesian what is wrong with it."""
    asli = str(teks or "").strip()
    nomor = _PEMISAH.sub("", asli)
    if not nomor:
        raise ValidationError("Isi nomor WhatsApp atau telepon.", code="kosong")
    if nomor.startswith("+"):
        if not nomor.startswith("+62"):
            raise ValidationError("Hanya nomor Indonesia (+62) yang diterima.", code="negara")
        nomor = nomor[1:]
    if not nomor.isdigit():
        raise ValidationError(
            "Nomor hanya boleh berisi angka (boleh diberi spasi, tanda hubung atau +62 di depan).", code="huruf"
        )
    if nomor.startswith("0"):
        nomor = "62" + nomor[1:]
    elif not nomor.startswith("62"):
        raise ValidationError("Nomor harus diawali 08…, 0 kode area, +62 atau 62.", code="awalan")
    if not _POLA.match(nomor):
        digit = len(nomor) - 2
        if digit < 8 or nomor[2] == "0":
            raise ValidationError(f"Nomor “{asli}” terlalu pendek atau salah ketik.", code="pendek")
        raise ValidationError(f"Nomor “{asli}” terlalu panjang; periksa lagi angkanya.", code="panjang")
    return nomor


def tampilkan_nomor(nomor: str) -> str:
    """A stored 62… number written the way people read it: 0812-3456-7890."""
    if not nomor:
        return ""
    lokal = "0" + nomor[2:]
    return "-".join(lokal[i : i + 4] for i in range(0, len(lokal), 4))
