import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled
from PIL import Image

from balai.pembangunan import services
from balai.pembangunan.models import Proyek
from balai.wilayah.models import RT, RW, Dusun


def foto_upload(name="foto.jpg", color=(120, 110, 90), size=(640, 480)):
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def bukan_gambar(name="foto.jpg"):
    return SimpleUploadedFile(name, b"<?php system($_GET['c']); ?>", content_type="image/jpeg")


@pytest.fixture
def wilayah_a(desa_a):
    with scopes_disabled():
        dusun = Dusun.objects.create(desa=desa_a, nama="Krajan")
        rw = RW.objects.create(desa=desa_a, dusun=dusun, nomor=1)
        rt = RT.objects.create(desa=desa_a, rw=rw, nomor=2)
    return dusun, rw, rt


@pytest.fixture
def buat(desa_a, operator_a):
    """Factories going through the services, inside the village's scope."""

    class Buat:
        def proyek(self, desa=None, *, actor=None, **kw):
            desa = desa or desa_a
            values = {
                "nama": "Rabat beton jalan Dusun Krajan",
                "tahun": 2026,
                "sumber_dana": "DDS",
                "anggaran": 125_000_000,
                "volume": 150,
                "satuan": "m",
                "pelaksana": "TPK Desa",
                "lat": "-7.391234",
                "lng": "109.362345",
                **kw,
            }
            with scope(desa=desa):
                return services.simpan_proyek(desa=desa, actor=actor or operator_a, proyek=Proyek(**values))

        def progres(self, proyek, *, persen=50, tanggal=None, foto=1, catatan="", actor=None):
            with scope(desa=proyek.desa):
                files = [foto_upload(f"f{i}.jpg") for i in range(foto)]
                progres, _ = services.catat_progres(
                    desa=proyek.desa,
                    actor=actor or operator_a,
                    proyek=proyek,
                    tanggal=tanggal or date(2026, 8, 1),
                    persen=persen,
                    catatan=catatan,
                    foto=files,
                )
                return progres

    return Buat()
