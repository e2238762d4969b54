"""A first authenticator is enrolled only through a one-time, expiring link issued by the
kabupaten: whoever learns a new account's password first cannot bind their own phone to it."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from balai.akun.models import Peran, TautanDuaLangkah, User
from balai.akun.services import buat_tautan_2fa
from balai.core.models import AuditEntry
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def masuk(client, user):
    client.post("/masuk/", {"username": user.username, "password": PASSWORD})
    return client


def path_of(link):
    return re.sub(r"^https?://[^/]+", "", link)


def kode(device):
    return f"{totp(device.bin_key):06d}"


@pytest.fixture
def admin_baru(make_user):
    return make_user(Peran.ADMIN_KABUPATEN, username="admin-baru")


def test_a_password_alone_shows_no_secret_and_enrols_nothing(admin_baru, client_for):
    attacker = masuk(client_for(None), admin_baru)
    page = attacker.get("/akun/2fa/")
    assert page.status_code == 403 and "tautan pendaftaran" in page.content.decode()
    assert "<svg" not in page.content.decode() and not TOTPDevice.objects.filter(user=admin_baru).exists()
    # A device the attacker sets up by other means cannot be confirmed through the page either.
    rogue = TOTPDevice.objects.create(user=admin_baru, name="Autentikator", confirmed=False)
    assert attacker.post("/akun/2fa/", {"token": kode(rogue)}).status_code == 403
    rogue.refresh_from_db()
    assert not rogue.confirmed
    assert attacker.get("/dasbor/")["Location"] == "/akun/2fa/"


def test_the_owner_enrols_with_the_link_once(admin_baru, client_for):
    link = buat_tautan_2fa(actor=None, user=admin_baru)
    assert link.startswith("http://localhost/akun/2fa/tautan/")
    owner = masuk(client_for(None), admin_baru)
    assert owner.get(path_of(link))["Location"] == "/akun/2fa/"
    assert "<svg" in owner.get("/akun/2fa/").content.decode()
    device = TOTPDevice.objects.get(user=admin_baru, confirmed=False)
    assert owner.post("/akun/2fa/", {"token": kode(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed and owner.get("/dasbor/").status_code == 200
    assert TautanDuaLangkah.objects.get(user=admin_baru).dipakai is not None
    with scopes_disabled():
        assert AuditEntry.objects.get(action="akun.2fa_diaktifkan").changes == {"lewat_tautan": [None, True]}
    # Used: someone else holding the password and the link gets nowhere.
    TOTPDevice.objects.filter(user=admin_baru).delete()
    attacker = masuk(client_for(None), admin_baru)
    assert attacker.get(path_of(link)).status_code == 404
    assert attacker.get("/akun/2fa/").status_code == 403


def test_the_link_opened_signed_out_leads_through_sign_in(admin_baru, client_for):
    link = path_of(buat_tautan_2fa(actor=None, user=admin_baru))
    client = client_for(None)
    response = client.get(link)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/?next=/akun/2fa/tautan/")
    after = client.post(response["Location"], {"username": admin_baru.username, "password": PASSWORD})
    assert after["Location"] == link
    assert client.get(link)["Location"] == "/akun/2fa/"


@pytest.mark.parametrize("keadaan", ["kedaluwarsa", "diganti", "akun_lain", "ngawur"])
def test_links_that_do_not_count(admin_baru, make_user, client_for, kaligondang, keadaan):
    link = buat_tautan_2fa(actor=None, user=admin_baru)
    if keadaan == "kedaluwarsa":
        TautanDuaLangkah.objects.update(berlaku_sampai=timezone.now() - timedelta(seconds=1))
    elif keadaan == "diganti":
        buat_tautan_2fa(actor=None, user=admin_baru)  # a newer link replaces it
    elif keadaan == "akun_lain":
        other = make_user(Peran.ADMIN_KABUPATEN, username="admin-lain")
        link = buat_tautan_2fa(actor=None, user=other)
    else:
        link = "http://localhost/akun/2fa/tautan/bukan-token-yang-benar/"
    client = masuk(client_for(None), admin_baru)
    response = client.get(path_of(link))
    assert response.status_code == 404 and "Tautan tidak berlaku" in response.content.decode()
    assert client.get("/akun/2fa/").status_code == 403


def test_only_a_hash_of_the_token_is_stored(admin_baru):
    link = buat_tautan_2fa(actor=None, user=admin_baru)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    assert not TautanDuaLangkah.objects.filter(token_hash__contains=token).exists()
    with scopes_disabled():
        assert token not in str(list(AuditEntry.objects.values_list("changes", "object_label")))


def test_opening_the_link_discards_a_secret_seen_before(admin_baru, client_for):
    old = TOTPDevice.objects.create(user=admin_baru, name="Autentikator", confirmed=False)
    owner = masuk(client_for(None), admin_baru)
    owner.get(path_of(buat_tautan_2fa(actor=None, user=admin_baru)))
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    owner.get("/akun/2fa/")
    assert TOTPDevice.objects.get(user=admin_baru, confirmed=False).bin_key != old.bin_key


def test_village_staff_link_points_at_their_village(operator_a):
    assert buat_tautan_2fa(actor=None, user=operator_a).startswith("http://selakambang.localhost/akun/2fa/tautan/")


def test_first_admin_command_prints_the_link(kabupaten):
    out = StringIO()
    call_command("buat_admin_kabupaten", "kominfo", "--email", "kominfo@contoh.id", stdout=out)
    assert re.search(r"http://localhost/akun/2fa/tautan/[\w-]+/", out.getvalue())
    assert TautanDuaLangkah.objects.filter(user=User.objects.get(username="kominfo")).count() == 1


# --- the kabupaten's side ------------------------------------------------------------------


@pytest.fixture
def kominfo(make_user):
    return make_user(Peran.ADMIN_KABUPATEN, username="kominfo")


def test_kabupaten_sees_who_has_enrolled(kominfo, make_user, kaligondang, kalimanah, client_for):
    sudah = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang, username="op-sudah")
    TOTPDevice.objects.create(user=sudah, name="hp", confirmed=True)
    dikirim = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kalimanah, username="op-dikirim")
    buat_tautan_2fa(actor=kominfo, user=dikirim)
    belum = make_user(Peran.ADMIN_KABUPATEN, username="admin-belum")
    page = client_for(None, kominfo).get("/dasbor/pengguna/").content.decode()
    assert "<th>2FA</th>" in page

    def baris(username):
        return re.search(rf"<tr><td[^>]*>{username}</td>.*?</tr>", page, re.S).group(0)

    assert "sudah" in baris("op-sudah") and "Buat tautan 2FA" not in baris("op-sudah")
    assert "tautan dikirim" in baris("op-dikirim") and "Tautan 2FA baru" in baris("op-dikirim")
    assert ">belum<" in baris("admin-belum") and f"/dasbor/pengguna/{belum.pk}/tautan-2fa/" in baris("admin-belum")


def test_kabupaten_issues_a_link_and_sees_it_once(kominfo, make_user, kaligondang, client_for):
    op = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    client = client_for(None, kominfo)
    assert client.get(f"/dasbor/pengguna/{op.pk}/tautan-2fa/").status_code == 405
    page = client.post(f"/dasbor/pengguna/{op.pk}/tautan-2fa/").content.decode()
    link = re.search(r"http://kec-kaligondang\.localhost/akun/2fa/tautan/[\w-]+/", page).group(0)
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="akun.tautan_2fa_dibuat")
    assert entry.actor == kominfo and entry.object_id == str(op.pk)
    fresh = masuk(client_for(kaligondang), op)
    assert fresh.get(path_of(link))["Location"] == "/akun/2fa/"
    # Not shown again on the list.
    assert link not in client.get("/dasbor/pengguna/").content.decode()


def test_new_account_that_must_use_2fa_comes_with_its_link(kominfo, kaligondang, client_for):
    page = client_for(None, kominfo).post(
        "/dasbor/pengguna/",
        {
            "username": "op.baru",
            "nama": "Operator Baru",
            "email": "op@contoh.id",
            "peran": Peran.OPERATOR_KECAMATAN,
            "kecamatan": kaligondang.pk,
        },  # fmt: skip
    )
    body = page.content.decode()
    assert "Kata sandi sementara" in body
    assert re.search(r"http://kec-kaligondang\.localhost/akun/2fa/tautan/[\w-]+/", body)


def test_only_the_kabupaten_issues_links(make_user, desa_a, kaligondang, client_for, kabupaten):
    target = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    for client in (
        client_for(desa_a, make_user(Peran.ADMIN_DESA, desa=desa_a)),
        client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang, username="op-lain")),
    ):
        assert client.post(f"/dasbor/pengguna/{target.pk}/tautan-2fa/").status_code in (403, 404)
    assert not TautanDuaLangkah.objects.exists()


def test_shell_command_issues_a_link_for_a_lost_phone(kominfo):
    TOTPDevice.objects.create(user=kominfo, name="hp", confirmed=True)
    with pytest.raises(Exception, match="sudah memakai"):
        call_command("tautan_2fa", "kominfo", stdout=StringIO())
    out = StringIO()
    call_command("tautan_2fa", "KOMINFO", "--reset", stdout=out)
    assert re.search(r"http://localhost/akun/2fa/tautan/[\w-]+/", out.getvalue())
    assert not TOTPDevice.objects.filter(user=kominfo).exists()
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="akun.2fa_direset").exists()
