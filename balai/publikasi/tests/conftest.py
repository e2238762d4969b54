import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope
from PIL import Image

from balai.publikasi import services
from balai.publikasi.models import Agenda, Album, Dokumen, Pengumuman
from balai.publikasi.pdf import pdf_sederhana


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def foto_upload(name="foto.jpg", fmt="JPEG", size=(640, 480), color=(30, 120, 60)):
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    return SimpleUploadedFile(name, buf.getvalue())


def pdf_upload(name="apbdes.pdf", judul="APBDes 2026"):
    return SimpleUploadedFile(name, pdf_sederhana(judul, ["Ringkasan"]), content_type="application/pdf")


def zip_bytes(entries, first=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        if first:
            zf.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def docx_bytes(macro=False):
    types = "application/vnd.ms-word.document.macroEnabled.main+xml" if macro else "wordprocessingml.document.main+xml"
    entries = {"[Content_Types].xml": f"<Types><Override ContentType='{types}'/></Types>", "word/document.xml": "<w/>"}
    if macro:
        entries["word/vbaProject.bin"] = b"\x00VBA"
    return zip_bytes(entries)


def odf_bytes(mimetype="application/vnd.oasis.opendocument.text", extra=None):
    return zip_bytes({"content.xml": "<office/>", **(extra or {})}, first=("mimetype", mimetype))


@pytest.fixture
def buat(desa_a, operator_a):
    """Factories going through the services, inside village A's scope."""

    class Buat:
        def agenda(self, desa=None, *, judul="Musyawarah Desa", mulai=None, jam=2, status="terbit", **kw):
            desa = desa or desa_a
            mulai = mulai or timezone.now() + timedelta(days=3)
            with scope(desa=desa):
                obj = Agenda(judul=judul, mulai=mulai, selesai=mulai + timedelta(hours=jam), status=status, **kw)
                return services.simpan_agenda(desa=desa, actor=operator_a, agenda=obj)

        def pengumuman(self, desa=None, *, judul="Jadwal Pencairan BLT", isi="<p>Isi</p>", **kw):
            desa = desa or desa_a
            with scope(desa=desa):
                obj = Pengumuman(judul=judul, isi=isi, **kw)
                return services.simpan_pengumuman(desa=desa, actor=operator_a, pengumuman=obj)

        def album(self, desa=None, *, judul="Kerja Bakti", foto=1, **kw):
            desa = desa or desa_a
            with scope(desa=desa):
                album = services.simpan_album(desa=desa, actor=operator_a, album=Album(judul=judul, **kw))
                files = [foto_upload(f"f{i}.jpg") for i in range(foto)]
                services.unggah_foto(desa=desa, actor=operator_a, album=album, files=files)
                album.refresh_from_db()
                return album

        def dokumen(self, desa=None, *, judul="APBDes 2026", berkas=None, **kw):
            desa = desa or desa_a
            with scope(desa=desa):
                obj = Dokumen(judul=judul, **kw)
                return services.simpan_dokumen(desa=desa, actor=operator_a, dokumen=obj, berkas=berkas or pdf_upload())

    return Buat()
