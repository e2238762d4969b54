"""The pages: back-office queue and actions over HTTP, templates, the kecamatan queue and the
public verification page."""

import pytest
from django.core import mail
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.penduduk.tests.factories import make_penduduk
from balai.surat import services
from balai.surat.models import Surat, TemplatSurat
from balai.surat.views import nomor_wa, samarkan_nama
from balai.website.models import Perangkat

pytestmark = pytest.mark.django_db


def test_operator_creates_letter_and_kades_signs_over_http(
    client_for, desa_a, operator_a, kades_a, warga_a, django_capture_on_commit_callbacks
):
    op = client_for(desa_a, operator_a)
    found = op.post("/admin-desa/surat/cari-penduduk/", {"q": warga_a.nama[:6], "jenis": "domisili"})
    assert warga_a.nama in found.content.decode()
    form = op.get(f"/admin-desa/surat/baru/?jenis=domisili&penduduk={warga_a.pk}")
    assert "Keperluan" in form.content.decode()
    r = op.post(
        "/admin-desa/surat/baru/",
        {"jenis": "domisili", "penduduk": warga_a.pk, "keperluan": "Daftar sekolah", "telepon": "0812-3456-7890",
         "email": "warga@contoh.id"},
    )  # fmt: skip
    assert r.status_code == 302
    with scopes_disabled():
        surat = Surat.objects.get(desa=desa_a)
        kades = Perangkat.objects.get(pengguna=kades_a)
    detail = op.get(f"/admin-desa/surat/{surat.pk}/").content.decode()
    assert "https://wa.me/6281234567890?text=" in detail and "Daftar sekolah" in detail
    op.post(f"/admin-desa/surat/{surat.pk}/verifikasi/", {"penanda_tangan": kades.pk, "atas_nama": ""})
    # The operator may not sign; the named kepala desa may.
    assert op.post(f"/admin-desa/surat/{surat.pk}/tandatangani/").status_code == 403
    kd = client_for(desa_a, kades_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert kd.post(f"/admin-desa/surat/{surat.pk}/tandatangani/").status_code == 302
    surat.refresh_from_db()
    assert surat.status == Surat.Status.DITANDATANGANI and surat.nomor == 1
    assert any("Siap diambil" in m.subject for m in mail.outbox)
    pdf = kd.get(f"/admin-desa/surat/{surat.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    cetak = op.get(f"/admin-desa/surat/{surat.pk}/cetak/").content.decode()
    assert surat.nomor_lengkap in cetak
    assert op.post(f"/admin-desa/surat/{surat.pk}/selesai/").status_code == 302
    surat.refresh_from_db()
    assert surat.status == Surat.Status.SELESAI


def test_queue_counts_and_bounded_queries(client_for, desa_a, operator_a, ajukan, django_assert_max_num_queries):
    for _ in range(5):
        ajukan()
    client = client_for(desa_a, operator_a)
    with django_assert_max_num_queries(25):
        page = client.get("/admin-desa/surat/?status=permohonan")
    body = page.content.decode()
    assert "Permohonan: 5" in body and "Surat Keterangan Domisili" in body


def test_message_thread_on_detail(client_for, desa_a, operator_a, ajukan):
    surat = ajukan()
    with scope(desa=desa_a):
        services.kirim_pesan(surat=surat, teks="Kapan bisa diambil?", dari_warga=True, pengirim="Darsono")
    client = client_for(desa_a, operator_a)
    client.post(f"/admin-desa/surat/{surat.pk}/pesan/", {"teks": "Besok pagi."})
    body = client.get(f"/admin-desa/surat/{surat.pk}/").content.decode()
    assert "Kapan bisa diambil?" in body and "Besok pagi." in body


def test_template_editor_refuses_and_previews(client_for, desa_a, admin_a, warga_a):
    client = client_for(desa_a, admin_a)
    assert client.get("/admin-desa/surat/templat/").status_code == 200
    assert "{{ keperluan }}" in client.get("/admin-desa/surat/templat/domisili/").content.decode()
    bad = client.post(
        "/admin-desa/surat/templat/domisili/",
        {"isi": "<p>{{ penduduk.keluarga.anggota }}</p>", "klasifikasi": "470", "aktif": "on"},
    )
    assert bad.status_code == 200 and "akses ke bagian data lain" in bad.content.decode()
    with scopes_disabled():
        assert not TemplatSurat.objects.filter(desa=desa_a).exists()
    preview = client.post("/admin-desa/surat/templat/domisili/pratinjau/", {"isi": "<p>Halo {{ nama }}</p>"})
    assert f"Halo {warga_a.nama}" in preview.content.decode()
    refused = client.post("/admin-desa/surat/templat/domisili/pratinjau/", {"isi": "{% include 'x' %}"})
    assert "Templat ditolak" in refused.content.decode()
    ok = client.post(
        "/admin-desa/surat/templat/domisili/",
        {"isi": "<p>Isi baru {{ nama }}</p>", "klasifikasi": "470.1", "aktif": "on"},
    )
    assert ok.status_code == 302
    with scopes_disabled():
        t = TemplatSurat.objects.get(desa=desa_a, jenis="domisili")
    assert t.klasifikasi == "470.1" and not t.untuk_warga


def test_number_format_setting_is_checked(client_for, desa_a, admin_a):
    client = client_for(desa_a, admin_a)
    bad = client.post(
        "/admin-desa/surat/pengaturan/",
        {"format_nomor": "{kode.__class__}/{nomor}/{tahun}", "penomoran": "bersama", "kertas": "F4"},
    )
    assert "Kurung kurawal" in bad.content.decode()
    ok = client.post(
        "/admin-desa/surat/pengaturan/",
        {"format_nomor": "{kode}/{nomor:04}/{tahun}", "penomoran": "per_jenis", "kertas": "F4"},
    )
    assert ok.status_code == 302


def test_verification_page(client, desa_a, desa_b, ajukan, sampai_tanda_tangan, warga_a, settings):
    surat = sampai_tanda_tangan(ajukan())
    page = client.get(f"/surat/verifikasi/{surat.token}/", HTTP_HOST="selakambang.localhost")
    body = page.content.decode()
    assert page.status_code == 200
    assert surat.nomor_lengkap in body and surat.sha256 in body and "sah" in body
    assert warga_a.nama not in body and samarkan_nama(warga_a.nama) in body and warga_a.nik not in body
    # Another village's host does not know the token.
    assert client.get(f"/surat/verifikasi/{surat.token}/", HTTP_HOST="karangpetir.localhost").status_code == 404
    with scope(desa=desa_a):
        services.batalkan_surat(surat=surat, actor=None, alasan="Salah data")
    assert (
        "DIBATALKAN"
        in client.get(f"/surat/verifikasi/{surat.token}/", HTTP_HOST="selakambang.localhost").content.decode()
    )


def test_unknown_token_is_plain_404_and_rate_limited(client, desa_a, settings):
    settings.BALAI_VERIFIKASI_GAGAL_PER_ALAMAT = 3
    for _ in range(3):
        r = client.get("/surat/verifikasi/tokenyangtidakadasamasekali1234/", HTTP_HOST="selakambang.localhost")
        assert r.status_code == 404 and "tidak ditemukan" in r.content.decode()
    assert (
        client.get("/surat/verifikasi/lainlagi-tokenyangtidakada-999/", HTTP_HOST="selakambang.localhost").status_code
        == 429
    )


def test_camat_queue_only_for_its_kecamatan(
    client_for, desa_a, desa_b, warga_a, sampai_tanda_tangan, make_user, kaligondang, kalimanah
):
    with scope(desa=desa_a):
        surat = services.ajukan_permohonan(
            desa=desa_a, jenis="ahli_waris", penduduk=warga_a, pemohon=None, kanal="kantor", lampiran={},
            isian={"nama_pewaris": "Almarhum", "tanggal_wafat_pewaris": "2026-01-02",
                   "daftar_ahli_waris": "A", "keperluan": "Waris"},
        )  # fmt: skip
    surat = sampai_tanda_tangan(surat)
    camat = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang, first_name="Drs.", last_name="Camat")
    lain = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kalimanah)
    kc = client_for(kaligondang, camat)
    assert surat.nomor_lengkap in kc.get("/dasbor/surat/").content.decode()
    other = client_for(kalimanah, lain)
    assert surat.nomor_lengkap not in other.get("/dasbor/surat/").content.decode()
    assert other.get(f"/dasbor/surat/{surat.pk}/").status_code == 404
    assert other.post(f"/dasbor/surat/{surat.pk}/", {"aksi": "setujui", "nama_camat": "X"}).status_code == 404
    r = kc.post(f"/dasbor/surat/{surat.pk}/", {"aksi": "setujui", "nama_camat": "Drs. Camat", "nip_camat": ""})
    assert r.status_code == 302
    surat.refresh_from_db()
    assert surat.status == Surat.Status.DITANDATANGANI and surat.camat_nama == "Drs. Camat" and surat.sha256


def test_attachment_download_and_other_village_404(client_for, desa_a, desa_b, operator_a, operator_b, keluarga_a):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "JPEG")
    with scope(desa=desa_a):
        surat = services.ajukan_permohonan(
            desa=desa_a, jenis="kehilangan", penduduk=keluarga_a[0], pemohon=keluarga_a[1], kanal="mandiri",
            isian={"barang_hilang": "Dompet", "tempat_kehilangan": "Pasar", "tanggal_kehilangan": "2026-11-30"},
            lampiran={"Foto/scan KTP-el": SimpleUploadedFile("ktp.jpeg", buf.getvalue())},
        )  # fmt: skip
        item = surat.lampiran.get()
    r = client_for(desa_a, operator_a).get(f"/admin-desa/surat/lampiran/{item.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    assert client_for(desa_b, operator_b).get(f"/admin-desa/surat/lampiran/{item.pk}/").status_code == 404


@pytest.mark.parametrize(
    "telepon, hasil",
    [("0812-3456-7890", "6281234567890"), ("+62 812 3456 7890", "6281234567890"), ("81234567890", "6281234567890"),
     ("123", ""), ("", "")],
)  # fmt: skip
def test_whatsapp_numbers(telepon, hasil):
    assert nomor_wa(telepon) == hasil


def test_name_masking():
    assert samarkan_nama("Siti Aminah") == "Si** Am****"


def test_widget_counts_waiting_for_me(client_for, desa_a, kades_a, ajukan, sampai_tanda_tangan, operator_a):
    ajukan()
    body = client_for(desa_a, operator_a).get("/admin-desa/").content.decode()
    assert "menunggu verifikasi" in body


def test_other_resident_cannot_be_chosen_from_another_village(client_for, desa_a, desa_b, operator_a):
    with scopes_disabled():
        theirs = make_penduduk(desa_b, nama="Orang Desa Lain")
    page = client_for(desa_a, operator_a).get(f"/admin-desa/surat/baru/?jenis=domisili&penduduk={theirs.pk}")
    assert "Orang Desa Lain" not in page.content.decode()
