"""Letters in a browser at 390 px: the operator finds the resident and creates a letter, the
kepala desa signs it, the PDF downloads and its QR address opens the verification page."""

import re

import pytest
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.penduduk.tests.factories import make_kk
from balai.surat.models import Surat
from balai.website.models import Perangkat
from tests.e2e.test_panel_browser import look, signed_in

pytestmark = pytest.mark.browser


def test_letter_from_request_to_verification(page, site, client_for, make_user, desa_a, tmp_path):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    kades = make_user(Peran.KEPALA_DESA, desa=desa_a)
    with scopes_disabled():
        Perangkat.objects.create(desa=desa_a, nama="Budi Santoso", jabatan="Kepala Desa", pengguna=kades)
        warga = make_kk(desa_a, nama="Sumarni Wulandari", anggota=1)[1][0]

    signed_in(page, client_for(desa_a, operator), "selakambang.localhost")
    look(page, site("selakambang", "/admin-desa/surat/"), "surat-antrean")
    page.get_by_role("link", name="+ Buat surat").click()
    page.get_by_role("link", name="Surat Keterangan Domisili").click()
    page.get_by_label("Nama atau NIK").fill("Sumarni")
    page.get_by_role("link", name="Sumarni Wulandari", exact=True).click()
    look(page, page.url, "surat-isian")
    page.get_by_label("Keperluan").fill("Mendaftar BPJS")
    page.get_by_label("Nomor HP/WA pemohon").fill("081234567890")
    page.get_by_role("button", name="Simpan permohonan").click()
    assert page.get_by_text("Surat dibuat").is_visible()
    look(page, page.url, "surat-detail")
    assert (
        page.get_by_role("link", name="Kirim WhatsApp").get_attribute("href").startswith("https://wa.me/6281234567890")
    )
    page.get_by_role("button", name="Verifikasi").click()
    assert page.get_by_text("menunggu tanda tangan").first.is_visible()
    detail = page.url

    page.context.clear_cookies()
    signed_in(page, client_for(desa_a, kades), "selakambang.localhost")
    look(page, detail, "surat-tandatangan")
    page.get_by_role("button", name="Tandatangani").click()
    assert page.get_by_text(re.compile("ditandatangani dan terbit")).is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh PDF").click()
    saved = tmp_path / "surat.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    with scopes_disabled():
        surat = Surat.objects.get(desa=desa_a, penduduk=warga)
    visitor = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    look(visitor, site("selakambang", f"/surat/verifikasi/{surat.token}/"), "surat-verifikasi")
    assert visitor.get_by_text("Surat ini sah").is_visible()
    assert visitor.get_by_text(surat.nomor_lengkap).is_visible()
    visitor.context.close()


def _tidak_terpotong(page):
    """No table of the page hides columns in a sideways scroll, but a count matrix (whose row
    names stay in view)."""
    terpotong = page.evaluate(
        "[...document.querySelectorAll('.table-wrap')].filter(w => !w.querySelector('table.matriks'))"
        ".filter(w => w.scrollWidth > w.clientWidth + 1).length"
    )
    assert terpotong == 0


def test_letter_registers_fit_a_phone(page, site, client_for, make_user, desa_a):
    """Buku Agenda Surat Masuk and Keluar at 390 px: one card per letter, nothing cut off."""
    import io
    import random

    from django.utils import timezone

    from balai.demo import surat as demo

    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    hari = timezone.localdate()
    with scopes_disabled():
        for i, jabatan in enumerate(["Kepala Desa", "Sekretaris Desa", "Kasi Pemerintahan", "Kaur Keuangan"]):
            Perangkat.objects.create(desa=desa_a, nama=f"Perangkat {i}", jabatan=jabatan, urutan=i)
        demo._surat_masuk([desa_a], desa_a, random.Random(2), io.StringIO())
        warga = make_kk(desa_a, nama="Sumarni Wulandari", anggota=1)[1][0]
        for n in (1, 2):
            Surat.objects.create(
                desa=desa_a, jenis="domisili", klasifikasi="470", penduduk=warga, status=Surat.Status.SELESAI,
                nomor=n, nomor_lengkap=f"470/{n:03}/2006/XII/{hari.year}", tanggal_surat=hari,
                ditandatangani_pada=timezone.now(), penanda_tangan=Perangkat.objects.get(desa=desa_a, urutan=0),
            )  # fmt: skip
    signed_in(page, client_for(desa_a, operator), "selakambang.localhost")
    look(page, site("selakambang", f"/admin-desa/surat/masuk/?tahun={hari.year}"), "surat-masuk")
    _tidak_terpotong(page)
    assert page.get_by_text("Camat Kaligondang").is_visible()
    page.get_by_role("link", name=f"1/{hari.year}", exact=True).click()
    look(page, page.url, "surat-masuk-detail")
    look(page, site("selakambang", f"/admin-desa/surat/agenda/?tahun={hari.year}"), "surat-agenda")
    _tidak_terpotong(page)
    assert page.get_by_text("Sumarni Wulandari").first.is_visible()
