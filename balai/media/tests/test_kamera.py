"""Pictures as phones really make them, and pictures too large to decode safely."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from balai.media import images


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_multi_picture_jpeg_from_a_phone_camera_is_accepted():
    """Many phone cameras write JPEG with an MPF extension, which Pillow reports as "MPO"."""
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), "green").save(buf, "MPO", save_all=True, append_images=[Image.new("RGB", (80, 60))])
    upload = SimpleUploadedFile("IMG_20261125.jpg", buf.getvalue())
    full, thumb = images.renditions(upload)
    assert (full.width, full.height) == (800, 600) and full.fallback_ext == "jpg"
    assert Image.open(io.BytesIO(full.fallback)).format == "JPEG"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_picture_above_the_pixel_limit_is_refused_with_a_message(monkeypatch):
    """Pillow only warns between the limit and twice the limit; that range is refused too."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    buf = io.BytesIO()
    Image.new("RGB", (150, 100), "red").save(buf, "PNG")  # 15,000 pixels: 1.5x the limit
    with pytest.raises(ValidationError) as exc:
        images.open_checked(SimpleUploadedFile("besar.png", buf.getvalue()))
    assert exc.value.code == "bom" and "terlalu besar" in exc.value.messages[0]
