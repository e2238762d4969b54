"""Every main page renders without Content-Security-Policy violations or script errors in a
real browser (inline styles and scripts are refused by the policy, so they break silently)."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.akun.models import Peran
from balai.core.registry import MenuItem, extensions

from .masuk import sign_in

pytestmark = pytest.mark.browser

VILLAGE_PUBLIC = [
    "/", "/artikel/", "/pemerintahan/", "/wilayah/", "/kontak/", "/agenda/", "/pengumuman/", "/galeri/",
    "/unduhan/", "/statistik/", "/masuk/", "/akun/lupa-sandi/", "/halaman-tidak-ada/",
]  # fmt: skip


def _watch(page):
    problems = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    return problems


def _visit(page, problems, url):
    before = len(problems)
    page.goto(url, wait_until="networkidle")
    found = [p for p in problems[before:] if "Content Security Policy" in p or p.startswith("pageerror")]
    return [f"{url}: {p}" for p in found]


def test_village_public_pages_and_back_office_keep_the_policy(page, site, desa_a, make_user):
    problems = _watch(page)
    found = []
    for path in VILLAGE_PUBLIC:
        found += _visit(page, problems, site("selakambang", path))
    for label in (None, "kec-kaligondang"):
        found += _visit(page, problems, site(label, "/"))
    admin = make_user(Peran.ADMIN_DESA, desa=desa_a)
    sign_in(page, site("selakambang", "/masuk/"), admin.username)
    for item in extensions(MenuItem, "desa"):
        found += _visit(page, problems, site("selakambang", reverse(item.url_name)))
    assert not found, "\n".join(found)


def test_kabupaten_back_office_keeps_the_policy(page, site, desa_a, make_user):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    device = TOTPDevice.objects.create(user=admin, name="hp", confirmed=True)
    problems = _watch(page)
    sign_in(page, site(None, "/masuk/"), admin.username, device)
    found = []
    for item in extensions(MenuItem, "kabupaten"):
        found += _visit(page, problems, site(None, reverse(item.url_name)))
    found += _visit(page, problems, site(None, f"/dasbor/desa/{desa_a.pk}/"))
    assert not found, "\n".join(found)
