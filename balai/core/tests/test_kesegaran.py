from datetime import UTC, datetime

import pytest

from balai.core import kesegaran


@pytest.fixture
def sumber(monkeypatch):
    monkeypatch.setattr(kesegaran, "_SOURCES", [])
    return kesegaran


def t(day):
    return datetime(2026, 1, day, tzinfo=UTC)


def test_latest_over_every_source(sumber):
    calls = []

    def artikel(ids):
        calls.append(list(ids))
        return {1: t(5), 2: t(1)}

    sumber.register(artikel)
    sumber.register(artikel)  # registering twice (ready() run again) counts once
    sumber.register(lambda ids: {2: t(9), 3: None, 4: t(2)})
    assert sumber.terakhir([1, 2, 3]) == {1: t(5), 2: t(9), 4: t(2)}
    assert calls == [[1, 2, 3]]


def test_no_villages_no_queries(sumber):
    sumber.register(lambda ids: pytest.fail("asked for no village"))
    assert sumber.terakhir([]) == {}


def test_sources_run_unscoped(sumber, desa_a, desa_b):
    """The kabupaten asks about all villages at once: sources must not need a village scope."""
    from balai.wilayah.models import Dusun

    sumber.register(lambda ids: {d.desa_id: t(3) for d in Dusun.objects.filter(desa_id__in=ids)})
    assert sumber.terakhir([desa_a.pk, desa_b.pk]) == {}


def test_installed_apps_register_their_sources():
    from balai.publikasi.selectors import terbitan_terakhir
    from balai.website.selectors import artikel_terakhir

    assert {artikel_terakhir, terbitan_terakhir} <= set(kesegaran._SOURCES)
