"""What the kabupaten's oversight reads from the PPID: completeness, answers on time, overdue alerts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from model_bakery import baker

from balai.pengawasan import services as pengawasan
from balai.pengawasan.models import SkorDesa
from balai.ppid import selectors
from balai.ppid.models import Permohonan

pytestmark = pytest.mark.django_db


def _permohonan(desa, *, tenggat, dijawab=None, urut=1):
    with scopes_disabled():
        return baker.make(
            Permohonan, desa=desa, tahun=tenggat.year, urut=urut, nomor=f"PPID/x/{urut}", tenggat=tenggat,
            diterima=tenggat - timedelta(days=14), jawaban_tanggal=dijawab,
            status="selesai" if dijawab else "diproses", berkas_identitas="", jawaban="seluruhnya" if dijawab else "",
        )  # fmt: skip


def test_answers_on_time_and_overdue_alerts(kabupaten, desa_a, desa_b):
    hari = timezone.localdate()
    _permohonan(desa_a, tenggat=hari - timedelta(days=5), dijawab=hari - timedelta(days=6), urut=1)
    _permohonan(desa_a, tenggat=hari - timedelta(days=3), urut=2)  # overdue, unanswered
    akhir = timezone.now()
    with scopes_disabled():
        tepat = selectors.ukuran_tepat_waktu([desa_a.pk, desa_b.pk], akhir - timedelta(days=30), akhir)
        peringatan = dict(selectors.peringatan_terlambat([desa_a.pk, desa_b.pk]))
    assert tepat == {desa_a.pk: 50, desa_b.pk: 100}
    assert "1 permohonan informasi" in peringatan[desa_a.pk] and desa_b.pk not in peringatan
    pengawasan.hitung_skor(kabupaten=kabupaten)
    with scopes_disabled():
        skor = SkorDesa.objects.get(desa=desa_a)
    assert skor.ukuran["ppid.tepat_waktu"] == [50, 50]
    assert skor.bagian["ppid"] is not None
