"""The timer's `segarkan_dasbor` computes the region dashboards' summaries ahead: a page view
after it reads them and aggregates no village's rows, and shows what it would have computed."""

import io
import re

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from balai.akun.models import Peran

# Tables a region summary aggregates over every village; a page view after the timer reads none.
TABEL_DESA = ("website_artikel", "publikasi_", "ppid_", "keuangan_", "pembangunan_", "surat_", "kehadiran_")


def _konten(body):
    body = body.split("<main", 1)[1].split("</main>")[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def _lihat(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dasbor/")
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def test_dashboards_after_the_timer_read_its_summaries(client_for, kabupaten, kaligondang, desa_a, desa_b, make_user):
    admin = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN))
    camat = client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang))
    dihitung_kab, _ = _lihat(admin)
    dihitung_kec, _ = _lihat(camat)

    cache.clear()
    call_command("segarkan_dasbor", stdout=io.StringIO())
    for client, dihitung in ((admin, dihitung_kab), (camat, dihitung_kec)):
        client.get("/akun/sandi/")  # session, host and roles back in the cache, as on any page
        body, sql = _lihat(client)
        assert not [s for s in sql if any(t in s for t in TABEL_DESA)], sql
        assert _konten(body) == _konten(dihitung)
