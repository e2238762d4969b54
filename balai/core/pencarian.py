"""Search over a village site's public content, whichever module published it.

The village search page (/cari/ on a village host) asks every registered source and shows what
each found. Every module with public content registers its sources in its AppConfig.ready():

    pencarian.register("artikel", "Berita", selectors.cari_artikel, order=10)

A source is called as `fn(*, desa, q)` with a cleaned search text (see `bersihkan`) and returns
a queryset (or anything with `count()` and slicing) of published items only, best match first,
each with `judul`, `get_absolute_url()` and optionally `ringkasan_cari` (plain text) and
`tanggal_cari`. The page counts each source and reads one page of it: two queries per source,
whatever the size of the archive. It runs inside the village's scope."""

import unicodedata
from dataclasses import dataclass

MAKS_PANJANG = 100  # characters of a search text; the rest is dropped
MAKS_KATA = 5  # words matched one by one where there is no full-text index


@dataclass(frozen=True)
class Sumber:
    key: str
    label: str
    fn: object
    order: int = 100


_SOURCES = {}


def register(key, label, fn, *, order=100):
    _SOURCES[key] = Sumber(key, label, fn, order)


def sumber():
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))


def bersihkan(q):
    """A search text as typed, made safe to query with: control characters (NUL breaks
    PostgreSQL) dropped, whitespace collapsed, at most MAKS_PANJANG characters."""
    q = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in str(q or ""))
    return " ".join(q.split())[:MAKS_PANJANG].strip()


def kata(q):
    """The first words of a cleaned search text, for sources that match word by word."""
    return q.split()[:MAKS_KATA]


def cocok(q, *fields):
    """A filter matching every word of `q` (up to MAKS_KATA) in at least one of `fields`,
    case-insensitively (the words are escaped: % and _ match themselves)."""
    from django.db.models import Q

    cond = Q()
    for w in kata(q):
        salah_satu = Q()
        for field in fields:
            salah_satu |= Q(**{f"{field}__icontains": w})
        cond &= salah_satu
    return cond
