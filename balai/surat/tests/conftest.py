"""Fixtures for letters: a village with a kepala desa and a sekdes linked to accounts, an
operator, a family of three, and helpers to take a letter through the workflow."""

import pytest
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.penduduk.tests.factories import make_kk, make_penduduk
from balai.surat import services
from balai.surat.models import Surat
from balai.website.models import Perangkat

ISIAN_DOMISILI = {"keperluan": "Melamar pekerjaan", "lama_tinggal": "sejak 2010"}


@pytest.fixture
def kades_a(make_user, desa_a):
    user = make_user(Peran.KEPALA_DESA, desa=desa_a, first_name="Budi", last_name="Santoso")
    with scopes_disabled():
        Perangkat.objects.create(desa=desa_a, nama="Budi Santoso", jabatan="Kepala Desa", pengguna=user, urutan=1)
    return user


@pytest.fixture
def sekdes_a(make_user, desa_a):
    user = make_user(Peran.SEKDES, desa=desa_a)
    with scopes_disabled():
        Perangkat.objects.create(desa=desa_a, nama="Sri Wahyuni", jabatan="Sekretaris Desa", pengguna=user, urutan=2)
    return user


@pytest.fixture
def keluarga_a(desa_a):
    return make_kk(desa_a, nama="Darsono", anggota=2)[1]


@pytest.fixture
def warga_a(keluarga_a):
    return keluarga_a[0]


@pytest.fixture
def ajukan(desa_a, warga_a, operator_a):
    def make(jenis="domisili", isian=None, penduduk=None, **kw):
        with scope(desa=desa_a):
            return services.ajukan_permohonan(
                desa=desa_a,
                jenis=jenis,
                penduduk=penduduk or warga_a,
                pemohon=None,
                isian=isian if isian is not None else ISIAN_DOMISILI,
                lampiran={},
                kanal=Surat.Kanal.KANTOR,
                actor=operator_a,
                **kw,
            )

    return make


@pytest.fixture
def sampai_tanda_tangan(desa_a, operator_a, kades_a):
    """Verify (signer: the kepala desa) and sign `surat`; returns it fresh."""

    def run(surat, *, terbitkan=True):
        with scope(desa=desa_a):
            kades = Perangkat.objects.get(pengguna=kades_a)
            services.verifikasi_surat(surat=surat, actor=operator_a, penanda_tangan=kades)
            surat.refresh_from_db()
            services.tandatangani_surat(surat=surat, actor=kades_a, terbitkan=terbitkan)
            surat.refresh_from_db()
            return surat

    return run


@pytest.fixture
def penduduk_lain(desa_a):
    with scopes_disabled():
        return make_penduduk(desa_a, nama="Tetangga Lain")


@pytest.fixture
def desa_a_perangkat_ttd(kades_a):
    with scopes_disabled():
        return kades_a, Perangkat.objects.get(pengguna=kades_a)
