import pytest
from django.core.cache import cache
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.website.models import Artikel


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Public pages and rate limits live in the cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_artikel():
    """Build a published article directly (no service), for reading tests."""

    def make(desa, judul="Musyawarah desa membahas RKP", *, status=Artikel.Status.TERBIT, **extra):
        from django.utils.text import slugify

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
def in_scope():
    def enter(desa):
        return scope(desa=desa)

    return enter
