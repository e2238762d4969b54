import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from PIL import Image

from balai.core.models import AuditEntry
from balai.media.models import Gambar
from balai.media.services import hapus_gambar, simpan_gambar


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo(fmt="JPEG", size=(2400, 1200), mode="RGB", exif=None, name=None):
    buf = io.BytesIO()
    color = {"RGBA": (200, 120, 40, 128), "L": 128}.get(mode, (200, 120, 40))
    image = Image.new(mode, size, color)
    extra = {"exif": exif} if exif is not None else {}
    image.save(buf, fmt, **extra)
    return SimpleUploadedFile(name or f"foto.{fmt.lower()}", buf.getvalue())


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (7.0, 23.0, 1.0), "E", (109.0, 21.0, 5.0)
    return exif


def test_photo_is_reencoded_resized_and_stripped_of_gps(desa_a, operator_a):
    upload = photo(exif=gps_exif())
    assert b"KameraHP" in upload.read()
    upload.seek(0)
    with scope(desa=desa_a):
        g = simpan_gambar(desa=desa_a, actor=operator_a, file=upload, alt="Balai desa")
        assert (g.lebar, g.tinggi) == (1600, 800)
        assert (g.thumb_lebar, g.thumb_tinggi) == (400, 200)
        for f in g.files:
            data = default_storage.open(f.name).read()
            assert b"KameraHP" not in data
            assert not Image.open(io.BytesIO(data)).getexif()
        assert g.berkas.name.endswith(".jpg") and g.berkas_webp.name.endswith(".webp")
        assert Image.open(default_storage.open(g.berkas_webp.name)).format == "WEBP"
        assert AuditEntry.objects.filter(action="gambar.diunggah", desa=desa_a).count() == 1


def test_transparent_png_keeps_png_fallback(desa_a, operator_a):
    with scope(desa=desa_a):
        g = simpan_gambar(desa=desa_a, actor=operator_a, file=photo("PNG", (300, 300), "RGBA"))
    assert g.berkas.name.endswith(".png") and (g.lebar, g.tinggi) == (300, 300)


@pytest.mark.parametrize(
    "content,name,code",
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "logo.svg", "svg"),
        (b"<?php system($_GET['c']); ?>", "shell.jpg", "bukan_gambar"),
        (b"<html><script>alert(1)</script></html>", "foto.png", "bukan_gambar"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\n", "foto.jpeg", "bukan_gambar"),
        (b"", "kosong.jpg", "bukan_gambar"),
    ],
)
def test_files_that_are_not_pictures_are_refused(desa_a, operator_a, content, name, code):
    with scope(desa=desa_a), pytest.raises(ValidationError) as err:
        simpan_gambar(desa=desa_a, actor=operator_a, file=SimpleUploadedFile(name, content))
    assert err.value.code == code
    with scope(desa=desa_a):
        assert not Gambar.objects.exists()


def test_php_appended_to_a_real_jpeg_does_not_survive(desa_a, operator_a):
    upload = photo(size=(50, 50))
    polyglot = SimpleUploadedFile("x.jpg", upload.read() + b"<?php echo 1; ?>")
    with scope(desa=desa_a):
        g = simpan_gambar(desa=desa_a, actor=operator_a, file=polyglot)
    for f in g.files:
        assert b"<?php" not in default_storage.open(f.name).read()


def test_oversized_file_is_refused_with_the_limit(desa_a, operator_a, settings):
    settings.BALAI_MAX_IMAGE_MB = 1
    big = SimpleUploadedFile("besar.jpg", b"\xff\xd8" + b"0" * (1024 * 1024 + 10))
    with scope(desa=desa_a), pytest.raises(ValidationError, match="batasnya 1 MB"):
        simpan_gambar(desa=desa_a, actor=operator_a, file=big)


def test_decompression_bomb_is_refused(desa_a, operator_a):
    bomb = photo("PNG", (9000, 9000), "L")
    with scope(desa=desa_a), pytest.raises(ValidationError, match="piksel"):
        simpan_gambar(desa=desa_a, actor=operator_a, file=bomb)


def test_delete_removes_files(desa_a, operator_a, django_capture_on_commit_callbacks):
    with scope(desa=desa_a):
        g = simpan_gambar(desa=desa_a, actor=operator_a, file=photo(size=(20, 20)))
        names = [f.name for f in g.files]
        with django_capture_on_commit_callbacks(execute=True):
            hapus_gambar(gambar=g, actor=operator_a)
    assert not any(default_storage.exists(n) for n in names)
