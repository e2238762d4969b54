"""Attachments residents bring (scans and photos of KTP, KK, ...), checked by content.

Accepted: JPEG and PNG photos (decoded by Pillow: a file that is not really a picture is
refused) and PDFs without active content (the same check as public documents). Anything else,
executables included, is refused with the reason; so is a file over BALAI_MAX_LAMPIRAN_MB."""

from django.conf import settings
from django.core.exceptions import ValidationError

from balai.media.images import open_checked
from balai.publikasi.berkas import periksa_dokumen


def batas_byte():
    return getattr(settings, "BALAI_MAX_LAMPIRAN_MB", 5) * 1024 * 1024


def periksa_lampiran(file) -> str:
    """'pdf', 'jpg' or 'png', read from the file's content; ValidationError otherwise."""
    batas = batas_byte()
    if file.size > batas:
        raise ValidationError(
            f"Berkas terlalu besar ({file.size / 1024 / 1024:.1f} MB); batasnya {batas // 1024 // 1024} MB."
        )
    if file.size == 0:
        raise ValidationError("Berkas kosong.")
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        if not file.name.lower().endswith(".pdf"):
            file.name = "lampiran.pdf"  # the content decides; the name only has to agree for the check
        periksa_dokumen(file)
        return "pdf"
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF") or head.startswith(b"#!"):
        raise ValidationError("Program atau skrip tidak diterima sebagai lampiran; unggah foto (JPEG/PNG) atau PDF.")
    try:
        image = open_checked(file)
    except ValidationError:
        raise ValidationError("Lampiran harus foto (JPEG/PNG) atau PDF; isi berkas ini bukan keduanya.")
    file.seek(0)
    if image.format in ("JPEG", "MPO"):
        return "jpg"
    if image.format == "PNG":
        return "png"
    raise ValidationError(f"Format {image.format} tidak diterima; unggah foto JPEG/PNG atau PDF.")
