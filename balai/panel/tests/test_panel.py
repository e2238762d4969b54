import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from balai.akun.models import Peran, User
from balai.core.models import AuditEntry
from balai.core.registry import MenuItem, boleh, extensions
from balai.wilayah.models import Dusun


@pytest.mark.parametrize(
    "peran", sorted(p.value for p in Peran if p.value not in ("admin_kabupaten", "operator_kecamatan"))
)
def test_every_menu_link_of_a_village_role_works(peran, make_user, desa_a, client_for, rf):
    user = make_user(peran, desa=desa_a)
    client = client_for(desa_a, user)
    page = client.get("/admin-desa/")
    assert page.status_code == 200
    links = [i for i in extensions(MenuItem, "desa") if boleh(user, i.izin)]
    assert links
    for item in links:
        url = reverse(item.url_name)
        assert f'href="{url}"' in page.content.decode()
        assert client.get(url).status_code == 200, url
    hidden = [i for i in extensions(MenuItem, "desa") if not boleh(user, i.izin)]
    for item in hidden:
        assert f'href="{reverse(item.url_name)}"' not in page.content.decode()
        assert client.get(reverse(item.url_name)).status_code == 403


def test_operator_cannot_manage_users(client_for, operator_a, desa_a):
    assert client_for(desa_a, operator_a).get("/admin-desa/pengguna/").status_code == 403


def test_admin_desa_creates_account_with_one_time_password(client_for, admin_a, desa_a):
    client = client_for(desa_a, admin_a)
    response = client.post(
        "/admin-desa/pengguna/",
        {"username": "kaur.umum", "nama": "Siti Aminah", "email": "siti@contoh.id", "peran": Peran.PERANGKAT_DESA},
    )
    user = User.objects.get(username="kaur.umum")
    assert user.desa == desa_a and user.kecamatan == desa_a.kecamatan and user.wajib_ganti_sandi
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    body = response.content.decode()
    assert "Kata sandi sementara" in body
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="akun.dibuat")
    assert entry.desa == desa_a and entry.actor == admin_a


def test_duplicate_username_gets_clear_error(client_for, admin_a, desa_a, operator_a):
    response = client_for(desa_a, admin_a).post(
        "/admin-desa/pengguna/",
        {"username": operator_a.username, "nama": "X", "email": "x@contoh.id", "peran": Peran.OPERATOR_DESA},
    )
    assert "sudah dipakai" in response.content.decode()


def test_kabupaten_switches_a_village_off_and_on_after_confirming(client_for, make_user, desa_a):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    client = client_for(None, admin)
    # The list and the detail page offer a link to a confirmation step, not a one-click switch.
    detail = client.get(f"/dasbor/desa/{desa_a.pk}/").content.decode()
    assert f'href="/dasbor/desa/{desa_a.pk}/aktif/"' in detail and "hx-post" not in detail
    confirm = client.get(f"/dasbor/desa/{desa_a.pk}/aktif/")
    body = confirm.content.decode()
    assert confirm.status_code == 200 and "Nonaktifkan situs Desa Selakambang?" in body
    desa_a.refresh_from_db()
    assert desa_a.aktif  # looking at the confirmation changes nothing
    # A bare POST (the old one-click toggle) changes nothing either: it shows the question.
    assert "Nonaktifkan situs" in client.post(f"/dasbor/desa/{desa_a.pk}/aktif/").content.decode()
    desa_a.refresh_from_db()
    assert desa_a.aktif

    response = client.post(f"/dasbor/desa/{desa_a.pk}/aktif/", {"aktif": "0"}, follow=True)
    assert "Situs Desa Selakambang dinonaktifkan" in response.content.decode()
    desa_a.refresh_from_db()
    assert not desa_a.aktif
    assert client_for(desa_a).get("/").status_code == 503
    # Sending the same form again (double click, Back + resend) does not switch it back on.
    again = client.post(f"/dasbor/desa/{desa_a.pk}/aktif/", {"aktif": "0"}, follow=True)
    assert "sudah nonaktif" in again.content.decode()
    desa_a.refresh_from_db()
    assert not desa_a.aktif

    assert "Aktifkan situs Desa Selakambang?" in client.get(f"/dasbor/desa/{desa_a.pk}/aktif/").content.decode()
    response = client.post(f"/dasbor/desa/{desa_a.pk}/aktif/", {"aktif": "1"}, follow=True)
    assert "diaktifkan kembali" in response.content.decode()
    desa_a.refresh_from_db()
    assert desa_a.aktif
    with scopes_disabled():
        assert list(AuditEntry.objects.filter(desa=desa_a).values_list("action", flat=True).order_by("id")) == [
            "desa.dinonaktifkan",
            "desa.diaktifkan",
        ]


def test_kabupaten_adds_village_operator(client_for, make_user, desa_b):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    response = client_for(None, admin).post(
        f"/dasbor/desa/{desa_b.pk}/",
        {"username": "op.karangpetir", "nama": "Budi Santoso", "email": "budi@contoh.id", "peran": Peran.OPERATOR_DESA},
    )
    assert response.status_code == 200
    user = User.objects.get(username="op.karangpetir")
    assert user.desa == desa_b and user.peran == {Peran.OPERATOR_DESA}


def test_kabupaten_directory_filters_and_paginates(
    client_for, make_user, desa_a, desa_b, django_assert_max_num_queries
):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    client = client_for(None, admin)
    with django_assert_max_num_queries(15):
        body = client.get("/dasbor/desa/?kecamatan=kaligondang").content.decode()
    assert "Selakambang" in body and "Karangpetir" not in body
    partial = client.get("/dasbor/desa/?q=karang", HTTP_HX_REQUEST="true").content.decode()
    assert "Karangpetir" in partial and "<html" not in partial


def test_operator_kecamatan_sees_only_own_villages(client_for, make_user, kaligondang, desa_a, desa_b):
    op = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    body = client_for(kaligondang, op).get("/dasbor/").content.decode()
    assert "Selakambang" in body and "Karangpetir" not in body
    assert client_for(None, op).get("/dasbor/").status_code == 403
    assert client_for(desa_b.kecamatan, op).get("/dasbor/").status_code == 403


def test_village_audit_log_shows_only_own_village(client_for, admin_a, desa_a, desa_b, make_user):
    client_for(desa_b, make_user(Peran.ADMIN_DESA, desa=desa_b)).post(
        "/admin-desa/wilayah/dusun/tambah/", {"nama": "Rahasia"}
    )
    client_for(desa_a, admin_a).post("/admin-desa/wilayah/dusun/tambah/", {"nama": "Krajan"})
    body = client_for(desa_a, admin_a).get("/admin-desa/log/").content.decode()
    assert "Krajan" in body and "Rahasia" not in body


def test_wilayah_crud_with_clear_errors(client_for, operator_a, desa_a):
    client = client_for(desa_a, operator_a)
    assert client.post("/admin-desa/wilayah/dusun/tambah/", {"nama": "Krajan", "kepala": "Slamet"}).status_code == 302
    duplicate = client.post("/admin-desa/wilayah/dusun/tambah/", {"nama": "Krajan"})
    assert "sudah dipakai" in duplicate.content.decode()
    with scopes_disabled():
        dusun = Dusun.objects.get(desa=desa_a)
    assert client.post("/admin-desa/wilayah/rw/tambah/", {"dusun": dusun.pk, "nomor": 1}).status_code == 302
    assert (
        "lebih besar dari atau sama dengan"
        in client.post("/admin-desa/wilayah/rw/tambah/", {"dusun": dusun.pk, "nomor": 0}).content.decode()
    )
    response = client.post(f"/admin-desa/wilayah/dusun/{dusun.pk}/hapus/", follow=True)
    assert "masih dipakai" in response.content.decode()
    with scopes_disabled():
        entry = AuditEntry.objects.filter(action="wilayah.dusun_dibuat").get()
    assert entry.changes["nama"] == [None, "Krajan"] and entry.actor == operator_a


def test_rw_form_offers_only_own_dusun(client_for, operator_a, desa_a, desa_b):
    with scopes_disabled():
        Dusun.objects.create(desa=desa_a, nama="Krajan")
        other = Dusun.objects.create(desa=desa_b, nama="DusunTetangga")
    client = client_for(desa_a, operator_a)
    page = client.get("/admin-desa/wilayah/rw/tambah/").content.decode()
    assert "Krajan" in page and "DusunTetangga" not in page
    response = client.post("/admin-desa/wilayah/rw/tambah/", {"dusun": other.pk, "nomor": 3})
    assert response.status_code == 200 and "Masukkan pilihan yang valid" in response.content.decode()


@pytest.mark.parametrize("area", ["kabupaten", "kecamatan"])
def test_every_menu_link_of_kabupaten_and_kecamatan_works(area, make_user, kaligondang, desa_a, client_for):
    """Every back-office page of the region roles answers, with accounts of every kind listed
    (an admin kabupaten has neither desa nor kecamatan, an operator kecamatan no desa)."""
    admin = make_user(Peran.ADMIN_KABUPATEN)
    operator_kec = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    make_user(Peran.OPERATOR_DESA, desa=desa_a)
    user, tenant = (admin, None) if area == "kabupaten" else (operator_kec, kaligondang)
    client = client_for(tenant, user)
    page = client.get("/dasbor/").content.decode()
    items = [i for i in extensions(MenuItem, area) if boleh(user, i.izin)]
    assert items
    for item in items:
        url = reverse(item.url_name)
        assert f'href="{url}"' in page
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("peran", [Peran.PERANGKAT_DESA, Peran.PPID_DESA, Peran.OPERATOR_DESA])
def test_village_dashboard_shows_activity_only_to_roles_that_may_read_the_log(peran, client_for, make_user, desa_a):
    """The audit log names whose records were opened; the dashboard must not show it to roles
    that /admin-desa/log/ refuses."""
    from balai.core import audit

    audit.record(action="penduduk.dilihat", desa=desa_a, label="Warga Yang Dibuka")
    user = make_user(peran, desa=desa_a)
    client = client_for(desa_a, user)
    allowed = client.get("/admin-desa/log/").status_code == 200
    body = client.get("/admin-desa/").content.decode()
    assert ("Warga Yang Dibuka" in body) == allowed
    kades = make_user(Peran.KEPALA_DESA, desa=desa_a)
    assert "Warga Yang Dibuka" in client_for(desa_a, kades).get("/admin-desa/").content.decode()


def test_account_switch_returns_only_to_a_page_of_this_host(client_for, admin_a, desa_a, make_user):
    other = make_user(Peran.PERANGKAT_DESA, desa=desa_a)
    client = client_for(desa_a, admin_a)
    response = client.post(f"/admin-desa/pengguna/{other.pk}/status/", HTTP_REFERER="https://jahat.example/")
    assert response.status_code == 302 and response["Location"] == "/admin-desa/pengguna/"
    response = client.post(
        f"/admin-desa/pengguna/{other.pk}/status/", HTTP_REFERER="http://selakambang.localhost/admin-desa/pengguna/"
    )
    assert response["Location"] == "http://selakambang.localhost/admin-desa/pengguna/"


def test_directory_history_restore_gets_the_whole_page(client_for, make_user, desa_a):
    client = client_for(None, make_user(Peran.ADMIN_KABUPATEN))
    body = client.get("/dasbor/desa/?q=sela", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in body.content.decode()


def test_audit_log_shows_pairs_as_changes_and_facts_as_values(desa_a, admin_a, client_for):
    from balai.core import audit

    audit.record(action="uji.ubah", actor=admin_a, desa=desa_a, changes={"judul": ["Lama", "Baru"]})
    audit.record(action="laporan.diunduh", actor=admin_a, desa=desa_a, changes={"buku": "Buku Induk Penduduk"})
    body = client_for(desa_a, admin_a).get("/admin-desa/log/").content.decode()
    assert "Lama → Baru" in body
    assert "Buku Induk Penduduk" in body and "B → u" not in body


def test_the_menu_marks_the_page_being_shown_and_only_it(make_user, desa_a, client_for):
    """The menu's markup is built once per set of permissions; the current page is marked per request."""
    user = make_user(Peran.ADMIN_DESA, desa=desa_a)
    client = client_for(desa_a, user)
    for path in ("/admin-desa/pengguna/", "/admin-desa/log/"):
        html = client.get(path).content.decode()
        nav = html[html.index('<nav id="sidenav"') : html.index("</nav>")]
        assert nav.count('aria-current="page"') == 1
        assert f'<a href="{path}" aria-current="page">' in nav
