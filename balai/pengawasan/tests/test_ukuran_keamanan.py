"""What the kabupaten's oversight reads from the security check: its score and open findings."""

import pytest
from django_scopes import scopes_disabled
from model_bakery import baker

from balai.keamanan.models import Temuan
from balai.pengawasan import selectors, services
from balai.pengawasan.models import SkorDesa

pytestmark = pytest.mark.django_db


def test_an_open_finding_lowers_the_security_part_and_raises_an_alert(kabupaten, desa_a, desa_b):
    with scopes_disabled():
        baker.make(Temuan, desa=desa_a, status=Temuan.Status.TERBUKA)
    services.hitung_skor(kabupaten=kabupaten)
    with scopes_disabled():
        a, b = SkorDesa.objects.get(desa=desa_a), SkorDesa.objects.get(desa=desa_b)
    assert a.bagian["keamanan"] < b.bagian["keamanan"]
    [alarm] = [p for p in selectors.peringatan(kabupaten=kabupaten) if p.desa == desa_a]
    assert ("Keamanan", "1 temuan pemindaian terbuka.") in alarm.pesan
