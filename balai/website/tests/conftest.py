import pytest
from django.core.cache import cache
from django_scopes import scope


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Public pages and rate limits live in the cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def in_scope():
    def enter(desa):
        return scope(desa=desa)

    return enter
