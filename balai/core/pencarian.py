"""Search text helpers shared by the village site search and its sources.

The sources themselves are declared by each module as `SearchSource`s (balai.core.registry);
the page counts each source and reads one page of it: two queries per source, whatever the
size of the archive."""

import unicodedata

MAKS_PANJANG = 100  # characters of a search text; the rest is dropped
MAKS_KATA = 5  # words matched one by one where there is no full-text index


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
