"""The letter workflow through the services: request, verify, sign (number, frozen content,
signed PDF), camat, reject, cancel, correct; and what is refused on the way."""

import hashlib
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django_scopes import scope
from PIL import Image
from pypdf import PdfReader

from balai.surat import selectors, services
from balai.surat.models import LampiranSurat, Surat
from balai.tte.services import periksa_pdf
from balai.website.models import Perangkat

pytestmark = pytest.mark.django_db


def _png(name="ktp.png"):
    buf = io.BytesIO()
    Image.new("RGB", (20, 12), (200, 30, 30)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def _teks_pdf(data):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_signed_letter_gets_number_pdf_and_signature(ajukan, sampai_tanda_tangan, desa_a, warga_a):
    surat = sampai_tanda_tangan(ajukan())
    assert surat.status == Surat.Status.DITANDATANGANI
    assert surat.nomor == 1
    assert surat.nomor_lengkap.startswith("470/001/2006/")
    with scope(desa=desa_a):
        berkas = selectors.berkas_pdf(surat)
        data = berkas.open("rb").read()
    assert hashlib.sha256(data).hexdigest() == surat.sha256
    text = _teks_pdf(data)
    assert surat.nomor_lengkap in text
    assert warga_a.nama in text
    assert "Melamar pekerjaan" in text
    assert "SURAT KETERANGAN DOMISILI" in text
    assert periksa_pdf(data, desa_a.kecamatan.kabupaten).sah


def test_numbers_are_consecutive_and_shared_by_default(ajukan, sampai_tanda_tangan):
    first = sampai_tanda_tangan(ajukan(), terbitkan=False)
    second = sampai_tanda_tangan(ajukan("skck", {"keperluan": "Melamar"}), terbitkan=False)
    assert (first.nomor, second.nomor) == (1, 2)
    assert second.nomor_lengkap.startswith("331/002/")


def test_database_refuses_two_letters_with_one_number(ajukan, sampai_tanda_tangan, desa_a):
    first = sampai_tanda_tangan(ajukan(), terbitkan=False)
    other = ajukan()
    with scope(desa=desa_a), pytest.raises(IntegrityError), transaction.atomic():
        Surat.objects.filter(pk=other.pk).update(nomor_lengkap=first.nomor_lengkap)


def test_only_the_named_signer_may_sign(ajukan, desa_a, operator_a, kades_a, sekdes_a):
    surat = ajukan()
    with scope(desa=desa_a):
        kades = Perangkat.objects.get(pengguna=kades_a)
        services.verifikasi_surat(surat=surat, actor=operator_a, penanda_tangan=kades)
        surat.refresh_from_db()
        for orang in (sekdes_a, operator_a):
            with pytest.raises(PermissionDenied):
                services.tandatangani_surat(surat=surat, actor=orang)
        surat.refresh_from_db()
        assert surat.status == Surat.Status.DIVERIFIKASI and not surat.nomor_lengkap


def test_deputy_signs_on_behalf(ajukan, desa_a, operator_a, sekdes_a):
    surat = ajukan()
    with scope(desa=desa_a):
        sekdes = Perangkat.objects.get(pengguna=sekdes_a)
        services.verifikasi_surat(surat=surat, actor=operator_a, penanda_tangan=sekdes, atas_nama="a.n.")
        surat.refresh_from_db()
        services.tandatangani_surat(surat=surat, actor=sekdes_a)
        surat.refresh_from_db()
        text = _teks_pdf(surat.berkas_pdf.open("rb").read())
    assert "a.n. Kepala Desa Selakambang" in text and "Sri Wahyuni" in text


def test_signed_letter_never_changes(ajukan, sampai_tanda_tangan, desa_a, operator_a, warga_a):
    surat = sampai_tanda_tangan(ajukan())
    isi_lama = surat.isi_final
    with scope(desa=desa_a):
        with pytest.raises(ValidationError):
            services.ubah_isian(surat=surat, actor=operator_a, isian={"keperluan": "Lain"})
        with pytest.raises(ValidationError):
            services.verifikasi_surat(surat=surat, actor=operator_a, penanda_tangan=surat.penanda_tangan)
        with pytest.raises(ValidationError):
            services.tolak_surat(surat=surat, actor=operator_a, alasan="x")
        # The register changes; the letter keeps what it said.
        warga_a.nama = "Nama Baru"
        warga_a.save()
        surat.refresh_from_db()
        from balai.surat import isi, nomor

        html = isi.dokumen_html(surat, nomor.pengaturan(desa_a), bagian="lembar")
    assert surat.isi_final == isi_lama and "Nama Baru" not in html and surat.data["nama"] != "Nama Baru"


def test_cancelled_letter_keeps_its_number(ajukan, sampai_tanda_tangan, desa_a, operator_a):
    surat = sampai_tanda_tangan(ajukan(), terbitkan=False)
    with scope(desa=desa_a):
        with pytest.raises(ValidationError):
            services.batalkan_surat(surat=surat, actor=operator_a, alasan="")
        services.batalkan_surat(surat=surat, actor=operator_a, alasan="Salah ketik nama")
        surat.refresh_from_db()
        assert surat.status == Surat.Status.BATAL and surat.nomor == 1 and surat.nomor_lengkap
        assert selectors.berkas_pdf(surat) is None
    nxt = sampai_tanda_tangan(ajukan(), terbitkan=False)
    assert nxt.nomor == 2


def test_correction_replaces_the_old_letter_once_signed(ajukan, sampai_tanda_tangan, desa_a, operator_a):
    lama = sampai_tanda_tangan(ajukan(), terbitkan=False)
    with scope(desa=desa_a):
        baru = services.koreksi_surat(surat=lama, actor=operator_a)
        lama.refresh_from_db()
        assert lama.status == Surat.Status.DITANDATANGANI  # valid until the correction is signed
        services.ubah_isian(surat=baru, actor=operator_a, isian={"keperluan": "Melamar kerja (koreksi)"})
    baru = sampai_tanda_tangan(baru, terbitkan=False)
    lama.refresh_from_db()
    assert lama.status == Surat.Status.DIGANTI and baru.menggantikan_id == lama.pk
    assert baru.nomor_lengkap != lama.nomor_lengkap


def test_rejection_needs_a_reason_and_tells_the_resident(
    ajukan, desa_a, operator_a, django_capture_on_commit_callbacks
):
    surat = ajukan(email="warga@contoh.id")
    with scope(desa=desa_a):
        with pytest.raises(ValidationError):
            services.tolak_surat(surat=surat, actor=operator_a, alasan="  ")
        with pytest.raises(ValidationError):  # not signed yet: cannot be taken
            services.selesaikan_surat(surat=surat, actor=operator_a)
        with django_capture_on_commit_callbacks(execute=True):
            services.tolak_surat(surat=surat, actor=operator_a, alasan="KTP tidak terbaca")
    surat.refresh_from_db()
    assert surat.status == Surat.Status.DITOLAK and surat.alasan_tolak == "KTP tidak terbaca"
    assert "KTP tidak terbaca" in mail.outbox[-1].body and mail.outbox[-1].to == ["warga@contoh.id"]


def test_request_only_for_own_kk(desa_a, keluarga_a, penduduk_lain):
    kepala, anak = keluarga_a[0], keluarga_a[1]
    with scope(desa=desa_a):
        surat = services.ajukan_permohonan(
            desa=desa_a, jenis="skck", penduduk=anak, pemohon=kepala, isian={"keperluan": "Kerja"},
            lampiran={"Foto/scan KTP-el": _png(), "Foto/scan Kartu Keluarga": _png(), "Pas foto 4x6": _png()},
            kanal="mandiri",
        )  # fmt: skip
        assert surat.kanal == "mandiri" and LampiranSurat.objects.filter(surat=surat).count() == 3
        with pytest.raises(ValidationError) as e:
            services.ajukan_permohonan(
                desa=desa_a, jenis="skck", penduduk=penduduk_lain, pemohon=kepala, isian={"keperluan": "Kerja"},
                lampiran={}, kanal="mandiri",
            )  # fmt: skip
        assert "satu KK" in " ".join(e.value.messages)


def test_missing_executable_or_oversized_attachments_are_refused(desa_a, warga_a, settings):
    def ajukan(lampiran):
        return services.ajukan_permohonan(
            desa=desa_a, jenis="belum_menikah", penduduk=warga_a, pemohon=warga_a, isian={"keperluan": "Nikah"},
            lampiran=lampiran, kanal="mandiri",
        )  # fmt: skip

    with scope(desa=desa_a):
        with pytest.raises(ValidationError) as e:
            ajukan({"Foto/scan KTP-el": _png()})
        assert "wajib diunggah" in " ".join(e.value.messages)
        exe = SimpleUploadedFile("ktp.jpg", b"MZ\x90\x00" + b"\x00" * 200)
        with pytest.raises(ValidationError) as e:
            ajukan({"Foto/scan KTP-el": exe, "Foto/scan Kartu Keluarga": _png()})
        assert "Program" in " ".join(e.value.messages)
        settings.BALAI_MAX_LAMPIRAN_MB = 0
        with pytest.raises(ValidationError) as e:
            ajukan({"Foto/scan KTP-el": _png(), "Foto/scan Kartu Keluarga": _png()})
        assert "terlalu besar" in " ".join(e.value.messages)
        assert not Surat.objects.filter(desa=desa_a).exists()  # nothing half-stored


def test_missing_field_is_named(ajukan):
    with pytest.raises(ValidationError) as e:
        ajukan(isian={})
    assert "keperluan" in e.value.message_dict


def test_camat_countersigns_before_issue(desa_a, warga_a, operator_a, sampai_tanda_tangan, make_user, kaligondang):
    with scope(desa=desa_a):
        surat = services.ajukan_permohonan(
            desa=desa_a, jenis="ahli_waris", penduduk=warga_a, pemohon=None, kanal="kantor", lampiran={},
            isian={"nama_pewaris": "Almarhum", "tanggal_wafat_pewaris": "2026-01-02",
                   "daftar_ahli_waris": "A\nB", "keperluan": "Balik nama"},
        )  # fmt: skip
    surat = sampai_tanda_tangan(surat)
    assert surat.status == Surat.Status.MENUNGGU_CAMAT and surat.nomor_lengkap and not surat.berkas_pdf
    camat = make_user("operator_kecamatan", kecamatan=kaligondang)
    with scope(desa=desa_a):
        services.setujui_camat(surat=surat, actor=camat, nama_camat="Drs. Camat", nip_camat="197001011990031001")
        surat.refresh_from_db()
        text = _teks_pdf(surat.berkas_pdf.open("rb").read())
    assert surat.status == Surat.Status.DITANDATANGANI
    assert "Mengetahui" in text and "Drs. Camat" in text


def test_messages_and_email_notifications(
    ajukan, desa_a, operator_a, kades_a, sampai_tanda_tangan, django_capture_on_commit_callbacks
):
    surat = ajukan(email="warga@contoh.id")
    mail.outbox.clear()
    with scope(desa=desa_a), django_capture_on_commit_callbacks(execute=True):
        services.kirim_pesan(surat=surat, teks="KTP kurang jelas", dari_warga=False, pengirim="Kantor desa")
        services.kirim_pesan(surat=surat, teks="Baik, saya kirim ulang", dari_warga=True, pengirim="Darsono")
        assert [p.dari_warga for p in selectors.pesan(surat)] == [False, True]
        with pytest.raises(ValidationError):
            services.kirim_pesan(surat=surat, teks=" ", dari_warga=True, pengirim="x")
    assert len(mail.outbox) == 1 and "KTP kurang jelas" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        sampai_tanda_tangan(surat, terbitkan=False)
    subjects = [m.subject for m in mail.outbox]
    assert any("Siap diambil" in s for s in subjects), subjects


def test_resident_sees_own_letters(ajukan, desa_a, keluarga_a, penduduk_lain):
    mine = ajukan()
    other = ajukan(penduduk=penduduk_lain)
    with scope(desa=desa_a):
        found = list(selectors.surat_untuk_warga(desa_a, [p.pk for p in keluarga_a]))
        jenis = [j.kode for j in selectors.jenis_untuk_warga(desa_a)]
    assert mine in found and other not in found
    assert "domisili" in jenis and len(jenis) >= 15
