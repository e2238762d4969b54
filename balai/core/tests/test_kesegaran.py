from datetime import UTC, datetime

import pytest

from balai.core import kesegaran
from balai.core.registry import FreshnessSource, extensions


def t(day):
    return datetime(2026, 1, day, tzinfo=UTC)


def test_latest_over_every_source(declare):
    calls = []

    def artikel(ids):
        calls.append(list(ids))
        return {1: t(5), 2: t(1)}

    declare(FreshnessSource(artikel), FreshnessSource(lambda ids: {2: t(9), 3: None, 4: t(2)}))
    assert kesegaran.terakhir([1, 2, 3]) == {1: t(5), 2: t(9), 4: t(2)}
    assert calls == [[1, 2, 3]]


def test_no_villages_no_queries(declare):
    declare(FreshnessSource(lambda ids: pytest.fail("asked for no village")))
    assert kesegaran.terakhir([]) == {}


def test_sources_run_unscoped(declare, desa_a, desa_b):
    """The kabupaten asks about all villages at once: sources must not need a village scope."""
    from balai.wilayah.models import Dusun

    declare(FreshnessSource(lambda ids: {d.desa_id: t(3) for d in Dusun.objects.filter(desa_id__in=ids)}))
    assert kesegaran.terakhir([desa_a.pk, desa_b.pk]) == {}


def test_installed_apps_declare_their_sources():
    declared = {source.target for source in extensions(FreshnessSource)}
    assert {"balai.website.selectors.artikel_terakhir", "balai.publikasi.selectors.terbitan_terakhir"} <= declared
