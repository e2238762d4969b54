"""Signing in with NIK + PIN: one answer for unknown NIK and wrong PIN, limits per NIK and per
address, the first PIN replaced, a separate session that never opens a back office."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from balai.core.models import AuditEntry
from balai.mandiri import pembatas, services
from balai.mandiri.models import AkunWarga
from balai.mandiri.pin import PinHasher
from balai.penduduk import kode
from balai.penduduk.models import Penduduk
from balai.penduduk.tests.factories import make_kk

from .conftest import PIN_BARU, ganti, host, masuk

pytestmark = pytest.mark.django_db


def _salah(kode_benar):
    return "480614" if kode_benar != "480614" else "480615"


def _isi(response):
    """The page without its per-request CSRF token."""
    return re.sub(r'(value|nonce)="[^"]{20,}"', "", response.content.decode())


def test_right_pin_signs_in_and_the_first_pin_must_be_changed(desa_a, warga_a, akun_a):
    akun, pin = akun_a
    client = Client(HTTP_HOST=host(desa_a))
    response = masuk(client, warga_a.nik, pin)
    assert response.status_code == 302 and response["Location"] == "/mandiri/"
    for path in ("/mandiri/", "/mandiri/data/", "/mandiri/keluarga/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/mandiri/pin/", path
    # Trivial PINs, a birth date and a mismatch are refused with the reason.
    for baru, pesan in (("123456", "mudah ditebak"), ("111111", "mudah ditebak"), ("070385", "tanggal lahir")):
        response = ganti(client, pin, baru)
        assert response.status_code == 200 and pesan in response.content.decode(), baru
    response = client.post("/mandiri/pin/", {"pin_lama": pin, "pin_baru": PIN_BARU, "pin_baru_ulang": "480615"})
    assert "tidak sama" in response.content.decode()
    response = ganti(client, pin)
    assert response.status_code == 302 and response["Location"] == "/mandiri/"
    page = client.get("/mandiri/")
    assert page.status_code == 200 and warga_a.nama in page.content.decode()
    assert "Sebelum ini" not in page.content.decode(), "a first sign-in has no earlier one"
    assert page["Cache-Control"].count("no-store") == 1
    # The slip's PIN is gone; the new one works.
    other = Client(HTTP_HOST=host(desa_a))
    assert masuk(other, warga_a.nik, pin).status_code == 200
    assert masuk(other, warga_a.nik, PIN_BARU).status_code == 302
    assert "Sebelum ini Anda masuk pada" in other.get("/mandiri/").content.decode()


def test_unknown_nik_and_wrong_pin_get_one_answer_and_the_same_work(desa_a, warga_a, akun_a, monkeypatch):
    calls = []
    verify = PinHasher.verify
    monkeypatch.setattr(PinHasher, "verify", lambda self, p, e: calls.append(1) or verify(self, p, e))
    Client(HTTP_HOST=host(desa_a)).get("/mandiri/masuk/")  # the host lookup is cached from here on
    with CaptureQueriesContext(connection) as q_salah:
        salah = masuk(Client(HTTP_HOST=host(desa_a)), warga_a.nik, _salah(akun_a[1]))
    assert len(calls) == 1
    with CaptureQueriesContext(connection) as q_tidak_ada:
        tidak_ada = masuk(Client(HTTP_HOST=host(desa_a)), "3303049999990001", akun_a[1])
    assert len(calls) == 2, "an unknown NIK must cost one Argon2 verification too"
    assert len(q_salah.captured_queries) == len(q_tidak_ada.captured_queries)
    assert salah.status_code == tidak_ada.status_code == 200
    assert "NIK atau PIN salah." in salah.content.decode()
    assert _isi(salah).replace(warga_a.nik, "N") == _isi(tidak_ada).replace("3303049999990001", "N")


def test_wrong_pins_lock_the_nik_from_every_address(desa_a, warga_a, akun_a, settings):
    akun, pin = akun_a
    for i in range(pembatas.GAGAL_PER_NIK):
        response = masuk(Client(HTTP_HOST=host(desa_a), REMOTE_ADDR=f"10.0.0.{i + 1}"), warga_a.nik, _salah(pin))
        assert response.status_code == 200
    # The right PIN from a fresh address: refused without being checked.
    client = Client(HTTP_HOST=host(desa_a), REMOTE_ADDR="10.9.9.9")
    response = masuk(client, warga_a.nik, pin)
    assert response.status_code == 429 and "Terlalu banyak percobaan" in response.content.decode()
    assert client.get("/mandiri/").status_code == 302
    with scopes_disabled():
        akun.refresh_from_db()
        assert akun.gagal == pembatas.GAGAL_PER_NIK and akun.terkunci
        assert AuditEntry.objects.filter(action="mandiri.terkunci", object_id=str(akun.pk)).count() == 1
    # An unknown NIK locks after the same number of tries, with the same answer.
    for _ in range(pembatas.GAGAL_PER_NIK):
        masuk(Client(HTTP_HOST=host(desa_a)), "3303049999990001", "480614")
    response = masuk(Client(HTTP_HOST=host(desa_a)), "3303049999990001", "480614")
    assert response.status_code == 429
    # The cache forgets (restart): the account's own lock still holds.
    from django.core.cache import cache

    cache.clear()
    assert masuk(Client(HTTP_HOST=host(desa_a)), warga_a.nik, pin).status_code == 429


def test_new_pin_from_the_office_unlocks(desa_a, warga_a, akun_a, operator_a):
    for _ in range(pembatas.GAGAL_PER_NIK):
        masuk(Client(HTTP_HOST=host(desa_a)), warga_a.nik, _salah(akun_a[1]))
    with scopes_disabled():
        _akun, pin = services.terbitkan_pin(desa=desa_a, actor=operator_a, penduduk=warga_a)
    assert masuk(Client(HTTP_HOST=host(desa_a)), warga_a.nik, pin).status_code == 302


def test_one_address_trying_many_niks_is_stopped(desa_a, warga_a, akun_a):
    alamat = {"REMOTE_ADDR": "10.1.2.3"}
    for i in range(pembatas.GAGAL_PER_ALAMAT):
        masuk(Client(HTTP_HOST=host(desa_a), **alamat), f"33030401019{i:05d}", "480614")
    response = masuk(Client(HTTP_HOST=host(desa_a), **alamat), warga_a.nik, akun_a[1])
    assert response.status_code == 429
    # The resident, from their own address, is not locked out by it.
    assert masuk(Client(HTTP_HOST=host(desa_a), REMOTE_ADDR="10.7.7.7"), warga_a.nik, akun_a[1]).status_code == 302


def test_resident_session_never_opens_the_back_office(warga_client):
    for path in ("/admin-desa/", "/admin-desa/mandiri/", "/admin-desa/penduduk/"):
        response = warga_client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/"), path
    assert warga_client.get("/mandiri/").status_code == 200


def test_staff_session_is_not_a_resident(desa_a, operator_a, client_for, akun_a):
    client = client_for(desa_a, operator_a)
    for path in ("/mandiri/", "/mandiri/data/", "/mandiri/keluarga/", "/mandiri/pin/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/mandiri/masuk/"), path
    assert client.get("/admin-desa/").status_code == 200, "the staff session itself goes on"
    client.post("/mandiri/keluar/")
    assert client.get("/admin-desa/").status_code == 200, "signing a resident out leaves a staff login alone"
    assert "sebagai petugas" in client.get("/mandiri/masuk/").content.decode()


def test_resident_sign_in_ends_a_staff_session_and_rotates_the_key(desa_a, operator_a, client_for, warga_a, akun_a):
    client = client_for(desa_a, operator_a)
    before = client.cookies["sessionid"].value
    assert masuk(client, warga_a.nik, akun_a[1]).status_code == 302
    assert client.cookies["sessionid"].value != before
    assert client.get("/admin-desa/").status_code == 302
    assert client.get("/mandiri/pin/").status_code == 200


def test_a_resident_of_another_village_cannot_sign_in_here(desa_a, desa_b, operator_b):
    with scopes_disabled():
        _kk, (orang, *_rest) = make_kk(desa_b, nama="Warga B")
        _akun, pin = services.terbitkan_pin(desa=desa_b, actor=operator_b, penduduk=orang)
    response = masuk(Client(HTTP_HOST=host(desa_a)), orang.nik, pin)
    assert response.status_code == 200 and "NIK atau PIN salah." in response.content.decode()
    # Signed in on B's host, the session is B's only.
    client = Client(HTTP_HOST=host(desa_b))
    assert masuk(client, orang.nik, pin).status_code == 302
    assert client.get("/mandiri/pin/").status_code == 200
    assert client.get("/mandiri/pin/", HTTP_HOST=host(desa_a)).status_code == 302


def test_mandiri_pages_live_only_on_village_hosts(kabupaten, desa_a):
    for host_name in ("localhost", f"kec-{desa_a.kecamatan.slug}.localhost"):
        client = Client(HTTP_HOST=host_name)
        assert client.get("/mandiri/masuk/").status_code == 404
        assert client.get("/mandiri/").status_code == 404
        assert client.post("/mandiri/keluar/").status_code == 404


@pytest.mark.parametrize("akhir", ["mati", "nonaktif", "pin_baru"])
def test_session_ends_when_the_register_or_the_office_says_so(akhir, warga_client, desa_a, warga_a, operator_a):
    with scopes_disabled():
        if akhir == "mati":
            Penduduk.objects.filter(pk=warga_a.pk).update(status_dasar=kode.MATI, shdk=4)
        elif akhir == "nonaktif":
            services.nonaktifkan(desa=desa_a, actor=operator_a, akun=AkunWarga.objects.get(penduduk=warga_a))
        else:
            services.terbitkan_pin(desa=desa_a, actor=operator_a, penduduk=warga_a)
    response = warga_client.get("/mandiri/data/")
    assert response.status_code == 302 and response["Location"].startswith("/mandiri/masuk/")
    assert "berakhir" in warga_client.get(response["Location"]).content.decode()
    assert warga_client.get("/mandiri/data/").status_code == 302
    assert masuk(Client(HTTP_HOST=host(desa_a)), warga_a.nik, PIN_BARU).status_code == 200


def test_changing_the_pin_ends_the_other_sessions(warga_client, desa_a, warga_a):
    other = Client(HTTP_HOST=host(desa_a))
    assert masuk(other, warga_a.nik, PIN_BARU).status_code == 302
    assert ganti(warga_client, PIN_BARU, "593721").status_code == 302
    assert warga_client.get("/mandiri/").status_code == 200
    assert other.get("/mandiri/").status_code == 302


def test_sign_out(warga_client):
    assert warga_client.get("/mandiri/keluar/").status_code == 405
    response = warga_client.post("/mandiri/keluar/")
    assert response.status_code == 302
    assert warga_client.get("/mandiri/").status_code == 302


def test_next_stays_on_mandiri_pages(desa_a, warga_a, akun_a):
    client = Client(HTTP_HOST=host(desa_a))
    response = client.post(
        "/mandiri/masuk/?next=https://evil.example/",
        {"nik": warga_a.nik, "pin": akun_a[1], "next": "https://evil.example/"},
    )
    assert response["Location"] == "/mandiri/"
    client = Client(HTTP_HOST=host(desa_a))
    response = client.post("/mandiri/masuk/", {"nik": warga_a.nik, "pin": akun_a[1], "next": "/admin-desa/"})
    assert response["Location"] == "/mandiri/"
