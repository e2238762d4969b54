"""Freshness on the kabupaten and kecamatan dashboards: one definition, every village listed,
sortable and exportable; finding a kecamatan by name; who has two-factor sign-in."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.core import kesegaran
from balai.website.models import Artikel


def terbit(desa, hari_lalu, judul="Kabar"):
    with scopes_disabled():
        return Artikel.objects.create(
            desa=desa,
            judul=judul,
            slug=f"{judul.lower()}-{hari_lalu}",
            isi="<p>x</p>",
            status=Artikel.Status.TERBIT,
            terbit_pada=timezone.now() - timedelta(days=hari_lalu),
        )


@pytest.fixture
def admin_kab(make_user):
    return make_user(Peran.ADMIN_KABUPATEN)


def test_never_published_is_stale_and_the_threshold_is_one_rule():
    now = timezone.now()
    assert kesegaran.basi(None, 7, now)
    assert kesegaran.basi(now - timedelta(days=7, hours=1), 7, now)
    assert not kesegaran.basi(now - timedelta(days=6, hours=23), 7, now)


def test_per_desa_lists_villages_that_never_published(desa_a, desa_b):
    terbit(desa_a, 1)
    hasil = kesegaran.per_desa([desa_a.pk, desa_b.pk], 7)
    assert not hasil[desa_a.pk].basi and hasil[desa_a.pk].hari == 1
    assert hasil[desa_b.pk].basi and hasil[desa_b.pk].terakhir is None


def test_kabupaten_dashboard_numbers_agree(client_for, admin_kab, desa_a, desa_b):
    """One village published yesterday, the other never, and nobody worked in the back office:
    the dashboard says 1 stale of 2, and nothing on it claims otherwise."""
    terbit(desa_a, 1)
    body = client_for(None, admin_kab).get("/dasbor/").content.decode()
    assert "<strong>1</strong> dari 2 situs desa aktif basi" in body and "1 situs segar" in body
    assert "aktif 7 hari terakhir" not in body
    from balai.panel.selectors import per_kecamatan

    rows = {r["kecamatan__slug"]: r["basi"] for r in per_kecamatan(kabupaten=desa_a.kecamatan.kabupaten)}
    assert rows == {"kaligondang": 0, "kalimanah": 1}  # the same rule, per kecamatan


def test_kecamatan_dashboard_shows_last_publication_not_a_missing_activity(client_for, make_user, kaligondang, desa_a):
    terbit(desa_a, 2)
    op = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    body = client_for(kaligondang, op).get("/dasbor/").content.decode()
    assert "belum ada" not in body
    two_days_ago = timezone.localtime(timezone.now() - timedelta(days=2))
    assert "Terbitan terakhir" in body and two_days_ago.strftime("%Y-%m-%d") in body
    assert "<strong>0</strong> dari 1 situs desa aktif basi" in body


def test_site_freshness_page_lists_every_village_with_a_stale_filter(client_for, admin_kab, desa_a, desa_b):
    terbit(desa_a, 1)
    client = client_for(None, admin_kab)
    body = client.get("/dasbor/situs/").content.decode()
    assert "Selakambang" in body and "Karangpetir" in body  # fresh ones too, not only the stale
    stale = client.get("/dasbor/situs/?status=basi").content.decode()
    assert "Karangpetir" in stale and "Selakambang" not in stale
    fresh = client.get("/dasbor/situs/?status=segar").content.decode()
    assert "Selakambang" in fresh and "Karangpetir" not in fresh
    found = client.get("/dasbor/situs/?q=kalimanah").content.decode()  # by kecamatan name
    assert "Karangpetir" in found and "Selakambang" not in found


def _order(body, *names):
    return [body.index(n) for n in names]


def test_site_freshness_page_sorts_by_date_name_and_kecamatan(client_for, admin_kab, desa_a, desa_b):
    terbit(desa_a, 5)
    terbit(desa_b, 1)
    client = client_for(None, admin_kab)
    a, b = "Desa Selakambang</a>", "Desa Karangpetir</a>"
    stalest = client.get("/dasbor/situs/").content.decode()
    assert _order(stalest, a, b) == sorted(_order(stalest, a, b))
    newest = client.get("/dasbor/situs/?urut=-terakhir").content.decode()
    assert newest.index(b) < newest.index(a)
    by_name = client.get("/dasbor/situs/?urut=nama").content.decode()
    assert by_name.index(b) < by_name.index(a)  # Karangpetir before Selakambang
    by_kecamatan = client.get("/dasbor/situs/?urut=kecamatan").content.decode()
    assert by_kecamatan.index(a) < by_kecamatan.index(b)  # Kaligondang before Kalimanah
    assert client.get("/dasbor/situs/?urut=bogus&status=bogus").status_code == 200


def test_site_freshness_exports_csv_and_xlsx(client_for, admin_kab, desa_a, desa_b):
    from openpyxl import load_workbook

    terbit(desa_a, 3)
    client = client_for(None, admin_kab)
    response = client.get("/dasbor/situs/?format=csv&urut=nama")
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Kode", "Desa/kelurahan", "Kecamatan", "Terbitan terakhir"]
    assert [r[1] for r in rows[1:]] == ["Karangpetir", "Selakambang"]
    assert rows[1][5] == "belum pernah terbit" and rows[2][4] == "3" and rows[2][5] == "segar"
    response = client.get("/dasbor/situs/?format=xlsx&status=basi")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][1] == "Desa/kelurahan" and [v[1] for v in values[1:]] == ["Karangpetir"]


def test_searching_a_kecamatan_name_finds_the_kecamatan(client_for, admin_kab, desa_a, desa_b):
    body = client_for(None, admin_kab).get("/dasbor/desa/?q=kaligondang").content.decode()
    assert 'href="?kecamatan=kaligondang">Kecamatan Kaligondang</a>' in body
    assert "Selakambang" in body and "Karangpetir" not in body


def test_dashboard_links_to_who_has_and_lacks_two_factor(client_for, admin_kab, make_user, desa_a):
    with_2fa = make_user(Peran.OPERATOR_DESA, desa=desa_a)
    without = make_user(Peran.ADMIN_DESA, desa=desa_a)
    TOTPDevice.objects.create(user=with_2fa, name="hp", confirmed=True)
    client = client_for(None, admin_kab)
    assert 'href="/dasbor/pengguna/?2fa=belum"' in client.get("/dasbor/").content.decode()
    lacking = client.get("/dasbor/pengguna/?2fa=belum").content.decode()
    assert without.username in lacking and with_2fa.username not in lacking
    having = client.get("/dasbor/pengguna/?2fa=ada").content.decode()
    assert with_2fa.username in having and without.username not in having
