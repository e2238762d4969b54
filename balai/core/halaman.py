"""Page numbers from the query string, in one place.

A page parameter comes from anyone (`?hal=99999999999999999999`, `?halaman=-3`, `?hal=1e9`):
read it with `nomor_halaman`, which always gives a number between 1 and MAKS_HALAMAN, so an
offset computed from it never overflows a database integer. Lists use `halaman_dari`, a
Paginator page for that number (past the end: the last page)."""

from django.core.paginator import Paginator

# No list is browsed this deep; an offset of 10,000 pages of 200 rows stays far below 2**31.
MAKS_HALAMAN = 10_000
MAKS_DIGIT = len(str(MAKS_HALAMAN))


def nomor_halaman(nilai, *, maks=MAKS_HALAMAN) -> int:
    """The page number `nilai` names, bounded to 1..maks; 1 when it is not a plain number."""
    teks = str(nilai if nilai is not None else "").strip()
    if not teks.isascii() or not teks.isdigit():
        return 1
    if len(teks.lstrip("0")) > MAKS_DIGIT:
        return maks
    return min(max(1, int(teks)), maks)


def halaman_dari(object_list, per_halaman, nilai):
    """The Paginator page `nilai` asks for (see nomor_halaman)."""
    return Paginator(object_list, per_halaman).get_page(nomor_halaman(nilai))
