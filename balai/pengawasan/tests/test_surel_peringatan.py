"""The daily alert mail (`manage.py kirim_peringatan`): a new alert is mailed once, again after
ULANG_HARI days while open, never after it cleared; officers choose on their account page; a
kecamatan operator hears of their own villages only; nothing new sends nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.core.registry import AlertSource
from balai.pengawasan.models import PeringatanTercatat, PreferensiPeringatan
from balai.pengawasan.peringatan import ULANG_HARI, kirim_peringatan
from balai.wilayah.models import Desa

pytestmark = pytest.mark.django_db


@pytest.fixture
def alarm(declare):
    """The alerts of the day, set by the test: {desa_id: message}."""
    aktif = {}
    declare(AlertSource("uji", "Situs basi", lambda desa_ids: [(d, m) for d, m in aktif.items() if d in desa_ids]))
    return aktif


@pytest.fixture
def admin_kab(make_user):
    return make_user(Peran.ADMIN_KABUPATEN, email="kominfo@purbalinggakab.go.id")


def _kirim(hari=0):
    from balai.wilayah.models import Kabupaten

    return kirim_peringatan(kabupaten=Kabupaten.objects.get(), sekarang=timezone.now() + timedelta(days=hari))


def test_a_new_alert_is_mailed_once_then_again_after_the_interval(alarm, admin_kab, desa_a):
    alarm[desa_a.pk] = "Tidak ada terbitan 31 hari."
    hasil = _kirim()
    assert hasil.baru == 1 and hasil.surel_kabupaten == 1
    [surel] = mail.outbox
    assert surel.to == ["kominfo@purbalinggakab.go.id"]
    assert "1 baru" in surel.subject and "Kabupaten Purbalingga" in surel.subject
    assert "Selakambang, Kecamatan Kaligondang" in surel.body
    assert "Situs basi: Tidak ada terbitan 31 hari. [baru]" in surel.body
    assert "http://localhost/dasbor/peringatan/" in surel.body
    assert f"http://localhost/dasbor/skor/desa/{desa_a.pk}/" in surel.body
    assert "http://localhost/akun/sandi/" in surel.body  # where to switch it off
    # The next days the count in the message changes, the alert stays the same one: no mail.
    for hari in range(1, ULANG_HARI):
        alarm[desa_a.pk] = f"Tidak ada terbitan {31 + hari} hari."
        assert _kirim(hari).surel_kabupaten == 0
    assert len(mail.outbox) == 1
    # Still open after the interval: mailed again, saying since when.
    hasil = _kirim(ULANG_HARI)
    assert hasil.diulang == 1 and hasil.baru == 0 and len(mail.outbox) == 2
    assert "terbuka sejak" in mail.outbox[1].body and "masih terbuka" in mail.outbox[1].subject
    with scopes_disabled():
        catatan = PeringatanTercatat.objects.get()
    assert catatan.pesan == f"Tidak ada terbitan {31 + ULANG_HARI - 1} hari." and catatan.selesai is None


def test_a_cleared_alert_is_closed_and_not_mailed_and_a_return_is_new(alarm, admin_kab, desa_a, desa_b):
    alarm[desa_a.pk] = "Tidak ada terbitan 31 hari."
    _kirim()
    del alarm[desa_a.pk]
    hasil = _kirim(1)
    assert hasil.selesai == 1 and hasil.terbuka == 0 and len(mail.outbox) == 1
    assert _kirim(ULANG_HARI + 1).surel_kabupaten == 0  # closed: never repeated
    with scopes_disabled():
        assert PeringatanTercatat.objects.get().selesai is not None
    alarm[desa_a.pk] = "Tidak ada terbitan 40 hari."
    assert _kirim(ULANG_HARI + 2).baru == 1
    assert len(mail.outbox) == 2 and "[baru]" in mail.outbox[1].body
    with scopes_disabled():
        assert PeringatanTercatat.objects.filter(selesai__isnull=True).count() == 1


def test_a_kecamatan_operator_hears_of_their_own_villages_only(
    alarm, admin_kab, make_user, kaligondang, kalimanah, desa_a, desa_b
):
    make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang, email="kaligondang@kec.id")
    make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kalimanah, email="kalimanah@kec.id")
    make_user(Peran.ADMIN_DESA, desa=desa_a, email="admin@selakambang.desa.id")  # not an oversight role
    alarm[desa_a.pk] = "Pesan A."
    hasil = _kirim()
    assert (hasil.surel_kabupaten, hasil.surel_kecamatan) == (1, 1)
    per_alamat = {m.to[0]: m for m in mail.outbox}
    assert set(per_alamat) == {"kominfo@purbalinggakab.go.id", "kaligondang@kec.id"}
    kec = per_alamat["kaligondang@kec.id"]
    assert "Kecamatan Kaligondang" in kec.subject and "Selakambang" in kec.body
    assert "http://kec-kaligondang.localhost/dasbor/peringatan/" in kec.body
    alarm[desa_b.pk] = "Pesan B."
    mail.outbox.clear()
    _kirim(1)
    per_alamat = {m.to[0]: m for m in mail.outbox}
    assert set(per_alamat) == {"kominfo@purbalinggakab.go.id", "kalimanah@kec.id"}
    assert "Karangpetir" in per_alamat["kalimanah@kec.id"].body
    assert "Selakambang" not in per_alamat["kalimanah@kec.id"].body
    assert "Selakambang" not in per_alamat["kominfo@purbalinggakab.go.id"].body  # already told


def test_officers_switch_the_mail_off_and_on_on_their_account_page(
    client_for, alarm, admin_kab, make_user, kaligondang, desa_a
):
    operator = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang, email="kaligondang@kec.id")
    make_user(Peran.ADMIN_KABUPATEN, username="tanpa-surel", email="")  # no address: nothing to send to
    kec = client_for(kaligondang, operator)
    jawab = kec.post("/akun/surel-peringatan/", {}, follow=True)
    assert "Surel peringatan harian dihentikan" in jawab.content.decode()
    assert PreferensiPeringatan.objects.get(user=operator).surel is False
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="peringatan.preferensi_diubah", actor=operator).exists()
    alarm[desa_a.pk] = "Pesan A."
    _kirim()
    assert [m.to for m in mail.outbox] == [["kominfo@purbalinggakab.go.id"]]
    kec.post("/akun/surel-peringatan/", {"surel": "1"})
    assert PreferensiPeringatan.objects.get(user=operator).surel is True


def test_the_account_page_shows_the_choice_to_officers_only(client_for, admin_kab, desa_a, operator_a):
    halaman = client_for(None, admin_kab).get("/akun/sandi/").content.decode()
    assert "Surel peringatan desa" in halaman and 'name="surel" value="1" checked' in halaman
    assert "Surel peringatan desa" not in client_for(desa_a, operator_a).get("/akun/sandi/").content.decode()
    # A village account may not set it, nor anything by GET.
    desa = client_for(desa_a, operator_a)
    assert desa.post("/akun/surel-peringatan/", {"surel": "1"}).status_code == 403
    assert client_for(None, admin_kab).get("/akun/surel-peringatan/").status_code == 405
    assert not PreferensiPeringatan.objects.exists()


def test_nothing_new_sends_nothing_and_the_command_says_so(alarm, admin_kab, desa_a):
    out = StringIO()
    call_command("kirim_peringatan", stdout=out)
    assert "0 peringatan terbuka" in out.getvalue() and "tidak ada surel" in out.getvalue()
    assert not mail.outbox
    alarm[desa_a.pk] = "Pesan A."
    out = StringIO()
    call_command("kirim_peringatan", stdout=out)
    assert "1 peringatan terbuka (1 baru, 0 diingatkan ulang)" in out.getvalue()
    assert "1 surel dikirim (1 ke kabupaten, 0 ke kecamatan)" in out.getvalue()
    out = StringIO()
    call_command("kirim_peringatan", stdout=out)
    assert "1 peringatan terbuka (0 baru" in out.getvalue() and "tidak ada surel" in out.getvalue()
    assert len(mail.outbox) == 1
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="peringatan.surel_dikirim").count() == 3  # one per run


def test_a_failed_mail_is_tried_again_the_next_day(alarm, admin_kab, desa_a, settings):
    settings.EMAIL_BACKEND = "balai.pengawasan.tests.test_surel_peringatan.GagalBackend"
    alarm[desa_a.pk] = "Pesan A."
    hasil = _kirim()
    assert hasil.gagal == 1 and "gagal dikirim" in str(hasil)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert _kirim(1).surel_kabupaten == 1


class GagalBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass

    def send_messages(self, messages):
        raise OSError("server surel tidak menjawab")


def _desa_lagi(kecamatan, n):
    for i in range(n):
        Desa.objects.create(kecamatan=kecamatan, kode=f"33.03.04.{3000 + i}", nama=f"Desa {i}", slug=f"desa-{i}")


def test_a_run_takes_the_same_queries_for_2_and_12_villages(alarm, admin_kab, make_user, kaligondang, desa_a, desa_b):
    make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang, email="kaligondang@kec.id")

    def jalan(hari):
        with scopes_disabled():
            for d in Desa.objects.values_list("pk", flat=True):
                alarm[d] = f"Pesan {hari}."
        with CaptureQueriesContext(connection) as q:
            _kirim(hari)
        return len(q.captured_queries)

    jalan(0)
    dua = jalan(ULANG_HARI)  # every alert open, its message changed, due again: the most work
    _desa_lagi(kaligondang, 10)
    jalan(2 * ULANG_HARI)
    dua_belas = jalan(3 * ULANG_HARI)
    assert len(alarm) == 12
    assert dua_belas == dua, (dua, dua_belas)
    assert "Desa 9" in mail.outbox[-1].body


def test_the_alerts_page_says_since_when(client_for, kabupaten, admin_kab, desa_b):
    kirim_peringatan(kabupaten=kabupaten, sekarang=timezone.now() - timedelta(days=3))  # the real sources
    halaman = client_for(None, admin_kab).get("/dasbor/peringatan/").content.decode()
    sejak = timezone.localtime(timezone.now() - timedelta(days=3))
    assert "Situs belum pernah menerbitkan apa pun" in halaman
    assert f"sejak {sejak.day} " in halaman
