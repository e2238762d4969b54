"""When a village last published anything on its website, whichever module published it.

The freshness widgets ("Terakhir diperbarui", the kabupaten's list of stale village sites) ask
here instead of counting articles only. Every module with public publications registers one
source in its AppConfig.ready():

    kesegaran.register(selectors.terbitan_terakhir)

A source is called with a list of village ids and returns {desa_id: datetime of its latest
public publication} for the villages that have one, in a fixed number of queries (one is best)
whatever the number of villages. Sources filter by those ids themselves: they run with scopes
disabled, because the kabupaten asks about all of its villages at once."""

from django_scopes import scopes_disabled

_SOURCES = []


def register(fn):
    if fn not in _SOURCES:
        _SOURCES.append(fn)
    return fn


def terakhir(desa_ids):
    """{desa_id: latest publication over every source} for `desa_ids` (villages that never
    published anything are missing)."""
    desa_ids = list(desa_ids)
    hasil = {}
    if not desa_ids:
        return hasil
    with scopes_disabled():
        for source in _SOURCES:
            for desa_id, when in source(desa_ids).items():
                if when is not None and (desa_id not in hasil or when > hasil[desa_id]):
                    hasil[desa_id] = when
    return hasil
