"""An account whose authenticator is lost can be given a fresh start by the kabupaten (audited);
nobody else can, and nobody resets their own."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from conftest import PASSWORD


def test_kabupaten_resets_a_lost_authenticator(client_for, make_user, kaligondang, kabupaten):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    op = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    TOTPDevice.objects.create(user=op, name="hp lama", confirmed=True)
    client = client_for(None, admin)
    page = client.get("/dasbor/pengguna/").content.decode()
    assert f"/dasbor/pengguna/{op.pk}/2fa/" in page
    response = client.post(f"/dasbor/pengguna/{op.pk}/2fa/")
    assert response.status_code == 200  # the page with the new enrolment link
    link = re.search(r"http://kec-kaligondang\.localhost(/akun/2fa/tautan/[\w-]+/)", response.content.decode()).group(1)
    assert not TOTPDevice.objects.filter(user=op).exists()
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="akun.2fa_direset")
    assert entry.actor == admin and entry.object_id == str(op.pk)
    # The operator signs in with the password and must enrol a new authenticator.
    fresh = client_for(kaligondang)
    fresh.post("/masuk/", {"username": op.username, "password": PASSWORD})
    assert fresh.get("/dasbor/")["Location"] == "/akun/2fa/"
    assert fresh.get("/akun/2fa/").status_code == 403  # not with the password alone
    assert fresh.get(link)["Location"] == "/akun/2fa/"
    assert "<svg" in fresh.get("/akun/2fa/").content.decode()


def test_reset_needs_post_and_is_refused_for_oneself(client_for, make_user, kabupaten):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    client = client_for(None, admin)  # has a device (created by client_for)
    assert client.get(f"/dasbor/pengguna/{admin.pk}/2fa/").status_code == 405
    client.post(f"/dasbor/pengguna/{admin.pk}/2fa/")
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


@pytest.mark.parametrize("peran", [Peran.ADMIN_DESA, Peran.OPERATOR_DESA])
def test_village_staff_cannot_reset(client_for, make_user, desa_a, kabupaten, peran):
    victim = make_user(Peran.ADMIN_KABUPATEN)
    TOTPDevice.objects.create(user=victim, name="hp", confirmed=True)
    client = client_for(desa_a, make_user(peran, desa=desa_a))
    assert client.post(f"/dasbor/pengguna/{victim.pk}/2fa/").status_code == 404
    assert TOTPDevice.objects.filter(user=victim).exists()
