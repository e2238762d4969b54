"""Named permissions: every back-office view, found by walking the URL resolver, refuses (403)
each role that lacks its permission, on the page, its POST and its htmx partial; roles add up;
misspelt names fail loudly; accounts hold only roles of their own level; the old one-role
accounts migrate to exactly that membership."""

import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template import Context, Template, engines
from django.urls import reverse

from balai.akun import services
from balai.akun.access import staff_view
from balai.akun.izin import IZIN, PERAN_IZIN, izin_untuk
from balai.akun.models import PERAN_KABUPATEN, PERAN_TINGKAT, Keanggotaan, Peran
from balai.core import registry
from balai.core.tenancy import DESA, KABUPATEN, KECAMATAN
from balai.core.tests.routes import fill, staff_routes
from balai.wilayah.models import Desa, Kabupaten, Kecamatan

# Roles that may work on a host of each kind: its own level's, and the kabupaten's everywhere.
HOST_ROLES = {
    DESA: sorted(PERAN_TINGKAT["desa"] | PERAN_KABUPATEN),
    KECAMATAN: sorted(PERAN_TINGKAT["kecamatan"] | PERAN_KABUPATEN),
    KABUPATEN: sorted(PERAN_KABUPATEN),
}
CASES = [(kind, peran) for kind, roles in HOST_ROLES.items() for peran in roles]

# Staff views every staff member of the host may open, on purpose. Any other staff view must
# name the permission it needs: a new view without one fails here instead of opening to all.
OPEN_TO_EVERY_STAFF = {
    "admin-desa/": "the village dashboard: each widget checks its own permission",
    "admin-desa/statistik/": "aggregate statistics, every village role holds statistik.lihat",
    "dasbor/": "the kecamatan and kabupaten dashboards",
    "dasbor/statistik/": "aggregate statistics per village",
    "admin-desa/panduan/": "guides (pembinaan) are written for every role; each reads its own",
    "admin-desa/panduan/<int:nomor>/": "one guide, among those written for the reader's roles",
    "admin-desa/usulan/": "every village reads the proposals; proposing needs usulan.ajukan (checked on POST)",
    "admin-desa/usulan/<int:nomor>/": "one proposal; supporting it needs usulan.ajukan (checked on POST)",
}


@pytest.fixture
def user_with(make_user, desa_a):
    def make(peran):
        peran = [peran] if isinstance(peran, str) else peran
        tingkat = next(t for t, semua in PERAN_TINGKAT.items() if peran[0] in semua)
        unit = {"desa": {"desa": desa_a}, "kecamatan": {"kecamatan": desa_a.kecamatan}, "kabupaten": {}}[tingkat]
        return make_user(peran, **unit)

    return make


def _tenant(kind, desa):
    return {DESA: desa, KECAMATAN: desa.kecamatan, KABUPATEN: None}[kind]


def test_back_offices_are_found():
    kinds = {kind for _route, kind, _view in staff_routes()}
    assert kinds == {DESA, KECAMATAN, KABUPATEN}
    assert all(isinstance(view.izin, tuple) for _route, _kind, view in staff_routes())


def test_every_staff_view_names_its_permission():
    missing = {route for route, _kind, view in staff_routes() if not view.izin} - set(OPEN_TO_EVERY_STAFF)
    assert not missing, f"staff views without izin= (name the permission they need): {sorted(missing)}"


@pytest.mark.parametrize("kind,peran", CASES, ids=[f"{k}-{p}" for k, p in CASES])
def test_role_without_the_permission_gets_403(kind, peran, user_with, desa_a, client_for):
    """Page, form POST and htmx partial: refused by the decorator, before the view runs (so a
    dummy pk of 1 is enough)."""
    granted = izin_untuk({peran})
    refused = [
        (route, view.izin)
        for route, view_kind, view in staff_routes(kind)
        if view.izin and not granted & set(view.izin)
    ]
    client = client_for(_tenant(kind, desa_a), user_with(peran))
    wrong = []
    for route, needed in refused:
        path = fill(route)
        answers = (
            client.get(path).status_code,
            client.post(path, {"format": "csv"}).status_code,
            client.get(path, headers={"HX-Request": "true"}).status_code,
        )
        if answers != (403, 403, 403):
            wrong.append((route, needed, answers))
    assert not wrong, f"{peran} must get 403 (GET, POST, htmx) on: {wrong}"


def test_two_roles_give_the_union(user_with, desa_a, client_for):
    user = user_with([Peran.OPERATOR_DESA, Peran.PPID_DESA])
    assert user.peran == {Peran.OPERATOR_DESA, Peran.PPID_DESA}
    assert user.izin == PERAN_IZIN[Peran.OPERATOR_DESA] | PERAN_IZIN[Peran.PPID_DESA]
    assert "ppid.kelola" in user.izin and "penduduk.kelola" in user.izin
    client = client_for(desa_a, user)
    for route, _kind, view in staff_routes(DESA):
        if "<" not in route and (not view.izin or user.punya_izin(*view.izin)):
            assert client.get(fill(route)).status_code == 200, route


def test_ppid_opens_pengumuman_and_dokumen_but_not_articles_or_penduduk(user_with, desa_a, client_for):
    client = client_for(desa_a, user_with(Peran.PPID_DESA))
    assert client.get(reverse("publikasi_kantor:pengumuman_daftar")).status_code == 200
    assert client.get(reverse("publikasi_kantor:dokumen_daftar")).status_code == 200
    assert client.get(reverse("website:kantor_artikel_list")).status_code == 403
    assert client.get(reverse("penduduk:daftar")).status_code == 403
    assert client.get(reverse("penduduk:ekspor")).status_code == 403


def test_misspelt_permission_in_a_view_raises():
    with pytest.raises(ValueError, match="situs.kelolah"):
        staff_view(DESA, izin="situs.kelolah")
    with pytest.raises(ValueError, match="penduduk.kelolaa"):
        staff_view(DESA, izin=("situs.kelola", "penduduk.kelolaa"))


def test_misspelt_permission_in_a_template_raises(user_with):
    user = user_with(Peran.OPERATOR_DESA)
    ok = Template('{% load izin %}{% if user|punya_izin:"situs.kelola" %}ya{% endif %}')
    assert ok.render(Context({"user": user})) == "ya"
    typo = Template('{% load izin %}{% if user|punya_izin:"situs.kelolah" %}ya{% endif %}')
    with pytest.raises(ValueError, match="situs.kelolah"):
        typo.render(Context({"user": user}))


def test_every_permission_named_in_templates_and_extensions_exists():
    """A misspelt name in a rarely shown branch of a template would raise only when shown."""
    named = set()
    for directory in engines["django"].template_dirs:
        for template in Path(directory).rglob("*.html"):
            named |= {
                n.strip()
                for found in re.findall(r'punya_izin\s*:\s*"([^"]+)"', template.read_text())
                for n in found.split(",")
            }
    for extension in registry._all():
        declared = getattr(extension, "izin", None)
        named |= {declared} if isinstance(declared, str) else set(declared or ())
    assert named, "expected permission checks in templates and extensions"
    assert named <= set(IZIN), f"unknown permission names: {sorted(named - set(IZIN))}"


def test_every_role_grants_known_permissions_only():
    assert set(PERAN_IZIN) == set(Peran)
    for peran, izin in PERAN_IZIN.items():
        assert izin <= set(IZIN), peran


def test_new_account_refuses_roles_of_mixed_levels(kabupaten, desa_a, make_user):
    actor = make_user(Peran.ADMIN_KABUPATEN)
    for peran in ([Peran.OPERATOR_DESA, Peran.OPERATOR_KECAMATAN], [Peran.PPID_DESA, Peran.ADMIN_KABUPATEN], []):
        with pytest.raises(ValidationError):
            services.buat_pengguna(
                actor=actor,
                username="campur",
                nama="Campur Aduk",
                email="campur@contoh.id",
                peran=peran,
                kabupaten=kabupaten,
                desa=desa_a,
            )
    assert not type(actor).objects.filter(username="campur").exists()


def test_roles_must_be_of_the_accounts_level(user_with):
    actor = user_with(Peran.ADMIN_KABUPATEN)
    user = user_with([Peran.OPERATOR_DESA, Peran.PPID_DESA])
    for peran in ([Peran.OPERATOR_KECAMATAN], [Peran.ADMIN_KABUPATEN], [Peran.SEKDES, Peran.ADMIN_KABUPATEN], []):
        with pytest.raises(ValidationError):
            services.atur_peran(actor=actor, user=user, peran=peran)
    assert set(user.keanggotaan.values_list("peran", flat=True)) == {Peran.OPERATOR_DESA, Peran.PPID_DESA}
    services.atur_peran(actor=actor, user=user, peran=[Peran.SEKDES])
    assert user.peran == {Peran.SEKDES}


def test_kabupaten_admin_never_holds_lihat_nik(user_with, desa_a, client_for):
    assert "penduduk.lihat_nik" not in PERAN_IZIN[Peran.ADMIN_KABUPATEN]
    admin = user_with(Peran.ADMIN_KABUPATEN)
    assert not admin.punya_izin("penduduk.lihat_nik")
    # Not even through a village role's membership written past the services (the admin site,
    # a hand-made fix in the database): roles of another level grant nothing.
    Keanggotaan.objects.create(user=admin, peran=Peran.OPERATOR_DESA)
    admin.lupakan_keadaan()
    assert admin.peran == {Peran.ADMIN_KABUPATEN}
    assert not admin.punya_izin("penduduk.lihat_nik")
    assert client_for(desa_a, admin).post(reverse("penduduk:ekspor"), {"format": "csv"}).status_code == 403


def test_village_account_with_a_stray_kabupaten_role_stays_in_its_village(user_with, desa_a, desa_b, client_for):
    operator = user_with(Peran.OPERATOR_DESA)
    Keanggotaan.objects.create(user=operator, peran=Peran.ADMIN_KABUPATEN)
    operator.lupakan_keadaan()
    assert operator.peran == {Peran.OPERATOR_DESA}
    assert not operator.is_admin_kabupaten
    assert client_for(desa_b, operator).get(reverse("panel:desa_dasbor")).status_code == 403
    assert client_for(None, operator).get(reverse("panel:dasbor")).status_code == 403


# --- the move from one role per account to memberships ---------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_one_role_account_migrates_to_exactly_that_membership():
    """An account made before memberships existed (akun 0001, one `peran` column) holds
    exactly its old role afterwards. Only the akun app moves back and forth."""
    executor = MigrationExecutor(connection)
    before = [("akun", "0001_initial")]
    latest = [key for key in executor.loader.graph.leaf_nodes() if key[0] == "akun"]
    try:
        executor.migrate(before)
        # The region tables are those of today; only the account is made the old way.
        kabupaten = Kabupaten.objects.create(kode="33.03", nama="Kabupaten Purbalingga", slug="purbalingga")
        kecamatan = Kecamatan.objects.create(kabupaten=kabupaten, kode="33.03.04", nama="Kaligondang", slug="kgd")
        desa = Desa.objects.create(kecamatan=kecamatan, kode="33.03.04.2006", nama="Selakambang", slug="slk")
        OldUser = MigrationExecutor(connection).loader.project_state(before).apps.get_model("akun", "User")
        sekdes = OldUser.objects.create(
            username="sekdes", peran="sekdes", kabupaten_id=kabupaten.pk, kecamatan_id=kecamatan.pk, desa_id=desa.pk
        )
        admin = OldUser.objects.create(username="kominfo", peran="admin_kabupaten", kabupaten_id=kabupaten.pk)
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(latest)
    User = django_apps.get_model("akun", "User")
    assert User.objects.get(pk=sekdes.pk).peran == {Peran.SEKDES}
    assert User.objects.get(pk=admin.pk).peran == {Peran.ADMIN_KABUPATEN}
    assert list(Keanggotaan.objects.filter(user_id=sekdes.pk).values_list("peran", flat=True)) == [Peran.SEKDES]
