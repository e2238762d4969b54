"""Leave requests: attachments checked by content and kept privately, who decides whose request,
and the audit trail."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.core.models import AuditEntry
from balai.kehadiran import services
from balai.kehadiran.models import Izin

from .conftest import foto_upload, pdf_upload


def _ajukan(desa, perangkat, *, jenis="sakit", mulai=None, sampai=None, lampiran=None):
    mulai = mulai or timezone.localdate()
    with scope(desa=desa):
        return services.ajukan_izin(
            desa=desa,
            actor=perangkat.pengguna,
            perangkat=perangkat,
            izin=Izin(jenis=jenis, mulai=mulai, sampai=sampai or mulai, alasan="Demam"),
            lampiran=lampiran,
        )


def _putus(desa, user, izin, setujui=True, catatan=""):
    with scope(desa=desa):
        return services.putuskan_izin(desa=desa, actor=user, izin=izin, setujui=setujui, catatan=catatan)


def test_pdf_attachment_is_stored_privately_under_a_random_name(desa_a, kaur_a, settings):
    izin = _ajukan(desa_a, kaur_a, lampiran=pdf_upload())
    assert izin.lampiran_jenis == "pdf"
    assert (
        izin.lampiran.name.startswith(f"desa/{desa_a.pk}/kehadiran/izin/") and "surat-dokter" not in izin.lampiran.name
    )
    assert izin.lampiran.path.startswith(str(settings.BALAI_PRIVAT_ROOT))


def test_photo_attachment_is_reencoded_without_metadata(desa_a, kaur_a):
    izin = _ajukan(desa_a, kaur_a, lampiran=foto_upload())
    assert izin.lampiran_jenis == "jpg"
    with izin.lampiran.open("rb") as f:
        assert f.read(3) == b"\xff\xd8\xff"


@pytest.mark.parametrize(
    "isi,pesan",
    [
        (b"<html><script>alert(1)</script></html>", "bukan gambar"),
        (b"%PDF-1.4\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF", "JavaScript"),
        (b"MZ\x90\x00binary", "bukan gambar"),
    ],
)
def test_attachment_that_is_not_a_document_or_photo_is_refused_and_nothing_saved(desa_a, kaur_a, isi, pesan):
    with pytest.raises(ValidationError, match=pesan):
        _ajukan(desa_a, kaur_a, lampiran=SimpleUploadedFile("surat.jpg", isi))
    with scopes_disabled():
        assert not Izin.objects.exists()


def test_overlapping_requests_are_refused(desa_a, kaur_a):
    hari = timezone.localdate()
    _ajukan(desa_a, kaur_a, jenis="cuti", mulai=hari, sampai=hari + timedelta(days=3))
    with pytest.raises(ValidationError, match="Sudah ada pengajuan cuti"):
        _ajukan(desa_a, kaur_a, jenis="izin", mulai=hari + timedelta(days=2))


def test_kepala_desa_decides_an_officials_request(desa_a, kaur_a, kepala_a, sekdes_a):
    izin = _ajukan(desa_a, kaur_a)
    with scope(desa=desa_a):
        assert services.boleh_memutus(kepala_a.pengguna, izin)
        assert not services.boleh_memutus(sekdes_a.pengguna, izin)
        assert not services.boleh_memutus(kaur_a.pengguna, izin)
    with pytest.raises(ValidationError, match="diputus oleh kepala desa"):
        _putus(desa_a, sekdes_a.pengguna, izin)
    izin = _putus(desa_a, kepala_a.pengguna, izin)
    assert izin.status == Izin.Status.DISETUJUI and izin.diputus_oleh == kepala_a.pengguna
    with pytest.raises(ValidationError, match="sudah disetujui"):
        _putus(desa_a, kepala_a.pengguna, izin, setujui=False, catatan="x")
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="kehadiran.izin_disetujui", actor=kepala_a.pengguna).exists()


def test_sekdes_decides_the_kepala_desas_own_request(desa_a, kepala_a, sekdes_a):
    izin = _ajukan(desa_a, kepala_a, jenis="dinas_luar", lampiran=pdf_upload("surat-tugas.pdf"))
    with scope(desa=desa_a):
        assert not services.boleh_memutus(kepala_a.pengguna, izin)  # never one's own
    izin = _putus(desa_a, sekdes_a.pengguna, izin, setujui=False, catatan="Surat tugas belum ditandatangani camat")
    assert izin.status == Izin.Status.DITOLAK


def test_admin_desa_manages_but_does_not_decide(desa_a, kaur_a, admin_a):
    izin = _ajukan(desa_a, kaur_a)
    with pytest.raises(ValidationError):
        _putus(desa_a, admin_a, izin)


def test_refusal_needs_a_reason(desa_a, kaur_a, kepala_a):
    izin = _ajukan(desa_a, kaur_a)
    with pytest.raises(ValidationError, match="alasan penolakan"):
        _putus(desa_a, kepala_a.pengguna, izin, setujui=False)


def test_kepala_of_another_village_cannot_decide(desa_a, desa_b, kaur_a, orang):
    izin = _ajukan(desa_a, kaur_a)
    kepala_b = orang(desa_b, "kepala_desa", jabatan="Kepala Desa")
    with scope(desa=desa_a):
        assert not services.boleh_memutus(kepala_b.pengguna, izin)


# --- pages -------------------------------------------------------------------------------------


def test_request_approval_through_the_pages(client_for, desa_a, kaur_a, kepala_a):
    hp = client_for(desa_a, kaur_a.pengguna)
    besok = timezone.localdate() + timedelta(days=1)
    data = {"jenis": "sakit", "mulai": besok, "sampai": besok + timedelta(days=1), "alasan": "Tipes"}
    response = hp.post(reverse("kehadiran:izin_ajukan"), data)
    assert "Lampirkan surat dokter" in response.text  # two sick days need a doctor's note
    data["lampiran_berkas"] = pdf_upload()
    response = hp.post(reverse("kehadiran:izin_ajukan"), data, follow=True)
    assert "Pengajuan terkirim" in response.text
    with scopes_disabled():
        izin = Izin.objects.get()
    kepala = client_for(desa_a, kepala_a.pengguna)
    daftar = kepala.get(reverse("kehadiran:izin_daftar"))
    assert "Menunggu putusan Anda" in daftar.text and kaur_a.nama in daftar.text
    lampiran = kepala.get(reverse("kehadiran:izin_lampiran", args=[izin.pk]))
    assert lampiran.status_code == 200 and lampiran["Content-Disposition"].startswith("attachment")
    # The requester cannot decide their own request by posting the form.
    hp.post(reverse("kehadiran:izin_detail", args=[izin.pk]), {"keputusan": "setujui"})
    izin.refresh_from_db()
    assert izin.status == Izin.Status.MENUNGGU
    kepala.post(reverse("kehadiran:izin_detail", args=[izin.pk]), {"keputusan": "setujui"})
    izin.refresh_from_db()
    assert izin.status == Izin.Status.DISETUJUI


def test_a_colleague_cannot_see_anothers_request_or_attachment(client_for, desa_a, kaur_a, orang):
    izin = _ajukan(desa_a, kaur_a, lampiran=pdf_upload())
    rekan = client_for(desa_a, orang(desa_a, jabatan="Kasi Pelayanan").pengguna)
    assert rekan.get(reverse("kehadiran:izin_detail", args=[izin.pk])).status_code == 404
    assert rekan.get(reverse("kehadiran:izin_lampiran", args=[izin.pk])).status_code == 404


def test_requester_withdraws_a_pending_request(client_for, desa_a, kaur_a):
    izin = _ajukan(desa_a, kaur_a, lampiran=pdf_upload())
    hp = client_for(desa_a, kaur_a.pengguna)
    assert hp.get(reverse("kehadiran:izin_batal", args=[izin.pk])).status_code == 405
    hp.post(reverse("kehadiran:izin_batal", args=[izin.pk]))
    with scopes_disabled():
        assert not Izin.objects.exists()


def test_form_refuses_a_backwards_range(client_for, desa_a, kaur_a):
    hari = date.today()
    data = {"jenis": "izin", "mulai": hari + timedelta(days=2), "sampai": hari, "alasan": "Keperluan keluarga"}
    response = client_for(desa_a, kaur_a.pengguna).post(reverse("kehadiran:izin_ajukan"), data)
    assert "tidak boleh sebelum tanggal mulai" in response.text
