"""The demo builder: DIP entries for every village, requests in every state, a few overdue,
one objection; all within the database constraints."""

import io
import random

import pytest
from django_scopes import scopes_disabled
from faker import Faker

from balai.demo import ppid as demo
from balai.ppid import selectors
from balai.ppid.models import InformasiPublik, Keberatan, Permohonan

pytestmark = pytest.mark.django_db


def test_demo_fills_every_village_and_every_state(desa_a, desa_b):
    out = io.StringIO()
    with scopes_disabled():
        demo.seed(villages=[desa_a, desa_b], showcase=desa_a, rng=random.Random(1), fake=Faker("id_ID"), stdout=out)
        assert InformasiPublik.objects.filter(desa=desa_b).exists()
        assert InformasiPublik.objects.filter(desa=desa_a).count() > InformasiPublik.objects.filter(desa=desa_b).count()
        jawaban = set(Permohonan.objects.filter(desa=desa_a).values_list("jawaban", flat=True))
        status = set(Permohonan.objects.filter(desa=desa_a).values_list("status", flat=True))
        assert Keberatan.objects.filter(desa=desa_a).count() == 1
    assert {"", "seluruhnya", "sebagian", "ditolak", "belum_dikuasai", "tidak_didokumentasikan"} <= jawaban
    assert {"diproses", "diperpanjang", "selesai"} <= status
    with scopes_disabled():
        hitung = selectors.hitung_desa(desa=desa_a)
    assert hitung["permohonan"]["terlambat"] >= 1 and hitung["keberatan"]["terbuka"] == 1
