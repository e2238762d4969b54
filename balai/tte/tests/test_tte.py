import threading
from io import BytesIO

import pytest
from django.db import connection
from django_scopes import scopes_disabled
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from balai.core.models import AuditEntry
from balai.tte import sertifikat, services
from balai.tte.models import KunciDesa, Otoritas

pytestmark = pytest.mark.django_db


def _pdf(teks="Surat Keterangan Domisili") -> bytes:
    return HTML(string=f"<h1>{teks}</h1><p>Nomor 470/001/2006/XII/2026</p>").write_pdf()


def _tandatangani(desa, pdf=None):
    return services.tandatangani_pdf(
        desa, pdf or _pdf(), nama="Kepala Desa Contoh", alasan="Surat keterangan", lokasi=desa.nama
    )


def test_a_signed_letter_is_valid_and_chains_to_the_kabupaten(desa_a):
    asli = _pdf()
    ditandatangani = _tandatangani(desa_a, asli)
    assert ditandatangani.startswith(asli)  # an incremental update: the letter itself is untouched
    hasil = services.periksa_pdf(ditandatangani, desa_a.kecamatan.kabupaten)
    assert hasil.sah, hasil
    assert desa_a.nama in hasil.penanda
    assert "Surat Keterangan Domisili" in PdfReader(BytesIO(ditandatangani)).pages[0].extract_text()


def test_one_authority_and_one_key_per_village(desa_a, desa_b):
    _tandatangani(desa_a)
    _tandatangani(desa_a)
    _tandatangani(desa_b)
    assert Otoritas.objects.count() == 1
    with scopes_disabled():
        assert KunciDesa.objects.count() == 2
        assert AuditEntry.objects.filter(action="tte.kunci_desa_dibuat").count() == 2


def test_private_keys_are_stored_encrypted(desa_a):
    _tandatangani(desa_a)
    with scopes_disabled():
        kunci = KunciDesa.objects.get()
    assert "ENCRYPTED PRIVATE KEY" in kunci.kunci_pem
    assert "ENCRYPTED PRIVATE KEY" in Otoritas.objects.get().kunci_pem


def test_a_changed_byte_breaks_the_signature(desa_a):
    ditandatangani = bytearray(_tandatangani(desa_a))
    i = ditandatangani.find(b"Nomor")
    if i < 0:  # the text sits in a compressed stream: change a byte inside the first page stream
        i = ditandatangani.find(b"stream") + 20
    ditandatangani[i] ^= 0x01
    assert not services.periksa_pdf(bytes(ditandatangani), desa_a.kecamatan.kabupaten).sah


def test_content_added_after_signing_is_detected(desa_a):
    ditandatangani = _tandatangani(desa_a)
    penulis = PdfWriter(BytesIO(ditandatangani), incremental=True)
    penulis.add_metadata({"/Title": "diubah"})
    keluar = BytesIO()
    penulis.write(keluar)
    hasil = services.periksa_pdf(keluar.getvalue(), desa_a.kecamatan.kabupaten)
    assert hasil.utuh and not hasil.mencakup_seluruh and not hasil.sah


def test_a_signature_from_another_authority_is_not_trusted(desa_a, settings):
    ditandatangani = _tandatangani(desa_a)
    # Another authority takes the kabupaten's place: the letter no longer chains to it.
    from django.utils import timezone

    _, lain = sertifikat.buat_otoritas("Kabupaten Lain", timezone.now())
    Otoritas.objects.update(sertifikat_pem=sertifikat.sertifikat_ke_pem(lain))
    hasil = services.periksa_pdf(ditandatangani, desa_a.kecamatan.kabupaten)
    assert hasil.utuh and not hasil.terpercaya and not hasil.sah


def test_an_unsigned_or_broken_file_has_no_signature(desa_a):
    assert not services.periksa_pdf(_pdf(), desa_a.kecamatan.kabupaten).ada_tanda_tangan
    assert not services.periksa_pdf(b"bukan pdf", desa_a.kecamatan.kabupaten).ada_tanda_tangan


@pytest.mark.django_db(transaction=True)
def test_villages_signing_at_once_get_one_authority(desa_a, desa_b):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    galat = []

    def kerja(d):
        try:
            _tandatangani(d)
        except Exception as e:  # pragma: no cover - reported below
            galat.append(e)
        finally:
            connection.close()

    utas = [threading.Thread(target=kerja, args=(d,)) for d in (desa_a, desa_b, desa_a, desa_b)]
    for u in utas:
        u.start()
    for u in utas:
        u.join()
    assert not galat
    assert Otoritas.objects.count() == 1
    with scopes_disabled():
        assert KunciDesa.objects.count() == 2


def test_the_authority_certificate_can_be_exported(kabupaten, tmp_path):
    from django.core.management import call_command

    berkas = tmp_path / "otoritas.pem"
    call_command("tte_otoritas", keluar=str(berkas))
    assert berkas.read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert berkas.read_text() == Otoritas.objects.get().sertifikat_pem
