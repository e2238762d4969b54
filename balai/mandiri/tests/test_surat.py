"""Letters from Layanan Mandiri: asked for oneself or one's KK only, with the fields and
attachments the type needs, followed, downloaded when signed, discussed with the office; any
other letter id (another resident's, another village's) is 404 on every path."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_scopes import scope, scopes_disabled
from PIL import Image
from pypdf import PdfReader

from balai.akun.models import Peran
from balai.core.tests import routes
from balai.mandiri import services as mandiri_services
from balai.penduduk.tests.factories import make_kk, make_penduduk
from balai.surat import services as surat_services
from balai.surat.models import PesanSurat, Surat
from balai.website.models import Perangkat

from .conftest import host, masuk

pytestmark = pytest.mark.django_db
ISIAN = {"keperluan": "Melamar pekerjaan", "lama_tinggal": "sejak 2010"}


def _png(name="ktp.png"):
    buf = io.BytesIO()
    Image.new("RGB", (40, 24), (200, 30, 30)).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def _lampiran():
    return {"lampiran_0": _png("ktp.png"), "lampiran_1": _png("kk.png")}


def _ajukan(client, untuk, **extra):
    data = {"untuk": untuk, **ISIAN, **_lampiran(), "telepon": "081234567890", **extra}
    return client.post("/mandiri/surat/baru/domisili/", data)


@pytest.fixture
def kades_a(make_user, desa_a):
    user = make_user(Peran.KEPALA_DESA, desa=desa_a, first_name="Budi", last_name="Santoso")
    with scopes_disabled():
        Perangkat.objects.create(desa=desa_a, nama="Budi Santoso", jabatan="Kepala Desa", pengguna=user, urutan=1)
    return user


def _tandatangani(desa, surat, operator, kades):
    with scope(desa=desa):
        perangkat = Perangkat.objects.get(pengguna=kades)
        surat_services.verifikasi_surat(surat=surat, actor=operator, penanda_tangan=perangkat)
        surat.refresh_from_db()
        surat_services.tandatangani_surat(surat=surat, actor=kades, terbitkan=True)
        surat.refresh_from_db()
    return surat


def test_ask_for_myself_and_for_a_kk_member(warga_client, kk_a, desa_a):
    kepala, anak, _anak2 = kk_a[1]
    assert warga_client.get("/mandiri/surat/baru/").status_code == 200
    form = warga_client.get("/mandiri/surat/baru/domisili/").content.decode()
    assert anak.nama in form and "Foto/scan KTP-el" in form
    for orang in (kepala, anak):
        response = _ajukan(warga_client, orang.pk)
        assert response.status_code == 302, response.content.decode()[:3000]
    with scopes_disabled():
        letters = list(Surat.objects.filter(desa=desa_a).order_by("pk"))
    assert [(s.penduduk_id, s.pemohon_id, s.kanal) for s in letters] == [
        (kepala.pk, kepala.pk, "mandiri"),
        (anak.pk, kepala.pk, "mandiri"),
    ]
    with scopes_disabled():
        assert letters[0].lampiran.count() == 2
    page = warga_client.get(f"/mandiri/surat/{letters[1].pk}/").content.decode()
    assert "Permohonan" in page and anak.nama in page
    home = warga_client.get("/mandiri/").content.decode()
    assert "Surat Keterangan Domisili" in home


def test_someone_outside_my_kk_is_refused(warga_client, desa_a, desa_b):
    with scopes_disabled():
        tetangga = make_penduduk(desa_a, nama="Tetangga Lain")
        _kk, (orang_b, *_r) = make_kk(desa_b, nama="Warga B")
    for untuk in (tetangga.pk, orang_b.pk, 999999):
        response = _ajukan(warga_client, untuk)
        assert response.status_code == 200
        assert "Surat hanya dapat diminta untuk diri sendiri atau anggota" in response.content.decode()
    with scopes_disabled():
        assert not Surat.objects.exists()


def test_missing_executable_or_oversized_attachments_are_refused(warga_client, warga_a, settings):
    response = warga_client.post("/mandiri/surat/baru/domisili/", {"untuk": warga_a.pk, **ISIAN})
    assert response.status_code == 200 and "Foto/scan KTP-el" in response.content.decode()
    exe = SimpleUploadedFile("ktp.png", b"MZ\x90\x00" + b"\x00" * 200, content_type="image/png")
    response = _ajukan(warga_client, warga_a.pk, lampiran_0=exe)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    settings.BALAI_MAX_LAMPIRAN_MB = 1
    big = SimpleUploadedFile("kk.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10), content_type="application/pdf")
    response = _ajukan(warga_client, warga_a.pk, lampiran_1=big)
    assert response.status_code == 200 and "terlalu besar" in response.content.decode()
    with scopes_disabled():
        assert not Surat.objects.exists()


def test_unknown_or_switched_off_type_is_404(warga_client):
    assert warga_client.get("/mandiri/surat/baru/tidak-ada/").status_code == 404


def test_follow_download_and_write_to_the_office(warga_client, desa_a, kk_a, operator_a, kades_a, client_for):
    kepala = kk_a[1][0]
    assert _ajukan(warga_client, kepala.pk).status_code == 302
    with scopes_disabled():
        surat = Surat.objects.get(desa=desa_a)
    assert warga_client.get(f"/mandiri/surat/{surat.pk}/unduh/").status_code == 404, "not signed yet"
    response = warga_client.post(f"/mandiri/surat/{surat.pk}/pesan/", {"teks": "Kapan bisa diambil?"})
    assert response.status_code == 302
    with scopes_disabled():
        pesan = PesanSurat.objects.get(surat=surat)
        assert pesan.dari_warga and pesan.pengirim == kepala.nama
        surat_services.kirim_pesan(surat=surat, teks="Besok pagi, Pak.", dari_warga=False, pengirim="Operator")
    page = warga_client.get(f"/mandiri/surat/{surat.pk}/").content.decode()
    assert "Kapan bisa diambil?" in page and "Besok pagi, Pak." in page
    _tandatangani(desa_a, surat, operator_a, kades_a)
    page = warga_client.get(f"/mandiri/surat/{surat.pk}/").content.decode()
    assert "Unduh surat (PDF)" in page and "Siap diambil" in page
    pdf = warga_client.get(f"/mandiri/surat/{surat.pk}/unduh/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert kepala.nama in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()
    assert "no-store" in pdf["Cache-Control"]


def test_empty_message_is_refused(warga_client, kk_a, desa_a):
    assert _ajukan(warga_client, kk_a[1][0].pk).status_code == 302
    with scopes_disabled():
        surat = Surat.objects.get(desa=desa_a)
    assert warga_client.get(f"/mandiri/surat/{surat.pk}/pesan/").status_code == 405
    warga_client.post(f"/mandiri/surat/{surat.pk}/pesan/", {"teks": "   "})
    with scopes_disabled():
        assert not PesanSurat.objects.exists()


def _warga_routes_with_pk():
    return [route for route, p in routes.walk() if getattr(p.callback, "warga_view", False) and "<int:pk>" in route]


def test_other_letters_are_404_on_every_mandiri_path(warga_client, desa_a, desa_b, operator_a, operator_b):
    """Another village's letter, and a letter of a resident outside my KK in my own village."""
    with scopes_disabled():
        _kk, (orang_b, *_r) = make_kk(desa_b, nama="Warga B")
        tetangga = make_penduduk(desa_a, nama="Tetangga Lain")
    theirs = []
    for desa, orang, operator in ((desa_b, orang_b, operator_b), (desa_a, tetangga, operator_a)):
        with scope(desa=desa):
            theirs.append(
                surat_services.ajukan_permohonan(
                    desa=desa,
                    jenis="domisili",
                    penduduk=orang,
                    pemohon=None,
                    isian=ISIAN,
                    lampiran={},
                    kanal=Surat.Kanal.KANTOR,
                    actor=operator,
                )  # fmt: skip
            )
    paths = _warga_routes_with_pk()
    assert len(paths) >= 3
    for surat in theirs:
        for route in paths:
            path = routes.fill(route, {"pk": surat.pk})
            assert warga_client.get(path).status_code == 404, path
            assert warga_client.post(path, {"teks": "halo"}).status_code == 404, path
    with scopes_disabled():
        assert not PesanSurat.objects.exists()


def test_letter_pages_query_counts(warga_client, kk_a, desa_a, django_assert_max_num_queries):
    for _ in range(3):
        assert _ajukan(warga_client, kk_a[1][0].pk).status_code == 302
    with scopes_disabled():
        surat = Surat.objects.filter(desa=desa_a).first()
    for path in ("/mandiri/", "/mandiri/surat/", "/mandiri/surat/baru/", "/mandiri/surat/baru/domisili/",
                 f"/mandiri/surat/{surat.pk}/"):  # fmt: skip
        warga_client.get(path)
        with django_assert_max_num_queries(8):
            assert warga_client.get(path).status_code == 200, path


def test_a_resident_of_this_village_cannot_open_letters_after_moving_away(warga_client, kk_a, desa_a, operator_a):
    assert _ajukan(warga_client, kk_a[1][0].pk).status_code == 302
    with scopes_disabled():
        surat = Surat.objects.get(desa=desa_a)
        akun = mandiri_services.selectors.akun_penduduk(desa=desa_a, penduduk=kk_a[1][0])
        mandiri_services.nonaktifkan(desa=desa_a, actor=operator_a, akun=akun)
    assert warga_client.get(f"/mandiri/surat/{surat.pk}/").status_code == 302
    assert masuk(Client(HTTP_HOST=host(desa_a)), kk_a[1][0].nik, "480613").status_code == 200


def test_requests_and_messages_are_limited_per_hour(warga_client, kk_a, desa_a, monkeypatch):
    from balai.mandiri import permohonan

    monkeypatch.setattr(permohonan, "PERMOHONAN_PER_JAM", 1)
    monkeypatch.setattr(permohonan, "PESAN_PER_JAM", 1)
    assert _ajukan(warga_client, kk_a[1][0].pk).status_code == 302
    response = _ajukan(warga_client, kk_a[1][0].pk)
    assert response.status_code == 200 and "Terlalu banyak permohonan" in response.content.decode()
    with scopes_disabled():
        surat = Surat.objects.get(desa=desa_a)
    warga_client.post(f"/mandiri/surat/{surat.pk}/pesan/", {"teks": "Satu"})
    response = warga_client.post(f"/mandiri/surat/{surat.pk}/pesan/", {"teks": "Dua"}, follow=True)
    assert "Terlalu banyak pesan" in response.content.decode()
    with scopes_disabled():
        assert list(PesanSurat.objects.values_list("teks", flat=True)) == ["Satu"]
