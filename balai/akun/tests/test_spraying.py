"""Password spraying: one address trying a few passwords on every account, or many addresses
trying one account, is stopped, and the person is told in Indonesian when to try again."""

import time

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def coba(username, password="Rahasia123!", ip="203.0.113.7", host="selakambang.localhost"):
    return Client(HTTP_HOST=host, REMOTE_ADDR=ip).post("/masuk/", {"username": username, "password": password})


def ditolak(response):
    body = response.content.decode()
    return "Terlalu banyak percobaan masuk" in body and "coba lagi pukul" in body


@pytest.fixture
def batas(settings):
    settings.BALAI_MASUK_GAGAL_PER_ALAMAT = 6
    settings.BALAI_MASUK_GAGAL_PER_AKUN = 4
    settings.AXES_FAILURE_LIMIT = 5
    return settings


def test_one_address_spraying_many_accounts_is_stopped(batas, make_user, desa_a):
    korban = [make_user(Peran.OPERATOR_DESA, desa=desa_a, username=f"op{i}") for i in range(8)]
    for user in korban[:6]:  # one guess per account: axes alone never locks anything
        assert not ditolak(coba(user.username))
    # The address is now stopped for every username, even with the right password of another.
    response = coba(korban[7].username, PASSWORD)
    assert response.status_code == 200 and ditolak(response)
    assert "sekitar 15 menit lagi" in response.content.decode()
    # ... while another address signs in normally.
    assert coba(korban[7].username, PASSWORD, ip="198.51.100.9").status_code == 302


def test_many_addresses_on_one_account_are_stopped(batas, operator_a):
    for i in range(4):
        assert not ditolak(coba(operator_a.username, ip=f"192.0.2.{i + 1}"))
    response = coba(operator_a.username, PASSWORD, ip="192.0.2.200")  # the right password, a fresh address
    assert response.status_code == 200 and ditolak(response)
    assert "sekitar 60 menit lagi" in response.content.decode()


def test_the_password_is_not_checked_while_stopped(batas, operator_a):
    for i in range(4):
        coba(operator_a.username, ip=f"192.0.2.{i + 1}")
    with scopes_disabled():
        before = AuditEntry.objects.filter(action="akun.gagal_masuk").count()
    coba(operator_a.username, "salah-lagi", ip="192.0.2.99")
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="akun.gagal_masuk").count() == before


def test_the_answer_does_not_tell_whether_the_username_exists(batas, operator_a):
    jawaban = {}
    for nama in (operator_a.username, "tidak-ada-orangnya"):
        for i in range(4):
            coba(nama, ip=f"192.0.2.{i + 1}")
        body = coba(nama, ip="192.0.2.50").content.decode()
        jawaban[nama] = body.replace(nama, "NAMA")
    a, b = jawaban.values()
    assert ditolak_text(a) == ditolak_text(b)


def ditolak_text(body):
    start = body.index("Terlalu banyak percobaan")
    return body[start : body.index("</", start)]


def test_username_case_does_not_escape_the_count(batas, operator_a):
    ejaan = [operator_a.username.upper(), operator_a.username.title(), f" {operator_a.username}", operator_a.username]
    for i, nama in enumerate(ejaan):
        coba(nama, ip=f"192.0.2.{i + 1}")
    assert ditolak(coba(operator_a.username, PASSWORD, ip="192.0.2.77"))


def test_a_success_does_not_reset_the_address_count(batas, make_user, desa_a):
    """An attacker holding one account cannot wipe their address's count by signing in."""
    own = make_user(Peran.OPERATOR_DESA, desa=desa_a, username="milik-penyerang")
    others = [make_user(Peran.OPERATOR_DESA, desa=desa_a, username=f"lain{i}") for i in range(6)]
    for user in others[:3]:
        coba(user.username)
    assert coba(own.username, PASSWORD).status_code == 302
    for user in others[3:6]:
        coba(user.username)
    assert ditolak(coba(others[0].username))


def test_the_limit_ends_with_its_window(batas, operator_a, monkeypatch):
    for i in range(4):
        coba(operator_a.username, ip=f"192.0.2.{i + 1}")
    assert ditolak(coba(operator_a.username, PASSWORD, ip="192.0.2.88"))
    later = time.time() + 61 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert coba(operator_a.username, PASSWORD, ip="192.0.2.88").status_code == 302


def test_a_few_typos_from_an_office_are_fine(operator_a, admin_a):
    for _ in range(2):
        coba(operator_a.username, "typo")
        coba(admin_a.username, "typo")
    assert coba(operator_a.username, PASSWORD).status_code == 302
    assert coba(admin_a.username, PASSWORD).status_code == 302
