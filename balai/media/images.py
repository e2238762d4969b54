"""Decode, check and re-encode an uploaded picture with Pillow. No Django models here."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# MPO is JPEG with a multi-picture extension, as many phone cameras write it.
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
FULL_SIZE = 1600
THUMB_SIZE = 400
# Pillow raises DecompressionBombError above twice this; a 40-megapixel photo is plenty.
Image.MAX_IMAGE_PIXELS = 40_000_000


@dataclass
class Rendition:
    fallback: bytes
    fallback_ext: str  # "jpg" or "png"
    webp: bytes
    width: int
    height: int


def max_bytes():
    return getattr(settings, "BALAI_MAX_IMAGE_MB", 8) * 1024 * 1024


def open_checked(file) -> Image.Image:
    """The decoded picture, or a ValidationError saying in Indonesian why it was refused."""
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes():
        raise ValidationError(
            f"Berkas terlalu besar ({size / 1024 / 1024:.1f} MB); batasnya {max_bytes() // 1024 // 1024} MB.",
            code="terlalu_besar",
        )
    file.seek(0)
    head = file.read(512)
    file.seek(0)
    if b"<svg" in head.lower() or b"<?xml" in head.lower():
        raise ValidationError("Gambar SVG tidak diterima; unggah JPEG, PNG, WebP atau GIF.", code="svg")
    bom = ValidationError(
        f"Ukuran piksel gambar terlalu besar; batasnya {Image.MAX_IMAGE_PIXELS // 1_000_000} megapiksel.", code="bom"
    )
    try:
        image = Image.open(file)
        # Pillow only warns between the limit and twice the limit: refuse before decoding.
        if image.width * image.height > Image.MAX_IMAGE_PIXELS:
            raise bom
        image.verify()  # checks the whole structure; the image must be reopened afterwards
        file.seek(0)
        image = Image.open(file)
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bom
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "Isi berkas bukan gambar yang dapat dibaca (JPEG, PNG, WebP atau GIF), apa pun nama berkasnya.",
            code="bukan_gambar",
        )
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError(f"Format {image.format} tidak diterima; unggah JPEG, PNG, WebP atau GIF.", code="format")
    return image


def _pixels_only(picture: Image.Image) -> Image.Image:
    """The same pixels in a new image with no metadata at all. Pillow writes some of what it read
    back out by itself (a JPEG comment, XMP, the ICC profile), so encoders only ever see this."""
    return Image.frombytes(picture.mode, picture.size, picture.tobytes())


def _to_srgb(image: Image.Image) -> Image.Image:
    """Pixels of a picture with an embedded colour profile (Adobe RGB, Display P3 from phones)
    converted to sRGB, so the profile can be dropped without the colours shifting. A profile
    that cannot be read is ignored (the pixels are then taken as sRGB, as browsers would)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image


def _encode(image: Image.Image, box: int) -> Rendition:
    picture = image.copy()
    picture.thumbnail((box, box), Image.Resampling.LANCZOS)
    has_alpha = picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info)
    picture = _pixels_only(_to_srgb(picture.convert("RGBA" if has_alpha else "RGB")))
    fallback, webp = io.BytesIO(), io.BytesIO()
    # Only pixels are written: no comment (JPEG COM), EXIF (GPS, camera), XMP, ICC profile or PNG
    # text chunks survive, whatever the upload carried.
    if has_alpha:
        picture.save(fallback, "PNG", optimize=True)
    else:
        picture.save(fallback, "JPEG", quality=85, optimize=True, progressive=True)
    picture.save(webp, "WEBP", quality=80, method=4)
    return Rendition(fallback.getvalue(), "png" if has_alpha else "jpg", webp.getvalue(), *picture.size)


def renditions(file) -> tuple[Rendition, Rendition]:
    """(full size, thumbnail) renditions of an uploaded picture, upright and without metadata."""
    image = open_checked(file)
    image.seek(0)  # first frame of an animated GIF
    image = ImageOps.exif_transpose(image)
    return _encode(image, FULL_SIZE), _encode(image, THUMB_SIZE)


# What Pillow reports about a stored rendition that is not metadata (how it is encoded).
INFO_BUKAN_METADATA = frozenset(
    {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive", "progression", "adobe",
     "adobe_transform", "loop", "duration", "background", "transparency", "gamma", "interlace", "aspect",
     "lossless", "srgb"}
)  # fmt: skip


def tanpa_metadata(data: bytes) -> bytes | None:
    """`data` (a stored rendition) written again with pixels only, or None when it carries no
    metadata already (renditions stored before comments and profiles were dropped)."""
    image = Image.open(io.BytesIO(data))
    if not set(image.info) - INFO_BUKAN_METADATA:
        return None
    fmt = image.format
    image.load()
    picture = _pixels_only(_to_srgb(image.convert("RGBA" if "A" in image.getbands() else "RGB")))
    out = io.BytesIO()
    if fmt == "JPEG":
        picture.convert("RGB").save(out, "JPEG", quality=90, optimize=True, progressive=True)
    elif fmt == "WEBP":
        picture.save(out, "WEBP", quality=85, method=4)
    else:
        picture.save(out, "PNG", optimize=True)
    return out.getvalue()
