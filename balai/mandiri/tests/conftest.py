import pytest
from django.test import Client
from django_scopes import scopes_disabled

from balai.mandiri import services
from balai.mandiri.pin import PinHasher
from balai.penduduk.tests.factories import make_kk


@pytest.fixture(autouse=True)
def _argon2_murah(monkeypatch):
    """Argon2id all the same, at a cost the suite can pay a few hundred times."""
    monkeypatch.setattr(PinHasher, "time_cost", 1)
    monkeypatch.setattr(PinHasher, "memory_cost", 256)
    monkeypatch.setattr(PinHasher, "parallelism", 1)


@pytest.fixture
def kk_a(desa_a):
    """A KK in village A: [head, child 1, child 2]."""
    return make_kk(desa_a, nama="Sumarni", anggota=2)


@pytest.fixture
def warga_a(kk_a):
    return kk_a[1][0]


@pytest.fixture
def akun_a(desa_a, warga_a, operator_a):
    """(account, issued PIN) of the head of kk_a."""
    with scopes_disabled():
        return services.terbitkan_pin(desa=desa_a, actor=operator_a, penduduk=warga_a)


def host(desa):
    return f"{desa.slug}.localhost"


def masuk(client, nik, kode, **extra):
    return client.post("/mandiri/masuk/", {"nik": nik, "pin": kode}, **extra)


PIN_BARU = "480613"


def ganti(client, lama, baru=PIN_BARU):
    return client.post("/mandiri/pin/", {"pin_lama": lama, "pin_baru": baru, "pin_baru_ulang": baru})


@pytest.fixture
def warga_client(desa_a, warga_a, akun_a):
    """A client signed in as warga_a with the first PIN already changed to PIN_BARU."""
    client = Client(HTTP_HOST=host(desa_a))
    assert masuk(client, warga_a.nik, akun_a[1]).status_code == 302
    assert ganti(client, akun_a[1]).status_code == 302
    return client
