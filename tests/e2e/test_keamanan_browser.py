"""Keamanan digital pages on a 390 px phone: the village's check and guide, the kabupaten's
scores, review of a held text, findings and the lists. Set BALAI_SCREENSHOTS=<folder> to keep
screenshots."""

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.keamanan.models import Penahanan, Temuan
from balai.website import services as website

from .test_panel_browser import look, signed_in

pytestmark = pytest.mark.browser


@pytest.fixture
def held(desa_a, make_user):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a, username="op-keamanan")
    isi = (
        '<p>Kerja bakti.</p><div style="display:none"><a href="https://mahkota88.example/">slot gacor maxwin</a></div>'
    )
    with scope(desa=desa_a):
        website.simpan_artikel(
            desa=desa_a, actor=operator, data={"judul": "Kerja bakti Dusun Krajan", "isi": isi, "status": "terbit"}
        )
    with scopes_disabled():
        Temuan.objects.create(
            desa=desa_a,
            halaman="/",
            aturan="skrip_asing",
            keterangan="skrip dari situs luar (cdn-statistik.example)",
            kutipan="https://cdn-statistik.example/s.js",
            sidik="x",
            terakhir=timezone.now(),
        )
        return Penahanan.objects.get()


def test_village_security_pages_fit_a_phone(page, site, client_for, make_user, desa_a, held):
    admin = make_user(Peran.ADMIN_DESA, desa=desa_a)
    signed_in(page, client_for(desa_a, admin), "selakambang.localhost")
    look(page, site("selakambang", "/admin-desa/keamanan/"), "desa-keamanan")
    assert page.get_by_text("Skor keamanan").is_visible()
    assert page.get_by_text("cdn-statistik.example").first.is_visible()
    look(page, site("selakambang", "/admin-desa/keamanan/panduan/"), "desa-keamanan-panduan")
    assert page.get_by_role("heading", name="Admin desa").is_visible()


def test_kabupaten_security_pages_fit_a_phone(page, site, client_for, make_user, desa_a, held):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    signed_in(page, client_for(None, admin), "localhost")
    look(page, site(None, "/dasbor/keamanan/"), "kab-keamanan")
    look(page, site(None, "/dasbor/keamanan/ditahan/"), "kab-keamanan-ditahan")
    look(page, site(None, f"/dasbor/keamanan/ditahan/{held.pk}/"), "kab-keamanan-tinjau")
    page.get_by_label("Lepaskan (terbitkan)").check()
    page.get_by_role("button", name="Simpan keputusan").click()
    assert page.get_by_text("dilepas dan diterbitkan").is_visible()
    look(page, site(None, "/dasbor/keamanan/temuan/"), "kab-keamanan-temuan")
    look(page, site(None, "/dasbor/keamanan/daftar/"), "kab-keamanan-daftar")
    page.get_by_label("Domain:", exact=True).fill("https://judi.example/daftar")
    page.get_by_role("button", name="Blokir domain").click()
    assert page.get_by_text("bukan domain").first.is_visible()
