"""Uploaded files of the PPID service, checked by their content.

- DIP documents: as the village's download documents (`balai.publikasi.berkas.periksa_dokumen`:
  PDF without active content, DOCX, XLSX, ODT, ODS).
- The requester's ID scan: a photo (re-encoded as JPEG, so nothing but pixels is kept: no
  EXIF location, no hidden payload) or a PDF checked like a document; at most
  BALAI_PPID_MAKS_IDENTITAS_MB. Anything else (programs, scripts, HTML) is refused."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps

from balai.media.images import open_checked
from balai.publikasi.berkas import periksa_dokumen

SISI_MAKS = 2000  # pixels: plenty to read an ID card


def batas_identitas():
    return getattr(settings, "BALAI_PPID_MAKS_IDENTITAS_MB", 5) * 1024 * 1024


def periksa_identitas(file) -> tuple[bytes, str]:
    """(content to store, extension) of an uploaded ID scan, or a ValidationError saying why not."""
    batas = batas_identitas()
    if file.size > batas:
        raise ValidationError(
            f"Berkas identitas terlalu besar ({file.size / 1024 / 1024:.1f} MB); batasnya {batas // 1024 // 1024} MB."
        )
    if file.size == 0:
        raise ValidationError("Berkas identitas kosong.")
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head == b"%PDF-":
        if periksa_dokumen(file) != "pdf":
            raise ValidationError("Berkas identitas harus berupa foto (JPG/PNG) atau PDF.")
        file.seek(0)
        return file.read(), "pdf"
    try:
        image = open_checked(file)
    except ValidationError:
        raise ValidationError(
            "Berkas identitas harus berupa foto (JPG, PNG, WebP) atau PDF; isi berkas ini bukan keduanya."
        ) from None
    image.seek(0)
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((SISI_MAKS, SISI_MAKS), Image.Resampling.LANCZOS)
    # Pixels only: a fresh image carries none of the upload's metadata.
    bersih = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    bersih.save(out, "JPEG", quality=85)
    return out.getvalue(), "jpg"


def periksa_berkas_dip(file) -> str:
    """The document type of a DIP attachment ("pdf", "docx", ...), read from its content."""
    return periksa_dokumen(file)
