"""The office side: find a resident, issue a PIN shown once, print its slip, deactivate; the
PIN never reaches the audit log, a log line or the session."""

import io
import json
import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django_scopes import scopes_disabled
from pypdf import PdfReader

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.mandiri.models import AkunWarga

from .conftest import PIN_BARU, ganti, host, masuk

pytestmark = pytest.mark.django_db


def _pin_di(response):
    return re.search(r'class="secret">(\d{6})<', response.content.decode())[1]


def test_search_by_name_and_full_nik(desa_a, kk_a, admin_a, client_for):
    client = client_for(desa_a, admin_a)
    kepala = kk_a[1][0]
    page = client.post("/admin-desa/mandiri/", {"q": "sumarni"})
    assert page.status_code == 200 and f"/admin-desa/mandiri/penduduk/{kepala.pk}/" in page.content.decode()
    page = client.post("/admin-desa/mandiri/", {"q": kepala.nik})
    assert f"/admin-desa/mandiri/penduduk/{kepala.pk}/" in page.content.decode()
    assert "Belum ada" in page.content.decode()


def test_issue_show_once_print_slip_and_sign_in(desa_a, kk_a, operator_a, client_for):
    kepala = kk_a[1][0]
    client = client_for(desa_a, operator_a)
    assert client.get(f"/admin-desa/mandiri/penduduk/{kepala.pk}/pin/").status_code == 405
    response = client.post(f"/admin-desa/mandiri/penduduk/{kepala.pk}/pin/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    pin = _pin_di(response)
    # The detail page afterwards does not show it again.
    assert pin not in client.get(f"/admin-desa/mandiri/penduduk/{kepala.pk}/").content.decode()
    slip = client.post(f"/admin-desa/mandiri/penduduk/{kepala.pk}/slip/", {"pin": pin})
    assert slip.status_code == 200 and slip["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(slip.content)).pages)
    # Letter-spaced for reading, so its digits come out spaced.
    assert pin in re.sub(r"\s", "", text) and kepala.nama in text and "Selakambang" in text
    assert "http://selakambang.localhost/mandiri/" in text
    assert kepala.nik not in text and kepala.nik[:4] in text and kepala.nik[-4:] in text
    # A made-up PIN gets no slip.
    wrong = client.post(
        f"/admin-desa/mandiri/penduduk/{kepala.pk}/slip/", {"pin": "480614" if pin != "480614" else "480615"}
    )
    assert wrong.status_code == 302
    warga = Client(HTTP_HOST=host(desa_a))
    assert masuk(warga, kepala.nik, pin).status_code == 302
    assert ganti(warga, pin).status_code == 302
    # Once the resident changed it, the slip cannot be printed any more.
    assert client.post(f"/admin-desa/mandiri/penduduk/{kepala.pk}/slip/", {"pin": pin}).status_code == 302


def test_deactivate(desa_a, kk_a, operator_a, client_for, akun_a):
    kepala = kk_a[1][0]
    client = client_for(desa_a, operator_a)
    assert client.get(f"/admin-desa/mandiri/penduduk/{kepala.pk}/nonaktif/").status_code == 405
    assert client.post(f"/admin-desa/mandiri/penduduk/{kepala.pk}/nonaktif/").status_code == 302
    with scopes_disabled():
        assert not AkunWarga.objects.get(penduduk=kepala).aktif
    assert masuk(Client(HTTP_HOST=host(desa_a)), kepala.nik, akun_a[1]).status_code == 200
    # A new PIN reopens it.
    response = client.post(f"/admin-desa/mandiri/penduduk/{kepala.pk}/pin/")
    assert masuk(Client(HTTP_HOST=host(desa_a)), kepala.nik, _pin_di(response)).status_code == 302


def test_roles_without_the_permission_are_refused(desa_a, kk_a, make_user, client_for):
    for peran in (Peran.PERANGKAT_DESA, Peran.KEPALA_DESA, Peran.PPID_DESA):
        client = client_for(desa_a, make_user(peran, desa=desa_a))
        assert client.get("/admin-desa/mandiri/").status_code == 403
        assert client.post(f"/admin-desa/mandiri/penduduk/{kk_a[1][0].pk}/pin/").status_code == 403


def test_pin_never_in_audit_logs_or_sessions(desa_a, kk_a, operator_a, client_for, caplog):
    caplog.set_level(logging.DEBUG)
    kepala = kk_a[1][0]
    office = client_for(desa_a, operator_a)
    pin = _pin_di(office.post(f"/admin-desa/mandiri/penduduk/{kepala.pk}/pin/"))
    office.post(f"/admin-desa/mandiri/penduduk/{kepala.pk}/slip/", {"pin": pin})
    warga = Client(HTTP_HOST=host(desa_a))
    masuk(warga, kepala.nik, "480614" if pin != "480614" else "480615")
    masuk(warga, kepala.nik, pin)
    ganti(warga, pin)
    masuk(Client(HTTP_HOST=host(desa_a)), kepala.nik, PIN_BARU)
    with scopes_disabled():
        entries = list(AuditEntry.objects.filter(action__startswith="mandiri.").values())
        hashes = AkunWarga.objects.get(penduduk=kepala).pin_hash
    actions = {e["action"] for e in entries}
    assert {"mandiri.pin_diterbitkan", "mandiri.masuk", "mandiri.pin_diganti"} <= actions
    dumped = json.dumps(entries, default=str) + caplog.text + hashes
    dumped += "".join(str(s.get_decoded()) for s in Session.objects.all())
    for secret in (pin, PIN_BARU):
        assert secret not in dumped


def test_audit_names_the_resident(desa_a, kk_a, operator_a, client_for):
    kepala = kk_a[1][0]
    client_for(desa_a, operator_a).post(f"/admin-desa/mandiri/penduduk/{kepala.pk}/pin/")
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="mandiri.pin_diterbitkan")
    assert entry.object_label == kepala.nama and entry.actor == operator_a and entry.desa == desa_a


def test_office_pages_query_counts(desa_a, kk_a, akun_a, admin_a, client_for, django_assert_max_num_queries):
    client = client_for(desa_a, admin_a)
    client.get("/admin-desa/mandiri/")
    with django_assert_max_num_queries(14):
        assert client.get("/admin-desa/mandiri/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.post("/admin-desa/mandiri/", {"q": "a"}).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/admin-desa/mandiri/penduduk/{kk_a[1][0].pk}/").status_code == 200


def test_resident_pages_query_counts(warga_client, django_assert_max_num_queries):
    for path in ("/mandiri/", "/mandiri/data/", "/mandiri/keluarga/", "/mandiri/pin/"):
        warga_client.get(path)
        with django_assert_max_num_queries(6):
            assert warga_client.get(path).status_code == 200, path


def test_my_data_and_family_are_masked(warga_client, kk_a):
    kepala, anak1, anak2 = kk_a[1]
    data = warga_client.get("/mandiri/data/").content.decode()
    assert kepala.nama in data and kepala.nik not in data and kepala.nik[-4:] in data
    assert kk_a[0].no_kk not in data
    keluarga = warga_client.get("/mandiri/keluarga/").content.decode()
    for orang in (kepala, anak1, anak2):
        assert orang.nama in keluarga and orang.nik not in keluarga
