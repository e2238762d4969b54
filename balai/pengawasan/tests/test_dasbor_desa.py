"""The village dashboard is kept per viewer until any of the village's data changes, and
reads what others send it (broadcasts, reminders) at once."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balai.akun.models import Peran
from balai.pengawasan import services as pengawasan
from balai.pengawasan.models import Pengingat

DASBOR = "/admin-desa/"


def test_dashboard_is_kept_and_follows_the_villages_changes(
    client_for, desa_a, desa_b, admin_a, kabupaten, make_user, no_scopes, django_capture_on_commit_callbacks
):
    client = client_for(desa_a, admin_a)
    client.get(DASBOR)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASBOR).status_code == 200
    assert len(queries) <= 3, [q["sql"][:80] for q in queries.captured_queries]  # user, audit log (2FA: device)
    with django_capture_on_commit_callbacks(execute=True):
        Pengingat.objects.create(desa=desa_a, pesan="Mohon perbarui berita desa minggu ini.")
        Pengingat.objects.create(desa=desa_b, pesan="Pesan untuk desa lain.")
    body = client.get(DASBOR).content.decode()
    assert "Mohon perbarui berita desa" in body and "Pesan untuk desa lain" not in body
    admin_kab = make_user(Peran.ADMIN_KABUPATEN)
    with django_capture_on_commit_callbacks(execute=True):
        pengawasan.kirim_siaran(
            kabupaten=kabupaten,
            judul="Rapat koordinasi SID",
            isi="Semua operator hadir.",
            berlaku_sampai=timezone.localdate() + timedelta(days=3),
            actor=admin_kab,
        )
    assert "Rapat koordinasi SID" in client.get(DASBOR).content.decode()


def test_each_viewer_gets_the_dashboard_of_their_own_rights(client_for, desa_a, admin_a, make_user):
    admin = client_for(desa_a, admin_a).get(DASBOR).content.decode()
    perangkat = client_for(desa_a, make_user(Peran.PERANGKAT_DESA, desa=desa_a)).get(DASBOR).content.decode()
    assert "Aktivitas terakhir" in admin and "Aktivitas terakhir" not in perangkat
    assert admin.count('class="panel"') > perangkat.count('class="panel"')
