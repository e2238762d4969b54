"""When a village last published anything on its website, whichever module published it.

The freshness widgets ("Terakhir diperbarui", the kabupaten's list of stale village sites) ask
here instead of counting articles only. Every module with public publications declares a
`FreshnessSource` in its AppConfig (balai.core.registry).
"""

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
