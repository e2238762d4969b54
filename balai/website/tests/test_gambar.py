"""Pictures on the village site go through the media pipeline; a lying upload is refused with a reason."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope
from PIL import Image

from balai.website.models import Artikel, PengaturanSitus, Perangkat


def _jpeg(name="foto.jpg"):
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (20, 120, 90)).save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def test_article_picture_is_stored_and_shown(client_for, desa_a, operator_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = client_for(desa_a, operator_a)
    r = staff.post(
        "/admin-desa/artikel/tambah/",
        {"judul": "Panen raya", "isi": "<p>Padi</p>", "aksi": "terbit", "gambar_file": _jpeg()},
    )
    assert r.status_code == 302
    with scope(desa=desa_a):
        artikel = Artikel.objects.select_related("gambar").get()
    assert artikel.gambar is not None and artikel.gambar.alt == "Panen raya"
    body = client_for(desa_a).get("/artikel/panen-raya/").content.decode()
    assert artikel.gambar.webp_url in body and 'property="og:image"' in body
    assert artikel.gambar.thumb_url in client_for(desa_a).get("/artikel/").content.decode()


def test_upload_that_lies_about_its_type_is_refused_with_reason(client_for, desa_a, operator_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("foto.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg")
    r = client_for(desa_a, operator_a).post(
        "/admin-desa/artikel/tambah/", {"judul": "Palsu", "isi": "x", "aksi": "draft", "gambar_file": fake}
    )
    assert r.status_code == 200
    errors = r.context["form"].errors.get("gambar_file")
    assert errors, r.context["form"].errors
    with scope(desa=desa_a):
        assert not Artikel.objects.exists()


def test_logo_banner_and_photo(client_for, desa_a, admin_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    staff = client_for(desa_a, admin_a)
    r = staff.post(
        "/admin-desa/situs/",
        {"warna_tema": "#225588", "judul_sambutan": "Sambutan", "logo_file": _jpeg("logo.jpg"), "banner_file": _jpeg()},
    )
    assert r.status_code == 302, r.context["form"].errors
    r = staff.post(
        "/admin-desa/perangkat/tambah/",
        {"nama": "Sri", "jabatan": "Kaur Keuangan", "urutan": 1, "aktif": "on", "foto_file": _jpeg()},  # fmt: skip
    )
    assert r.status_code == 302
    with scope(desa=desa_a):
        situs = PengaturanSitus.objects.get()
        foto = Perangkat.objects.get().foto
    public = client_for(desa_a)
    front = public.get("/").content.decode()
    assert situs.logo.thumb_url in front and situs.banner.url in front
    assert foto.thumb_url in public.get("/pemerintahan/").content.decode()
    assert b"#225588" in public.get("/tema.css").content
