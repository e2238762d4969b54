"""Records of refused texts are written where the refusal's rollback cannot undo them."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from balai.core import konten

pytestmark = pytest.mark.django_db


def test_inside_a_transaction_the_record_waits_for_the_end_of_the_request():
    catatan = []
    request = RequestFactory().post("/")

    def view(req):
        try:
            with transaction.atomic():
                konten.setelah_penolakan(req, lambda: catatan.append("ditolak"))
                raise konten.KontenDitahan("Ditolak.")
        except konten.KontenDitahan:
            pass
        assert catatan == []  # still inside the request
        return HttpResponse()

    konten.PenolakanMiddleware(view)(request)
    assert catatan == ["ditolak"]


def test_a_failing_record_does_not_break_the_answer(caplog):
    request = RequestFactory().post("/")

    def view(req):
        konten.setelah_penolakan(req, lambda: 1 / 0)
        return HttpResponse("ok")

    assert konten.PenolakanMiddleware(view)(request).content == b"ok"
    assert "gagal disimpan" in caplog.text


def test_without_a_request_the_record_waits_for_a_commit(django_capture_on_commit_callbacks):
    catatan = []
    with django_capture_on_commit_callbacks(execute=True):
        konten.setelah_penolakan(None, lambda: catatan.append("ditolak"))
        assert catatan == []
    assert catatan == ["ditolak"]
