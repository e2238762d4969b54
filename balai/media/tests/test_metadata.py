"""Re-encoded pictures carry pixels only: a JPEG comment (HTML in it, or a camera's note), EXIF,
XMP, an ICC profile and PNG text chunks are all dropped."""

import io
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from balai.media import images

HTML = b"<script>alert(document.domain)</script>"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description Creator="Kamera HP"/></rdf:RDF></x:xmpmeta>'
# Markers a plain baseline or progressive JPEG needs; anything else (APPn other than JFIF, COM) is
# metadata.
JPEG_OK = {0xD8, 0xE0, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDD, 0xDA}


def jpeg_markers(data):
    """Segment markers of a JPEG up to the first scan, with APP0's identifier."""
    markers, i = [], 2
    while i < len(data):
        assert data[i] == 0xFF
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        markers.append((marker, data[i + 4 : i + 9]))
        if marker == 0xDA:
            break
        i += 2 + length
    return markers


def png_chunks(data):
    chunks, i = [], 8
    while i < len(data):
        length, kind = struct.unpack(">I4s", data[i : i + 8])
        chunks.append(kind)
        i += 12 + length
    return chunks


def webp_chunks(data):
    chunks, i = [], 12
    while i < len(data):
        kind, length = struct.unpack("<4sI", data[i : i + 8])
        chunks.append(kind)
        i += 8 + length + (length & 1)
    return chunks


def other_profile():
    """Some colour profile other than sRGB."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    exif[0x0110] = "Model <b>X</b>"
    exif[0x8825] = {1: "S", 2: (7.0, 23.0, 10.0)}  # GPSInfo
    return exif.tobytes()


def jpeg_full_of_metadata():
    buf = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(
        buf, "JPEG", comment=HTML, exif=exif_with_gps(), xmp=XMP, icc_profile=srgb
    )
    return buf.getvalue()


def assert_clean(rendition):
    for blob in (rendition.fallback, rendition.webp):
        for needle in (HTML, b"script", b"KameraHP", b"xmpmeta", b"Exif", b"ICC_PROFILE", b"Kamera HP"):
            assert needle not in blob, needle
    if rendition.fallback_ext == "jpg":
        markers = jpeg_markers(rendition.fallback)
        assert {m for m, _ in markers} <= JPEG_OK, [hex(m) for m, _ in markers]
        assert all(ident.startswith(b"JFIF") for m, ident in markers if m == 0xE0)
    else:
        assert set(png_chunks(rendition.fallback)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    assert set(webp_chunks(rendition.webp)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def test_the_upload_really_carries_all_that_metadata():
    data = jpeg_full_of_metadata()
    assert HTML in data and b"KameraHP" in data and b"xmpmeta" in data and b"ICC_PROFILE" in data
    markers = {m for m, _ in jpeg_markers(data)}
    assert 0xFE in markers  # COM


def test_jpeg_comment_exif_xmp_and_icc_are_dropped():
    full, thumb = images.renditions(SimpleUploadedFile("foto.jpg", jpeg_full_of_metadata()))
    assert_clean(full)
    assert_clean(thumb)


def test_camera_comment_on_a_phone_photo_is_dropped():
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), "blue").save(buf, "JPEG", comment=b"OPPO A57 HDR <img src=x onerror=alert(1)>")
    full, _thumb = images.renditions(SimpleUploadedFile("IMG_1.jpg", buf.getvalue()))
    assert b"OPPO" not in full.fallback and b"onerror" not in full.fallback
    assert 0xFE not in {m for m, _ in jpeg_markers(full.fallback)}


@pytest.mark.parametrize("mode", ["RGBA", "RGB"])
def test_png_text_chunks_and_profile_are_dropped(mode):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", HTML.decode())
    info.add_itxt("Description", "KameraHP <iframe>", zip=True)
    info.add_text("Software", "KameraHP", zip=True)
    buf = io.BytesIO()
    Image.new(mode, (100, 80), (10, 200, 10, 128)[: len(mode)]).save(buf, "PNG", pnginfo=info, exif=exif_with_gps())
    assert b"tEXt" in buf.getvalue() and b"zTXt" in buf.getvalue()
    full, _thumb = images.renditions(SimpleUploadedFile("logo.png", buf.getvalue()))
    assert full.fallback_ext == ("png" if mode == "RGBA" else "jpg")
    assert_clean(full)


def test_webp_upload_with_exif_and_xmp_is_cleaned():
    buf = io.BytesIO()
    Image.new("RGB", (120, 90), "yellow").save(buf, "WEBP", exif=exif_with_gps(), xmp=XMP, icc_profile=other_profile())
    full, _thumb = images.renditions(SimpleUploadedFile("a.webp", buf.getvalue()))
    assert_clean(full)


def test_a_picture_with_a_colour_profile_keeps_its_colours():
    """The profile is applied to the pixels (converted to sRGB) before it is dropped."""
    buf = io.BytesIO()
    red = Image.new("RGB", (64, 64), (255, 0, 0))
    red.save(buf, "PNG", icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    full, _thumb = images.renditions(SimpleUploadedFile("merah.png", buf.getvalue()))
    r, g, b = Image.open(io.BytesIO(full.fallback)).convert("RGB").getpixel((32, 32))
    assert r > 230 and g < 30 and b < 30


def test_pictures_stored_before_are_cleaned_by_the_command(desa_a, operator_a):
    """Renditions written before the comment was dropped are rewritten in place, same names."""
    from io import StringIO

    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django_scopes import scope

    from balai.media.services import simpan_gambar

    with scope(desa=desa_a):
        gambar = simpan_gambar(desa=desa_a, actor=operator_a, file=SimpleUploadedFile("a.jpg", jpeg_full_of_metadata()))
    names = [f.name for f in gambar.files]
    # What an older version stored: the comment kept in the JPEG fallback.
    old = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(old, "JPEG", comment=HTML)
    storage = gambar.berkas.storage
    storage.delete(gambar.berkas.name)
    storage.save(gambar.berkas.name, ContentFile(old.getvalue()))
    out = StringIO()
    call_command("bersihkan_metadata_gambar", stdout=out)
    assert "1 gambar diperiksa, 1 berkas ditulis ulang" in out.getvalue()
    with storage.open(gambar.berkas.name, "rb") as f:
        data = f.read()
    assert HTML not in data and 0xFE not in {m for m, _ in jpeg_markers(data)}
    gambar.refresh_from_db()
    assert [f.name for f in gambar.files] == names
    call_command("bersihkan_metadata_gambar", stdout=out)  # nothing left to do
    assert "0 berkas ditulis ulang" in out.getvalue()
