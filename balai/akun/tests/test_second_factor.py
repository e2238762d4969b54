"""The second factor cannot be stepped around: not by enrolling a new authenticator, not by
changing the password, not by a `next` pointing elsewhere."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.akun.models import Peran
from balai.akun.services import buat_tautan_2fa
from conftest import PASSWORD


def _signed_in_with_password_only(client_for, make_user):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    device = TOTPDevice.objects.create(user=admin, name="hp", confirmed=True)
    client = client_for(None)
    client.post("/masuk/", {"username": admin.username, "password": PASSWORD})
    return admin, device, client


def test_new_authenticator_cannot_replace_the_one_not_yet_verified(client_for, make_user, kabupaten):
    admin, device, client = _signed_in_with_password_only(client_for, make_user)
    response = client.get("/akun/2fa/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/verifikasi/")
    # Even posting a code of a device the attacker made up changes nothing.
    rogue = TOTPDevice.objects.create(user=admin, name="Autentikator", confirmed=False)
    response = client.post("/akun/2fa/", {"token": f"{totp(rogue.bin_key):06d}"})
    assert response.status_code == 302 and response["Location"].startswith("/masuk/verifikasi/")
    rogue.refresh_from_db()
    assert not rogue.confirmed
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()
    assert client.get("/dasbor/")["Location"] == "/masuk/verifikasi/"


def test_password_cannot_be_changed_before_the_second_factor(client_for, make_user, kabupaten):
    admin, _device, client = _signed_in_with_password_only(client_for, make_user)
    response = client.post(
        "/akun/sandi/",
        {
            "old_password": PASSWORD,
            "new_password1": "sandi-baru-yang-panjang-7",
            "new_password2": "sandi-baru-yang-panjang-7",
        },
    )
    assert response.status_code == 302 and response["Location"].startswith("/masuk/verifikasi/")
    admin.refresh_from_db()
    assert admin.check_password(PASSWORD)


def test_verified_user_may_still_renew_the_authenticator(client_for, make_user, kabupaten):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    old = TOTPDevice.objects.create(user=admin, name="hp", confirmed=True)
    client = client_for(None, admin)  # signed in and verified with `old`
    assert client.get("/akun/2fa/").status_code == 200
    new = TOTPDevice.objects.get(user=admin, confirmed=False)
    assert client.post("/akun/2fa/", {"token": f"{totp(new.bin_key):06d}"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_verification_does_not_redirect_to_another_site(client_for, make_user, kabupaten):
    admin, device, client = _signed_in_with_password_only(client_for, make_user)
    response = client.post(
        "/masuk/verifikasi/?next=https://jahat.example/masuk", {"token": f"{totp(device.bin_key):06d}"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"


def test_verification_keeps_a_local_next(client_for, make_user, kabupaten):
    admin, device, client = _signed_in_with_password_only(client_for, make_user)
    response = client.post("/masuk/verifikasi/?next=/dasbor/desa/", {"token": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == "/dasbor/desa/"


def test_authenticator_secret_page_is_not_stored(client_for, make_user, kabupaten):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    client = client_for(None)
    client.post("/masuk/", {"username": admin.username, "password": PASSWORD})
    link = buat_tautan_2fa(actor=None, user=admin)
    client.get(link.removeprefix("http://localhost"))
    response = client.get("/akun/2fa/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "no-store" in client.get("/akun/sandi/")["Cache-Control"]


def test_an_authenticator_added_later_is_asked_for_on_the_next_page(client_for, operator_a, desa_a):
    """Whether a person has an authenticator is cached (asked on every page); adding one for them,
    from anywhere, makes their other sessions ask for a code at once, and removing it stops that."""
    client = client_for(desa_a, operator_a)
    assert client.get("/admin-desa/").status_code == 200  # answered and cached: no authenticator
    device = TOTPDevice.objects.create(user=operator_a, name="hp", confirmed=True)
    assert client.get("/admin-desa/")["Location"] == "/masuk/verifikasi/"
    device.delete()
    assert client.get("/admin-desa/").status_code == 200
