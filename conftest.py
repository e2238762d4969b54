"""Shared fixtures: a small kabupaten with two villages in two kecamatan, staff accounts bound
to them, and clients that speak to a given host."""

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from balai.akun.models import Keanggotaan, Peran, User
from balai.website.models import Artikel
from balai.wilayah.models import Desa, Kabupaten, Kecamatan

PASSWORD = "sandi-uji-yang-panjang-42"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (page cache, rate limits, site versions) and reads
    the reference codes afresh (a test's rolled-back codes send no signal to drop them)."""
    from django.core.cache import cache

    from balai.penduduk import kode

    cache.clear()
    kode.reset()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (an import on PostgreSQL, a browser test) ends by emptying every
    table, the reference codes too, which a data migration loaded: load them again for the
    tests that follow."""
    yield
    marker = item.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )
    if transactional and nextitem is not None:  # after the last test the database is gone
        from pytest_django.plugin import blocking_manager_key

        from balai.penduduk import kode
        from balai.penduduk.models import Kode

        with item.config.stash[blocking_manager_key].unblock():
            kode.muat(Kode)
        kode.reset()


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path_factory):
    """Tests never write into the demo's media folder or its list of demo logins."""
    root = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = str(root)
    settings.BALAI_DEMO_LOGINS_FILE = str(root / "demo-logins.txt")
    settings.BALAI_PRIVAT_ROOT = str(root / "privat")


@pytest.fixture
def tanpa_pemeriksaan_konten(monkeypatch):
    """Texts are published without the content check (balai.core.konten): for tests of what the
    sanitiser and the templates do with hostile text the check would hold before it got there."""
    from balai.core import konten

    monkeypatch.setattr(konten, "extensions", lambda kind: [])


@pytest.fixture
def kabupaten(db):
    return Kabupaten.objects.create(kode="33.03", nama="Kabupaten Purbalingga", slug="purbalingga")


@pytest.fixture
def kaligondang(kabupaten):
    return Kecamatan.objects.create(kabupaten=kabupaten, kode="33.03.04", nama="Kaligondang", slug="kaligondang")


@pytest.fixture
def kalimanah(kabupaten):
    return Kecamatan.objects.create(kabupaten=kabupaten, kode="33.03.05", nama="Kalimanah", slug="kalimanah")


@pytest.fixture
def desa_a(kaligondang):
    return Desa.objects.create(kecamatan=kaligondang, kode="33.03.04.2006", nama="Selakambang", slug="selakambang")


@pytest.fixture
def desa_b(kalimanah):
    return Desa.objects.create(kecamatan=kalimanah, kode="33.03.05.2003", nama="Karangpetir", slug="karangpetir")


@pytest.fixture
def make_user(kabupaten):
    def make(peran, *, desa=None, kecamatan=None, username=None, **extra):
        """`peran`: one role, or a list of roles the person holds together."""
        semua = [peran] if isinstance(peran, str) else list(peran)
        if desa is not None:
            kecamatan = desa.kecamatan
        user = User(
            username=username or f"{'+'.join(semua)}-{(desa or kecamatan or kabupaten).slug}",
            kabupaten=kabupaten,
            kecamatan=kecamatan,
            desa=desa,
            **({"email": f"{semua[0]}@contoh.id"} | extra),
        )
        user.set_password(PASSWORD)
        user.save()
        Keanggotaan.objects.bulk_create([Keanggotaan(user=user, peran=p) for p in semua])
        return user

    return make


@pytest.fixture
def operator_a(make_user, desa_a):
    return make_user(Peran.OPERATOR_DESA, desa=desa_a)


@pytest.fixture
def admin_a(make_user, desa_a):
    return make_user(Peran.ADMIN_DESA, desa=desa_a)


@pytest.fixture
def operator_b(make_user, desa_b):
    return make_user(Peran.OPERATOR_DESA, desa=desa_b)


def host_of(tenant):
    if isinstance(tenant, Desa):
        return f"{tenant.slug}.localhost"
    if isinstance(tenant, Kecamatan):
        return f"kec-{tenant.slug}.localhost"
    return "localhost"


@pytest.fixture
def client_for():
    """A client speaking to `tenant`'s host, signed in as `user` (2FA verified when it has a device)."""

    def make(tenant=None, user=None):
        client = Client(HTTP_HOST=host_of(tenant))
        if user is not None:
            client.force_login(user)
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None and user.wajib_2fa:
                device = TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
            if device is not None:
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
        return client

    return make


@pytest.fixture
def make_artikel():
    """Build a published article directly (no service), for reading tests."""

    def make(desa, judul="Musyawarah desa membahas RKP", *, status=Artikel.Status.TERBIT, **extra):
        defaults = {
            "slug": slugify(judul)[:200],
            "ringkasan": "Ringkasan berita.",
            "isi": "<p>Isi berita.</p>",
            "status": status,
            "terbit_pada": timezone.now() - timezone.timedelta(hours=1) if status != Artikel.Status.DRAFT else None,
        }
        defaults.update(extra)
        with scopes_disabled():
            return Artikel.objects.create(desa=desa, judul=judul, **defaults)

    return make


@pytest.fixture
def no_scopes():
    """For factories only: tests that disable scopes everywhere hide leaks."""
    with scopes_disabled():
        yield


@pytest.fixture
def declare(monkeypatch):
    """Replace every app's declared extensions (balai.core.registry) with the given ones."""
    from balai.core import registry

    def use(*extensions):
        monkeypatch.setattr(registry, "_all", lambda: tuple(extensions))

    return use
