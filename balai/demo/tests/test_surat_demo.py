"""The demo's Buku Agenda Surat Masuk: believable mail in every state, numbered as the register
numbers it, the counter continuing from the seeded numbers."""

import datetime
import io
import random

import pytest
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.demo import surat as demo
from balai.surat import services
from balai.surat.models import SuratMasuk
from balai.website.models import Perangkat

pytestmark = pytest.mark.django_db


def test_incoming_mail_in_every_state_numbered_in_order_of_arrival(desa_a, desa_b):
    with scopes_disabled():
        for desa in (desa_a, desa_b):
            for i, jabatan in enumerate(["Kepala Desa", "Sekretaris Desa", "Kaur Keuangan", "Kasi Pemerintahan"]):
                Perangkat.objects.create(desa=desa, nama=f"{jabatan} {desa.nama}", jabatan=jabatan, urutan=i)
        demo._surat_masuk([desa_a, desa_b], desa_a, random.Random(1), io.StringIO())
        for desa, jumlah in ((desa_a, len(demo.MASUK)), (desa_b, 5)):
            surat = list(SuratMasuk.objects.filter(desa=desa).order_by("tanggal_terima", "nomor_agenda"))
            assert len(surat) == jumlah
            for tahun in {s.tahun for s in surat}:
                nomor = [s.nomor_agenda for s in surat if s.tahun == tahun]
                assert nomor == list(range(1, len(nomor) + 1))
            assert all(s.disposisi_kepada.desa_id == desa.pk for s in surat if s.disposisi_kepada_id)
            assert all("{" not in s.pengirim + s.perihal + s.nomor_surat + s.isi_disposisi for s in surat)
        status = [s.status for s in SuratMasuk.objects.filter(desa=desa_a).order_by("tanggal_terima")]
        assert {"baru", "didisposisi", "selesai"} == set(status) and status[-1] == "baru"
        assert SuratMasuk.objects.filter(desa=desa_a, status="selesai").exclude(
            tindak_lanjut=""
        ).count() == status.count("selesai")
        hari_ini = timezone.localdate()
        terakhir = SuratMasuk.objects.filter(desa=desa_a, tahun=hari_ini.year).order_by("-nomor_agenda").first()
        with transaction.atomic():
            baru = services.catat_surat_masuk(
                desa=desa_a, actor=None, tanggal_terima=hari_ini, nomor_surat="1/2", pengirim="Camat",
                tanggal_surat=hari_ini - datetime.timedelta(days=1), perihal="Undangan",
            )  # fmt: skip
    assert baru.nomor_agenda == (terakhir.nomor_agenda if terakhir else 0) + 1
