"""Malformed query strings get a 400 page, never a server error (PostgreSQL refuses NUL in
text comparisons, SQLite does not: both must answer the same)."""

import pytest

from balai.akun.models import Peran


@pytest.mark.parametrize(
    "path",
    ["/artikel/?q=%00", "/artikel/?kategori=a%00", "/admin-desa/artikel/?q=%00", "/admin-desa/log/?tindakan=%00"],
)
def test_nul_in_query_on_village_host_is_400(client_for, desa_a, admin_a, path):
    response = client_for(desa_a, admin_a).get(path)
    assert response.status_code == 400
    assert "tidak diizinkan" in response.content.decode()


@pytest.mark.parametrize("path", ["/cari/?q=%00", "/dasbor/desa/?q=%00", "/dasbor/log/?tindakan=x&a%00=1"])
def test_nul_in_query_on_kabupaten_host_is_400(client_for, kabupaten, desa_a, make_user, path):
    response = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN)).get(path)
    assert response.status_code == 400


def test_ordinary_queries_still_work(client_for, desa_a):
    assert client_for(desa_a).get("/artikel/?q=jalan%20desa&halaman=abc").status_code == 200
