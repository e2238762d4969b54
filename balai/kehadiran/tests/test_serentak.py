"""Two taps at the same moment (a double tap, two phones of one official): exactly one check-in
is recorded and the other is refused with the reason. Real concurrency needs PostgreSQL."""

import threading

import pytest
from django.db import connection, connections
from django_scopes import scope, scopes_disabled

from balai.kehadiran import kode, services
from balai.kehadiran.models import Kehadiran, NonceQR


@pytest.mark.django_db(transaction=True)
def test_simultaneous_check_ins_record_one(desa_a, kaur_a):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer: no two check-ins can run at once")
    mulai = threading.Barrier(2)
    hasil = []

    def ketuk():
        try:
            mulai.wait()
            with scope(desa=desa_a):
                services.absen(desa=desa_a, perangkat=kaur_a, aksi=services.MASUK, kode=kode.buat(desa_a.pk)[0])
            hasil.append("tercatat")
        except services.AbsenDitolak as exc:
            hasil.append(str(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ketuk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(hasil)[1] == "tercatat" and "sudah absen masuk hari ini" in sorted(hasil)[0]
    with scopes_disabled():
        assert Kehadiran.objects.count() == 1 and NonceQR.objects.count() == 1
