"""What the kabupaten's oversight reads from the letters: letters signed, their median time,
requests through Layanan Mandiri."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.surat import selectors
from balai.surat.models import Surat

pytestmark = pytest.mark.django_db


def _surat(desa, nomor, *, jam, kanal=Surat.Kanal.KANTOR, sekarang):
    from balai.core.tests.test_isolation import make_for_desa

    with scopes_disabled():
        surat = make_for_desa(Surat, desa)
        Surat.objects.filter(pk=surat.pk).update(
            kanal=kanal,
            diajukan=sekarang - timedelta(hours=jam + 1),
            ditandatangani_pada=sekarang - timedelta(hours=1),
            nomor_lengkap=f"470/{nomor}/x/2026",
        )


def test_letters_signed_their_median_time_and_mandiri_requests(desa_a, desa_b):
    sekarang = timezone.now()
    for i, jam in enumerate((2, 10, 30)):
        _surat(desa_a, i, jam=jam, sekarang=sekarang, kanal=Surat.Kanal.MANDIRI if i == 0 else Surat.Kanal.KANTOR)
    awal = sekarang - timedelta(days=30)
    with scopes_disabled():
        assert selectors.ukuran_surat_terbit([desa_a.pk, desa_b.pk], awal, sekarang) == {desa_a.pk: 3}
        assert selectors.ukuran_waktu_layanan([desa_a.pk, desa_b.pk], awal, sekarang) == {desa_a.pk: 10.0}
        assert selectors.ukuran_permohonan_mandiri([desa_a.pk, desa_b.pk], awal, sekarang) == {desa_a.pk: 1}
