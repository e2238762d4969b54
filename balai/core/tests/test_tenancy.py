import json

import pytest
from django.test import Client

from balai.core.tenancy import DESA, KABUPATEN, KECAMATAN, resolve_host


@pytest.fixture
def sites(desa_a, desa_b):
    return desa_a, desa_b


def test_hosts_resolve_to_their_tenant(sites, desa_a, kaligondang):
    assert resolve_host("localhost").kind == KABUPATEN
    kec = resolve_host("kec-kaligondang.localhost")
    assert (kec.kind, kec.kecamatan) == (KECAMATAN, kaligondang)
    desa = resolve_host("Selakambang.LOCALHOST.")
    assert (desa.kind, desa.desa) == (DESA, desa_a)


@pytest.mark.parametrize(
    "host", ["nowhere.localhost", "kec-nowhere.localhost", "a.selakambang.localhost", "example.org", "localhostx"]
)
def test_unknown_hosts_resolve_to_nothing(sites, host):
    assert resolve_host(host) is None


def test_unknown_host_is_a_404_page_not_another_site(sites):
    response = Client(HTTP_HOST="tidakada.localhost").get("/")
    assert response.status_code == 404
    assert "tidak terdaftar" in response.content.decode()
    assert "Selakambang" not in response.content.decode()


@pytest.mark.parametrize(
    "host", ["bad host", "selakambang.localhost:abc", "-", "selakambang.localhost:80:80", "x" * 300]
)
def test_malformed_host_headers_get_400(sites, host):
    assert Client(HTTP_HOST=host).get("/").status_code == 400


def test_village_site_on_its_host(sites, client_for, desa_a, desa_b):
    body = client_for(desa_a).get("/").content.decode()
    assert "Selakambang" in body and "Karangpetir" not in body


def test_custom_domain_serves_its_village(sites, desa_a):
    desa_a.domain_kustom = "selakambang.desa.id"
    desa_a.save()
    from django.test import override_settings

    with override_settings(ALLOWED_HOSTS=["*"]):
        response = Client(HTTP_HOST="selakambang.desa.id").get("/")
    assert response.status_code == 200
    assert "Selakambang" in response.content.decode()


def test_switched_off_village_is_not_served(sites, client_for, desa_a):
    desa_a.aktif = False
    desa_a.save()
    response = client_for(desa_a).get("/")
    body = response.content.decode()
    # Temporarily unavailable, not gone: 503 with a time to come back, and one clear message.
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "Situs sedang tidak aktif" in body and "Selakambang" in body
    assert "tidak ditemukan" not in body and "Periksa" not in body
    assert client_for(desa_a).get("/admin-desa/").status_code == 503


def test_kecamatan_portal_lists_only_its_villages(sites, client_for, kaligondang):
    body = client_for(kaligondang).get("/").content.decode()
    assert "Selakambang" in body and "Karangpetir" not in body


def test_kabupaten_portal_lists_all_villages(sites, client_for):
    body = client_for().get("/").content.decode()
    assert "Selakambang" in body and "Karangpetir" in body
    assert "http://selakambang.localhost/" in body


def test_healthz_reports_database_and_cache(db):
    response = Client(HTTP_HOST="127.0.0.1").get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.parametrize("host", ["10.0.0.5", "10.0.0.5:8080", "[fd00::5]:8000", "lb-probe.internal", ""])
def test_healthz_answers_a_probe_by_any_host(db, settings, host):
    """A load balancer probes each backend by its address, which is in no ALLOWED_HOSTS."""
    settings.BALAI_TLS = True
    settings.SECURE_SSL_REDIRECT = True
    response = Client(HTTP_HOST=host).get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "ok"
    assert set(json.loads(response.content)) == {"status", "database", "cache"}


def test_security_headers(sites, client_for, desa_a):
    response = client_for(desa_a).get("/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_production_settings_defaults():
    from balai import settings as prod

    assert prod.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert prod.DEBUG is False
    assert prod.LANGUAGE_CODE == "id" and prod.TIME_ZONE == "Asia/Jakarta"
    assert "axes.middleware.AxesMiddleware" in prod.MIDDLEWARE


def test_resolved_hosts_are_cached_until_a_region_changes(desa_a, django_assert_num_queries):
    from balai.core.tenancy import resolve_host

    assert resolve_host("selakambang.localhost").desa == desa_a
    assert resolve_host("tidak-ada.localhost") is None
    with django_assert_num_queries(0):
        assert resolve_host("selakambang.localhost").desa == desa_a
        assert resolve_host("tidak-ada.localhost") is None
    desa_a.domain_kustom = "selakambang.desa.id"
    desa_a.save()
    assert resolve_host("selakambang.desa.id").desa == desa_a


def test_switching_a_village_off_takes_effect_at_once(client_for, desa_a):
    client = client_for(desa_a)
    assert client.get("/").status_code == 200
    desa_a.aktif = False
    desa_a.save()
    assert client.get("/").status_code == 503


def test_cached_public_pages_carry_no_csrf_token(client_for, desa_a):
    for _ in range(2):  # the first render and the cached copy
        body = client_for(desa_a).get("/").content.decode()
        assert "X-CSRFToken" not in body and "csrfmiddlewaretoken" not in body
