"""The oversight and pembinaan pages at phone width: the activity score, Sipande, alerts, the
SPBE/KIP evidence form, proposals and guides."""

import pytest
from django.utils import timezone

from balai.akun.models import Peran
from balai.pengawasan import services
from balai.pengawasan.models import KecamatanSipande, Panduan
from tests.e2e.test_panel_browser import look, signed_in

pytestmark = pytest.mark.browser


def test_oversight_pages_fit_a_phone(page, site, client_for, make_user, kabupaten, kaligondang, desa_a, desa_b):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    services.hitung_skor(kabupaten=kabupaten)
    KecamatanSipande.objects.create(kecamatan=kaligondang)
    services.ajukan_usulan(
        desa=desa_a, judul="Presensi perangkat dengan kode QR", uraian="Pengganti buku hadir.", actor=admin
    )
    services.simpan_panduan(
        panduan=Panduan(
            kabupaten=kabupaten, judul="Menerbitkan kabar setiap hari", untuk="operator", isi="<p>Tulis.</p>"
        ),
        actor=admin,
    )
    signed_in(page, client_for(None, admin), "localhost")
    look(page, site(None, "/dasbor/skor/"), "kab-skor")
    assert page.get_by_role("link", name="Selakambang").first.is_visible()
    look(page, site(None, f"/dasbor/skor/desa/{desa_a.pk}/"), "kab-skor-desa")
    look(page, site(None, "/dasbor/skor/pengaturan/"), "kab-skor-bobot")
    look(page, site(None, "/dasbor/sipande/"), "kab-sipande")
    look(page, site(None, "/dasbor/peringatan/"), "kab-peringatan")
    bulan = timezone.localdate().strftime("%Y-%m")
    look(page, site(None, f"/dasbor/bukti/?dari={bulan}&sampai={bulan}"), "kab-bukti")
    look(page, site(None, "/dasbor/usulan/"), "kab-usulan")

    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    signed_in(page, client_for(desa_a, operator), "selakambang.localhost")
    look(page, site("selakambang", "/admin-desa/usulan/"), "desa-usulan")
    assert page.get_by_text("Presensi perangkat dengan kode QR").is_visible()
    look(page, site("selakambang", "/admin-desa/panduan/"), "desa-panduan")
    page.get_by_role("link", name="Menerbitkan kabar setiap hari").click()
    assert page.get_by_text("Tulis.").is_visible()


def test_the_kecamatan_ticks_a_village_checklist_on_a_phone(
    page, site, client_for, make_user, kabupaten, kaligondang, desa_a
):
    from balai.pengawasan import pembinaan
    from balai.pengawasan.models import ButirPembinaan
    from balai.pengawasan.peringatan import kirim_peringatan

    pembinaan.pastikan_butir_awal(kabupaten=kabupaten)
    kirim_peringatan(kabupaten=kabupaten)  # the alerts page then says since when
    operator = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    signed_in(page, client_for(kaligondang, operator), "kec-kaligondang.localhost")
    look(page, site("kec-kaligondang", "/dasbor/pembinaan/"), "kec-pembinaan")
    page.get_by_role("link", name="Selakambang").click()
    look(page, site("kec-kaligondang", f"/dasbor/pembinaan/desa/{desa_a.pk}/"), "kec-pembinaan-desa")
    bimtek = page.locator(f"#butir-{ButirPembinaan.objects.get(judul__contains='bimtek').pk}")
    bimtek.get_by_text("Tanggal lain atau catatan").click()
    bimtek.get_by_label("Catatan (tidak wajib)").fill("Bimtek angkatan 2")
    bimtek.get_by_role("button", name="Tandai selesai").click()
    assert page.get_by_text("1 dari 6 butir selesai").is_visible()
    assert page.get_by_text("Bimtek angkatan 2").is_visible()
    look(page, page.url, "kec-pembinaan-desa-dicentang")
    page.get_by_role("button", name="Batalkan tanda selesai").click()
    assert page.get_by_text("0 dari 6 butir selesai").is_visible()
    look(page, site("kec-kaligondang", "/dasbor/peringatan/"), "kec-peringatan")
    assert page.get_by_text("sejak").first.is_visible()
    look(page, site("kec-kaligondang", "/akun/sandi/"), "kec-akun-surel")
    page.get_by_label("Kirim surel peringatan harian kepada saya").uncheck()
    page.get_by_role("button", name="Simpan pilihan surel").click()
    assert page.get_by_text("Surel peringatan harian dihentikan").is_visible()

    admin = make_user(Peran.ADMIN_KABUPATEN)
    signed_in(page, client_for(None, admin), "localhost")
    look(page, site(None, "/dasbor/pembinaan/"), "kab-pembinaan")
    look(page, site(None, "/dasbor/pembinaan/butir/"), "kab-pembinaan-butir")
    desa = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    signed_in(page, client_for(desa_a, desa), "selakambang.localhost")
    look(page, site("selakambang", "/admin-desa/panduan/"), "desa-panduan-periksa")
    assert page.get_by_text("Daftar periksa pembinaan: 0%").is_visible()
