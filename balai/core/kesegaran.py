"""When a village last published anything on its website, whichever module published it.

The freshness widgets ("Terakhir diperbarui", the kabupaten's list of stale village sites) ask
here instead of counting articles only. Every module with public publications declares a
`FreshnessSource` in its AppConfig (balai.core.registry).

What "fresh" means is defined here once, for every page that counts or lists it: a village site
is stale (`basi`) when it never published anything, or published last more than the kabupaten's
threshold (`ambang_kesegaran_hari`) ago."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from .registry import FreshnessSource, extensions


def terakhir(desa_ids):
    """{desa_id: latest publication over every source} for `desa_ids` (villages that never
    published anything are missing)."""
    desa_ids = list(desa_ids)
    hasil = {}
    if not desa_ids:
        return hasil
    with scopes_disabled():
        for source in extensions(FreshnessSource):
            for desa_id, when in source(desa_ids).items():
                if when is not None and (desa_id not in hasil or when > hasil[desa_id]):
                    hasil[desa_id] = when
    return hasil


def basi(terakhir, ambang_hari, now=None):
    """Whether a site whose latest publication was at `terakhir` (None: never) is stale."""
    now = now or timezone.now()
    return terakhir is None or terakhir < now - timedelta(days=ambang_hari)


@dataclass(frozen=True)
class Kesegaran:
    terakhir: datetime | None  # latest publication, None when the village never published
    hari: int | None  # whole days since then
    basi: bool


def per_desa(desa_ids, ambang_hari, now=None):
    """{desa_id: Kesegaran} for every one of `desa_ids` (never-published villages included)."""
    now = now or timezone.now()
    desa_ids = list(desa_ids)
    last = terakhir(desa_ids)
    hasil = {}
    for desa_id in desa_ids:
        when = last.get(desa_id)
        hari = (now - when).days if when is not None else None
        hasil[desa_id] = Kesegaran(when, hari, basi(when, ambang_hari, now))
    return hasil
