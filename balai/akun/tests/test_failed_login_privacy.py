"""A failed sign-in is logged without keeping what was typed when it names no account: people
often type their password into the username field."""

import logging

from django_scopes import scopes_disabled

from balai.core.models import AuditEntry


def test_unknown_username_is_not_kept_in_audit_or_log(client_for, operator_a, desa_a, caplog):
    client = client_for(desa_a)
    with caplog.at_level(logging.WARNING, logger="balai.akun"):
        client.post("/masuk/", {"username": "Rahasia-Sandiku-77", "password": "apa saja"})
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="akun.gagal_masuk")
    assert "Rahasia-Sandiku-77" not in f"{entry.object_label} {entry.changes}"
    assert "tidak dikenal" in entry.object_label
    assert "Rahasia-Sandiku-77" not in caplog.text and "gagal" in caplog.text


def test_known_username_is_kept(client_for, operator_a, desa_a):
    client_for(desa_a).post("/masuk/", {"username": operator_a.username.upper(), "password": "salah"})
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="akun.gagal_masuk")
    assert entry.object_label.lower() == operator_a.username
