from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.pengawasan.models import Pengingat

pytestmark = pytest.mark.django_db


def test_alerts_name_stale_sites_and_villages_nobody_works_in(
    client_for, kabupaten, desa_a, desa_b, make_user, make_artikel
):
    operator = make_user(Peran.OPERATOR_DESA, desa=desa_a, email="op@desa.id")
    operator.last_login = timezone.now()
    operator.save()
    make_artikel(desa_a, "Kabar", terbit_pada=timezone.now() - timedelta(days=1))
    halaman = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN)).get("/dasbor/peringatan/").content.decode()
    assert desa_b.nama in halaman and "Situs belum pernah menerbitkan apa pun" in halaman
    assert "Tidak ada petugas desa yang masuk dalam 30 hari" in halaman
    assert f"<h2>{desa_a.nama} " not in halaman  # fresh site, someone at work: nothing to say


def test_reminding_a_village_shows_on_its_dashboard_mails_its_admins_and_is_recorded(
    client_for, kabupaten, kaligondang, desa_a, make_user
):
    make_user(Peran.ADMIN_DESA, desa=desa_a, email="admin@selakambang.desa.id")
    make_user(Peran.PERANGKAT_DESA, desa=desa_a, email="perangkat@selakambang.desa.id")
    kec = client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang))
    assert kec.get(f"/dasbor/peringatan/{desa_a.pk}/ingatkan/").status_code == 405
    jawab = kec.post(f"/dasbor/peringatan/{desa_a.pk}/ingatkan/", {"pesan": "Terbitkan kabar minggu ini."})
    assert jawab.status_code == 302
    assert [m.to for m in mail.outbox] == [["admin@selakambang.desa.id"]]
    with scopes_disabled():
        pengingat = Pengingat.objects.get()
    assert pengingat.email_terkirim == 1 and pengingat.dari_kecamatan
    dasbor = client_for(desa_a, make_user(Peran.OPERATOR_DESA, desa=desa_a)).get("/admin-desa/").content.decode()
    assert "Terbitkan kabar minggu ini." in dasbor


def test_a_kecamatan_cannot_remind_a_village_of_another_kecamatan(client_for, kaligondang, desa_b, make_user):
    kec = client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang))
    assert kec.post(f"/dasbor/peringatan/{desa_b.pk}/ingatkan/", {"pesan": "x"}).status_code == 404
    assert desa_b.nama not in kec.get("/dasbor/peringatan/").content.decode()
    with scopes_disabled():
        assert not Pengingat.objects.exists()
