"""Pages of the back office hold personal data: the browser must not keep them (the Back button
on a shared village-office computer after signing out), neither in its HTTP cache nor in htmx's
history snapshots."""

import pytest


@pytest.mark.parametrize("path", ["/admin-desa/", "/admin-desa/wilayah/", "/admin-desa/pengguna/"])
def test_back_office_pages_are_not_stored(client_for, desa_a, admin_a, path):
    response = client_for(desa_a, admin_a).get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert 'hx-history="false"' in response.content.decode()


def test_htmx_reloads_the_page_when_its_history_has_no_snapshot(client_for, desa_a, admin_a):
    body = client_for(desa_a, admin_a).get("/admin-desa/").content.decode()
    assert '"refreshOnHistoryMiss": true' in body


def test_public_pages_stay_cacheable(client_for, desa_a):
    response = client_for(desa_a).get("/")
    assert "no-store" not in response.get("Cache-Control", "")
