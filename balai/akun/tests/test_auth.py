import re

import pytest
from django.core import mail
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.akun.services import buat_tautan_2fa
from balai.core.models import AuditEntry
from conftest import PASSWORD


def login(client, username, password=PASSWORD):
    return client.post("/masuk/", {"username": username, "password": password})


def actions(desa=None):
    with scopes_disabled():
        return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_operator_signs_in_on_own_village_host(client_for, operator_a, desa_a):
    client = client_for(desa_a)
    response = login(client, operator_a.username)
    assert response.status_code == 302 and response["Location"] == "/admin-desa/"
    assert client.get("/admin-desa/").status_code == 200
    assert "akun.masuk" in actions()


def test_wrong_password_is_refused_clearly_and_logged(client_for, operator_a, desa_a):
    client = client_for(desa_a)
    response = login(client, operator_a.username, "salah-sandi")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()
    assert client.get("/admin-desa/").status_code == 302
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="akun.gagal_masuk")
    assert entry.object_label == operator_a.username and entry.desa == desa_a
    assert "salah-sandi" not in str(entry.changes)


def test_repeated_failures_lock_the_account_out(client_for, operator_a, desa_a, settings):
    client = client_for(desa_a)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, operator_a.username, "salah-sandi")
    response = login(client, operator_a.username)  # even the right password is refused now
    assert response.status_code in (403, 429)
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert client.get("/admin-desa/").status_code == 302


def test_user_of_another_village_cannot_sign_in_here(client_for, operator_b, desa_a):
    client = client_for(desa_a)
    response = login(client, operator_b.username)
    assert response.status_code == 200
    assert "tidak terdaftar untuk situs ini" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_session_of_one_village_is_refused_on_another(client_for, operator_b, desa_a):
    response = client_for(desa_a, operator_b).get("/admin-desa/")
    assert response.status_code == 403
    assert "Karangpetir" not in response.content.decode()


def test_anonymous_back_office_redirects_to_login(client_for, desa_a):
    response = client_for(desa_a).get("/admin-desa/wilayah/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/?next=/admin-desa/wilayah/")


def test_back_office_views_are_404_on_wrong_host_kind(client_for, operator_a, kabupaten):
    assert client_for(None, operator_a).get("/admin-desa/").status_code == 404


def test_admin_kabupaten_must_set_up_totp_then_works(client_for, make_user, kabupaten):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    client = client_for(None)
    login(client, admin.username)
    response = client.get("/dasbor/")
    assert response.status_code == 302 and response["Location"] == "/akun/2fa/"
    # The password alone shows no secret: the first authenticator needs the kabupaten's link.
    page = client.get("/akun/2fa/")
    assert page.status_code == 403 and "tautan pendaftaran" in page.content.decode()
    link = buat_tautan_2fa(actor=None, user=admin)
    assert client.get(link.removeprefix("http://localhost"))["Location"] == "/akun/2fa/"
    page = client.get("/akun/2fa/").content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    wrong = client.post("/akun/2fa/", {"token": "000000" if totp(device.bin_key) != 0 else "111111"})
    assert "Kode salah" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code throttles the next try for a second; don't sleep in tests
    response = client.post("/akun/2fa/", {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/dasbor/").status_code == 200
    assert "akun.2fa_diaktifkan" in actions()


def test_totp_is_asked_at_every_sign_in_once_set_up(client_for, make_user, kabupaten):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    device = TOTPDevice.objects.create(user=admin, name="hp", confirmed=True)
    client = client_for(None)
    login(client, admin.username)
    assert client.get("/dasbor/")["Location"] == "/masuk/verifikasi/"
    bad = client.post("/masuk/verifikasi/", {"token": "12345"})
    assert "6 angka" in bad.content.decode()
    client.post("/masuk/verifikasi/", {"token": f"{totp(device.bin_key):06d}"})
    assert client.get("/dasbor/").status_code == 200


@override_settings(BALAI_2FA_ROLES=["admin_kabupaten", "operator_kecamatan", "operator_desa"])
def test_setting_can_require_totp_for_village_roles(client_for, operator_a, desa_a):
    client = client_for(desa_a)
    login(client, operator_a.username)
    assert client.get("/admin-desa/")["Location"] == "/akun/2fa/"


def test_generated_password_must_be_changed_first(client_for, operator_a, desa_a):
    operator_a.wajib_ganti_sandi = True
    operator_a.save()
    client = client_for(desa_a, operator_a)
    assert client.get("/admin-desa/")["Location"] == "/akun/sandi/"
    new = "kata-sandi-baru-yang-kuat-77"
    response = client.post("/akun/sandi/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    operator_a.refresh_from_db()
    assert not operator_a.wajib_ganti_sandi and operator_a.check_password(new)
    assert client.get("/admin-desa/").status_code == 200


def test_password_reset_by_email(client_for, operator_a, desa_a):
    client = client_for(desa_a)
    client.post("/akun/lupa-sandi/", {"email": operator_a.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://selakambang\.localhost(/akun/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new = "sandi-pulih-yang-panjang-55"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    operator_a.refresh_from_db()
    assert operator_a.check_password(new)
    assert "akun.sandi_diganti" in actions()


def test_logout_needs_post_and_ends_session(client_for, operator_a, desa_a):
    client = client_for(desa_a, operator_a)
    assert client.get("/keluar/").status_code == 405
    client.post("/keluar/")
    assert client.get("/admin-desa/").status_code == 302


def test_a_village_account_names_its_kecamatan(kabupaten, desa_a):
    from django.db import IntegrityError, transaction

    from balai.akun.models import User

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", kabupaten=kabupaten, desa=desa_a)


def test_first_admin_kabupaten_command(kabupaten):
    from io import StringIO

    from django.core.management import call_command

    from balai.akun.models import User

    out = StringIO()
    call_command("buat_admin_kabupaten", "kominfo", "--email", "kominfo@contoh.id", stdout=out)
    password = out.getvalue().split("Kata sandi sementara: ")[1].split()[0]
    user = User.objects.get(username="kominfo")
    assert user.is_admin_kabupaten and user.wajib_ganti_sandi and user.check_password(password)
