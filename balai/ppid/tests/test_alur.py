"""A request's whole life: the public form, the status page, the PPID's answer and its written
notice (PDF), an objection and the atasan's decision, the registers and the annual report."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook
from pypdf import PdfReader

from balai.core.models import AuditEntry
from balai.ppid import services
from balai.ppid.models import Keberatan, Permohonan

from .conftest import foto_ktp

pytestmark = pytest.mark.django_db


def _pdf_text(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF-")
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_from_public_form_to_registers_and_annual_report(
    desa_a, ppid_a, kades_a, client_for, isian, django_capture_on_commit_callbacks
):
    ppid_a.email = "ppid@selakambang.id"
    ppid_a.save()
    publik = client_for(desa_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = publik.post("/ppid/permohonan/", {**isian, "berkas_identitas": foto_ktp()})
    assert response.status_code == 302, response.content.decode()[:2000]
    status_url = response["Location"]
    assert re.fullmatch(r"/ppid/status/[\w-]{20,}/", status_url)
    with scopes_disabled():
        item = Permohonan.objects.get()
    assert item.nomor == f"PPID/{desa_a.kode}/{item.diterima.year}/0001"
    assert item.berkas_identitas.name.startswith(f"desa/{desa_a.pk}/ppid/")
    assert mail.outbox and "ppid@selakambang.id" in mail.outbox[0].to

    page = publik.get(status_url)
    body = page.content.decode()
    assert page.status_code == 200 and item.nomor in body and "Sedang diproses" in body
    for pribadi in (isian["nama"], isian["nomor_identitas"], isian["alamat"], isian["telepon"], isian["email"]):
        assert pribadi not in body
    assert "no-store" in page["Cache-Control"]

    kantor = client_for(desa_a, ppid_a)
    antrean = kantor.get("/admin-desa/ppid/").content.decode()
    assert item.nomor in antrean
    detail = f"/admin-desa/ppid/permohonan/{item.pk}/"
    assert isian["nama"] in kantor.get(detail).content.decode()
    assert kantor.get(detail + "identitas/").status_code == 200

    # A refusal without its legal basis is refused, nothing changes.
    tanpa_alasan = kantor.post(detail + "jawab/", {"jawaban": "ditolak", "uraian_jawaban": "Dikecualikan"})
    assert tanpa_alasan.status_code == 400
    assert "dasar hukum pengecualian" in tanpa_alasan.content.decode().lower()
    with scopes_disabled():
        item.refresh_from_db()
    assert item.jawaban == ""

    jawab = kantor.post(
        detail + "jawab/",
        {
            "jawaban": "sebagian",
            "uraian_jawaban": "Salinan APBDes dikirim lewat email; data pribadi penerima bantuan dihitamkan.",
            "dasar_pengecualian": "UU 14/2008 Pasal 17 huruf h",
            "uji_konsekuensi": "Membuka nama penerima bantuan mengungkap rahasia pribadi.",
            "biaya": "0",
        },
    )
    assert jawab.status_code == 302
    teks = _pdf_text(kantor.get(detail + "spt.pdf"))
    for bagian in ("PEMBERITAHUAN TERTULIS", item.nomor, isian["nama"], "Diberikan sebagian", "Pasal 17 huruf h"):
        assert bagian in teks, bagian

    assert "Sudah dijawab" in publik.get(status_url).content.decode()
    keberatan = publik.post(
        "/ppid/keberatan/",
        {"nomor": item.nomor, "kode": item.token, "alasan": "tidak_sesuai", "uraian": "Saya minta rincian lengkap."},
    )
    assert keberatan.status_code == 302
    with scopes_disabled():
        kb = Keberatan.objects.get()
    assert kb.nomor == f"KEB/{desa_a.kode}/{kb.diterima.year}/0001"
    assert kb.nomor in publik.get(status_url).content.decode()

    # The PPID may not decide the objection; the kepala desa (atasan PPID) does.
    assert kantor.post(f"/admin-desa/ppid/keberatan/{kb.pk}/tanggapi/", {}).status_code == 403
    atasan = client_for(desa_a, kades_a)
    putus = atasan.post(
        f"/admin-desa/ppid/keberatan/{kb.pk}/tanggapi/",
        {"putusan": "ditolak", "tanggapan": "Penghitaman sesuai Pasal 17 huruf h; jawaban PPID dikuatkan."},
    )
    assert putus.status_code == 302

    buku = load_workbook(io.BytesIO(kantor.get("/admin-desa/ppid/register/permohonan/", {"format": "xlsx"}).content))
    sel = [c for row in buku.active.iter_rows(values_only=True) for c in row]
    assert item.nomor in sel and isian["nama"] in sel
    teks = _pdf_text(kantor.get("/admin-desa/ppid/register/keberatan/", {"format": "pdf"}))
    assert kb.nomor in teks
    laporan = kantor.get("/admin-desa/ppid/laporan/", {"tahun": item.tahun}).content.decode()
    assert "Diberikan sebagian" in laporan and "Pasal 17 huruf h" in laporan
    teks = _pdf_text(kantor.get("/admin-desa/ppid/laporan/", {"tahun": item.tahun, "format": "pdf"}))
    assert f"TAHUN {item.tahun}" in teks and "Keberatan ditolak atasan PPID" in teks

    with scopes_disabled():
        actions = set(AuditEntry.objects.filter(desa=desa_a).values_list("action", flat=True))
        logged = " ".join(str(c) for c in AuditEntry.objects.values_list("changes", flat=True))
    assert {
        "ppid.permohonan_diterima",
        "ppid.permohonan_dijawab",
        "ppid.spt_dicetak",
        "ppid.identitas_dilihat",
        "ppid.keberatan_diterima",
        "ppid.keberatan_ditanggapi",
        "ppid.register_diunduh",
    } <= actions
    assert isian["nama"] not in logged and isian["nomor_identitas"] not in logged


def test_extension_once_with_a_reason(desa_a, ppid_a, isian):
    hari = date(2026, 6, 1)
    with scope(desa=desa_a):
        item = services.ajukan_permohonan(desa=desa_a, data=isian, hari=hari)
        with pytest.raises(Exception, match="alasan"):
            services.perpanjang_permohonan(desa=desa_a, actor=ppid_a, permohonan=item, alasan=" ", hari=hari)
        lama = item.tenggat
        item = services.perpanjang_permohonan(
            desa=desa_a, actor=ppid_a, permohonan=item, alasan="Dokumen di arsip kecamatan", hari=hari
        )
        assert item.tenggat > lama and item.status == "diperpanjang"
        with pytest.raises(Exception, match="satu kali"):
            services.perpanjang_permohonan(desa=desa_a, actor=ppid_a, permohonan=item, alasan="lagi", hari=hari)


def test_objection_after_its_window_is_refused_with_the_closing_date(desa_a, ppid_a, isian):
    hari = date(2026, 2, 2)
    with scope(desa=desa_a):
        item = services.ajukan_permohonan(desa=desa_a, data=isian, hari=hari)
        with pytest.raises(Exception, match="masih diproses"):
            services.ajukan_keberatan(desa=desa_a, permohonan=item, alasan="tidak_ditanggapi", hari=hari)
        item = services.jawab_permohonan(
            desa=desa_a, actor=ppid_a, permohonan=item, jawaban="seluruhnya", hari=hari + timedelta(days=3)
        )
        akhir = services.tg.jendela_keberatan(jawaban_tanggal=item.jawaban_tanggal, tenggat=item.tenggat, hari=hari)[1]
        with pytest.raises(Exception, match=akhir.strftime("%d-%m-%Y")):
            services.ajukan_keberatan(
                desa=desa_a, permohonan=item, alasan="tidak_sesuai", hari=akhir + timedelta(days=1)
            )
        assert not Keberatan.objects.exists()
        # Unanswered past the deadline: the window runs from the deadline.
        lain = services.ajukan_permohonan(desa=desa_a, data=isian, hari=hari)
        kb = services.ajukan_keberatan(
            desa=desa_a, permohonan=lain, alasan="tidak_ditanggapi", hari=lain.tenggat + timedelta(days=1)
        )
        assert kb.tenggat > kb.diterima


def test_numbers_run_per_village_and_year(desa_a, desa_b, isian):
    with scope(desa=desa_a):
        a1 = services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2026, 12, 30))
        a2 = services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2026, 12, 31))
        a3 = services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2027, 1, 4))
    with scope(desa=desa_b):
        b1 = services.ajukan_permohonan(desa=desa_b, data=isian, hari=date(2026, 12, 30))
    assert [a1.urut, a2.urut, a3.urut, b1.urut] == [1, 2, 1, 1]
    assert a3.nomor.endswith("/2027/0001") and b1.nomor.startswith(f"PPID/{desa_b.kode}/")
    assert a1.token != b1.token


def test_reminders_go_to_the_villages_ppid_accounts(desa_a, ppid_a, isian):
    ppid_a.email = "ppid@selakambang.id"
    ppid_a.save()
    with scope(desa=desa_a):
        item = services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2026, 3, 2))
    mail.outbox.clear()
    assert services.kirim_pengingat(hari=item.tenggat) == 1
    assert mail.outbox[0].to == ["ppid@selakambang.id"] and item.nomor in mail.outbox[0].body
    mail.outbox.clear()
    assert services.kirim_pengingat(hari=date(2026, 3, 3)) == 0  # nothing due within 3 working days


def test_reminder_command(desa_a, ppid_a, isian):
    from django.core.management import call_command

    ppid_a.email = "ppid@selakambang.id"
    ppid_a.save()
    with scope(desa=desa_a):
        item = services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2026, 3, 2))
    out = io.StringIO()
    call_command("ppid_pengingat", tanggal=item.tenggat + timedelta(days=7), stdout=out)
    assert "1 desa" in out.getvalue()
    assert "PPID" in mail.outbox[-1].subject and item.nomor in mail.outbox[-1].body
