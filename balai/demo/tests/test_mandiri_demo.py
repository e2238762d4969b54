import re
from io import StringIO

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.demo import mandiri
from balai.mandiri.models import AkunWarga
from balai.mandiri.pin import PinHasher
from balai.penduduk.tests.factories import make_kk
from balai.surat.models import Surat
from balai.website.models import Perangkat


@pytest.fixture(autouse=True)
def _argon2_murah(monkeypatch):
    monkeypatch.setattr(PinHasher, "time_cost", 1)
    monkeypatch.setattr(PinHasher, "memory_cost", 256)
    monkeypatch.setattr(PinHasher, "parallelism", 1)


def test_demo_residents_sign_in_with_the_printed_pins(desa_a, desa_b, make_user):
    import random

    kades = make_user(Peran.KEPALA_DESA, desa=desa_a)
    with scopes_disabled():
        Perangkat.objects.create(desa=desa_a, nama="Kades", jabatan="Kepala Desa", pengguna=kades, urutan=0)
    for nama in ("Ani", "Budi", "Citra", "Dewi", "Eko"):
        make_kk(desa_a, nama=nama, anggota=2)
    make_kk(desa_b, nama="Fajar", anggota=2)
    with scopes_disabled():
        lines = mandiri.seed(
            villages=[desa_a, desa_b], showcase=desa_a, rng=random.Random(1), fake=None, stdout=StringIO()
        )
        again = mandiri.seed(
            villages=[desa_a, desa_b], showcase=desa_a, rng=random.Random(1), fake=None, stdout=StringIO()
        )
        assert AkunWarga.objects.filter(desa=desa_a).count() == 4
        assert AkunWarga.objects.filter(desa=desa_b, wajib_ganti_pin=True).count() == 1
        # Requests in several states from the showcase resident, made once; one in the other village.
        statuses = sorted(Surat.objects.filter(desa=desa_a, kanal="mandiri").values_list("status", flat=True))
        assert statuses == ["ditandatangani", "diverifikasi", "permohonan"]
        assert Surat.objects.filter(desa=desa_b, kanal="mandiri").count() == 2
    assert len(lines) == 2 and lines != again, "a fresh PIN on every run"
    # The showcase resident goes straight in; the other village's fresh slip asks for a new PIN.
    for line, desa, status in ((again[0], desa_a, 200), (again[1], desa_b, 302)):
        nik, pin = re.search(r"NIK (\d{16})  PIN (\d{6})", line).groups()
        client = Client(HTTP_HOST=f"{desa.slug}.localhost")
        assert client.post("/mandiri/masuk/", {"nik": nik, "pin": pin}).status_code == 302
        assert client.get("/mandiri/").status_code == status
    # The ready letter downloads (rendered and signed at the first download).
    with scopes_disabled():
        siap = Surat.objects.get(desa=desa_a, status="ditandatangani")
    client = Client(HTTP_HOST=f"{desa_a.slug}.localhost")
    nik, pin = re.search(r"NIK (\d{16})  PIN (\d{6})", again[0]).groups()
    client.post("/mandiri/masuk/", {"nik": nik, "pin": pin})
    pdf = client.get(f"/mandiri/surat/{siap.pk}/unduh/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
