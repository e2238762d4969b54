import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from balai.akun.models import Peran


@pytest.fixture
def ppid_a(make_user, desa_a):
    return make_user(Peran.PPID_DESA, desa=desa_a)


@pytest.fixture
def kades_a(make_user, desa_a):
    return make_user(Peran.KEPALA_DESA, desa=desa_a)


def foto_ktp(nama="ktp.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 180, 160)).save(out, "JPEG")
    return SimpleUploadedFile(nama, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def isian():
    """A filled-in public request form (without the ID scan)."""
    return {
        "nama": "Siti Rahayu",
        "nomor_identitas": "3303044101900001",
        "alamat": "RT 02 RW 01 Selakambang",
        "telepon": "081234567890",
        "email": "siti@contoh.id",
        "pekerjaan": "Guru",
        "rincian": "Salinan APBDes tahun berjalan beserta rinciannya",
        "tujuan": "Bahan diskusi warga",
        "cara_memperoleh": "softcopy",
        "cara_salinan": "email",
    }
