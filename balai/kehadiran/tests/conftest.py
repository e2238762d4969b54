import io
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from PIL import Image

from balai.akun.models import Peran
from balai.kehadiran.models import PengaturanKehadiran
from balai.publikasi.pdf import pdf_sederhana
from balai.website.models import Perangkat

# The office of Desa Selakambang, roughly; points below are measured from it.
KANTOR = (-7.389000, 109.412000)


def waktu(y, m, d, hh=8, mm=0):
    """An aware datetime in the site's time zone (WIB)."""
    return timezone.make_aware(datetime(y, m, d, hh, mm), timezone.get_current_timezone())


@pytest.fixture
def orang(make_user):
    """A staff account of `desa` with `peran`, linked to a new Perangkat with `jabatan`."""

    def make(desa, peran=Peran.PERANGKAT_DESA, *, jabatan="Kaur Umum", nama=None, username=None):
        user = make_user(peran, desa=desa, username=username or f"{jabatan.lower().replace(' ', '-')}-{desa.slug}")
        with scopes_disabled():
            p = Perangkat.objects.create(
                desa=desa, nama=nama or f"{jabatan} {desa.nama}", jabatan=jabatan, pengguna=user
            )
        return p

    return make


@pytest.fixture
def kaur_a(orang, desa_a):
    return orang(desa_a)


@pytest.fixture
def kepala_a(orang, desa_a):
    return orang(desa_a, Peran.KEPALA_DESA, jabatan="Kepala Desa", nama="Sutrisno")


@pytest.fixture
def sekdes_a(orang, desa_a):
    return orang(desa_a, Peran.SEKDES, jabatan="Sekretaris Desa")


@pytest.fixture
def aturan_a(desa_a):
    with scope(desa=desa_a):
        return PengaturanKehadiran.objects.create(desa=desa_a)


@pytest.fixture
def geofence_a(desa_a):
    with scope(desa=desa_a):
        return PengaturanKehadiran.objects.create(
            desa=desa_a, geofence_aktif=True, lintang=KANTOR[0], bujur=KANTOR[1], radius_meter=100
        )


def pdf_upload(name="surat-dokter.pdf"):
    return SimpleUploadedFile(name, pdf_sederhana("Surat keterangan sakit", ["Istirahat 2 hari"]))


def foto_upload(name="surat.jpg"):
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 200, 200)).save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue())
