"""The public PPID pages: cached where they may be, bad input refused with a reason and nothing
stored, another village's number or token answered exactly like an unknown one."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled

from balai.ppid import services
from balai.ppid.models import InformasiPublik, Permohonan
from balai.publikasi.models import Dokumen

from .conftest import foto_ktp

pytestmark = pytest.mark.django_db


def _jumlah():
    with scopes_disabled():
        return Permohonan.objects.count()


def test_dip_lists_stored_entries_and_what_the_site_publishes(desa_a, client_for, django_assert_max_num_queries):
    with scopes_disabled():
        InformasiPublik.objects.create(
            desa=desa_a, kategori="berkala", judul="RKP Desa 2026", penguasa="Sekdes", penanggung_jawab="Kades",
            wajib="rkpdes",
        )  # fmt: skip
        InformasiPublik.objects.create(
            desa=desa_a, kategori="dikecualikan", judul="Data pribadi penerima bantuan", penguasa="Kaur",
            penanggung_jawab="Kades", uji_konsekuensi="Mengungkap rahasia pribadi", dasar_hukum="Pasal 17 huruf h",
        )  # fmt: skip
        Dokumen.objects.create(desa=desa_a, judul="Perdes APBDes 2026", kategori="apbdes", jenis="pdf", berkas="x.pdf")
    client = client_for(desa_a)
    with django_assert_max_num_queries(25):
        body = client.get("/ppid/informasi/").content.decode()
    for teks in ("RKP Desa 2026", "Data pribadi penerima bantuan", "Perdes APBDes 2026", "Maklumat, tata cara"):
        assert teks in body
    assert "Perdes APBDes 2026" not in client.get("/ppid/informasi/", {"kategori": "dikecualikan"}).content.decode()
    cari = client.get("/ppid/informasi/", {"q": "apbdes"}).content.decode()
    assert "Perdes APBDes 2026" in cari and "RKP Desa 2026" not in cari
    assert client.get("/ppid/").status_code == 200
    assert "public" in client.get("/ppid/informasi/")["Cache-Control"]


def test_flooding_the_form_is_throttled_per_address(desa_a, client_for, isian, settings):
    settings.BALAI_PPID_KIRIM_PER_JAM = 3
    client = client_for(desa_a)
    for _ in range(3):
        assert client.post("/ppid/permohonan/", {**isian, "berkas_identitas": foto_ktp()}).status_code == 302
    ditolak = client.post("/ppid/permohonan/", {**isian, "berkas_identitas": foto_ktp()})
    assert ditolak.status_code == 429 and "Terlalu banyak" in ditolak.content.decode()
    assert _jumlah() == 3
    lain = client_for(desa_a)
    assert lain.post("/ppid/permohonan/", isian, REMOTE_ADDR="10.9.9.9").status_code == 200  # another address


def test_honeypot_filled_is_refused(desa_a, client_for, isian):
    response = client_for(desa_a).post(
        "/ppid/permohonan/", {**isian, "berkas_identitas": foto_ktp(), "situs_web": "http://spam"}
    )
    assert response.status_code == 400 and _jumlah() == 0


@pytest.mark.parametrize(
    "berkas,pesan",
    [
        (SimpleUploadedFile("ktp.jpg", b"MZ\x90\x00" + b"\x00" * 200), "bukan keduanya"),
        (SimpleUploadedFile("ktp.pdf", b"%PDF-1.4\n/JavaScript (app.alert(1))\n%%EOF"), "JavaScript"),
        (SimpleUploadedFile("ktp.jpg", b"\xff\xd8\xff" + b"0" * (6 * 1024 * 1024)), "terlalu besar"),
    ],
    ids=["exe", "pdf-js", "oversize"],
)
def test_bad_id_scan_is_refused_and_nothing_stored(desa_a, client_for, isian, berkas, pesan):
    response = client_for(desa_a).post("/ppid/permohonan/", {**isian, "berkas_identitas": berkas})
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert _jumlah() == 0


def test_missing_contact_and_copy_method_are_named(desa_a, client_for, isian):
    data = {**isian, "telepon": "", "email": "", "cara_salinan": ""}
    body = client_for(desa_a).post("/ppid/permohonan/", {**data, "berkas_identitas": foto_ktp()}).content.decode()
    assert "nomor telepon atau alamat email" in body and "cara mendapatkan salinan" in body
    assert _jumlah() == 0


def test_prefilled_form_takes_a_plain_dict(desa_a, rf):
    from balai.ppid.forms import PermohonanForm

    form = PermohonanForm(initial={"nama": "Budi", "alamat": "RT 01"})
    assert 'value="Budi"' in str(form["nama"])


def test_another_villages_token_and_number_are_404_like_unknown(desa_a, desa_b, client_for, isian):
    with scope(desa=desa_b):
        theirs = services.ajukan_permohonan(desa=desa_b, data=isian, hari=date(2026, 3, 2))
    with scope(desa=desa_a):
        mine = services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2026, 3, 2))
    a = client_for(desa_a)
    assert client_for(desa_b).get(f"/ppid/status/{theirs.token}/").status_code == 200
    unknown = a.get("/ppid/status/tidak-ada-token-seperti-ini/")
    other = a.get(f"/ppid/status/{theirs.token}/")
    assert other.status_code == unknown.status_code == 404
    assert a.get(f"/ppid/status/{mine.token}/").status_code == 200
    # The objection form: B's number and token on A's host read as "no match", as a wrong pair does.
    salah = a.post("/ppid/keberatan/", {"nomor": theirs.nomor, "kode": theirs.token, "alasan": "tidak_ditanggapi"})
    ngawur = a.post("/ppid/keberatan/", {"nomor": "PPID/x/2026/0001", "kode": "x", "alasan": "tidak_ditanggapi"})
    pesan = "tidak cocok dengan permohonan di desa ini"
    assert pesan in salah.content.decode() and pesan in ngawur.content.decode()
    assert theirs.nomor not in salah.content.decode().replace(f'value="{theirs.nomor}"', "")


def test_objection_outside_its_window_shows_the_closing_date(desa_a, ppid_a, client_for, isian, monkeypatch):
    with scope(desa=desa_a):
        item = services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2025, 1, 6))
        item = services.jawab_permohonan(
            desa=desa_a, actor=ppid_a, permohonan=item, jawaban="seluruhnya", hari=date(2025, 1, 8)
        )
    akhir = services.tg.jendela_keberatan(jawaban_tanggal=item.jawaban_tanggal, tenggat=item.tenggat, hari=None)[1]
    response = client_for(desa_a).post(
        "/ppid/keberatan/", {"nomor": item.nomor, "kode": item.token, "alasan": "tidak_sesuai"}
    )
    body = response.content.decode()
    assert "sudah berakhir" in body and akhir.strftime("%d-%m-%Y") in body


def test_site_search_finds_dip_entries(desa_a, client_for):
    with scopes_disabled():
        InformasiPublik.objects.create(
            desa=desa_a, kategori="setiap_saat", judul="Notulen musyawarah dusun", penguasa="Sekdes",
            penanggung_jawab="Kades",
        )  # fmt: skip
    body = client_for(desa_a).get("/cari/", {"q": "notulen"}).content.decode()
    assert "Notulen musyawarah dusun" in body and "Informasi publik" in body
