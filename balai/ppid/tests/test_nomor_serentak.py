"""Registration numbers allocated at the same moment by several requests (PostgreSQL: the
village row is locked for the allocation; no duplicate, no gap, no failure)."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django_scopes import scope, scopes_disabled

from balai.ppid import services
from balai.ppid.models import Permohonan

SERENTAK = 6


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_get_distinct_consecutive_numbers(desa_a, isian):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; the lock is PostgreSQL's")
    mulai = threading.Barrier(SERENTAK)
    galat = []

    def kirim():
        try:
            mulai.wait()
            with scope(desa=desa_a):
                services.ajukan_permohonan(desa=desa_a, data=isian, hari=date(2026, 5, 4))
        except Exception as exc:  # noqa: BLE001 - reported below
            galat.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=kirim) for _ in range(SERENTAK)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not galat
    with scopes_disabled():
        urut = sorted(Permohonan.objects.filter(desa=desa_a).values_list("urut", flat=True))
    assert urut == list(range(1, SERENTAK + 1))
