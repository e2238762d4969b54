"""Keyset pagination for long back-office lists: pages that cost the same on page 1 and page
1,000, and no COUNT(*) unless the caller already knows the total.

A list is ordered by a few columns ending in a unique one (`("nama", "id")`). The pager's
buttons carry a cursor, the ordering values of the last (or first) row shown, and the next page
is "the rows after that cursor", which an index on those columns answers by reading just one
page. The first and the last page are the ordering and its reverse. A page typed as a number
(`hal=7`, from an old link) is served with OFFSET, capped: past the end gives the last page.

Reading one row more than a page tells whether another page follows, so nothing is counted. When
the caller knows the total cheaply (a cached count of the unfiltered list), the pager shows
"Halaman N dari M"; otherwise "Halaman N".

Bad input (a cursor that is not ours, a page number that is negative, huge or not a number)
falls back to the first page or the last page; it never raises."""

import json
import math
from dataclasses import dataclass, field

from django.db.models import Q

PER_PAGE = 50
MAX_CURSOR = 400  # characters of an honest cursor: a name of 100 characters, an id, quotes


@dataclass
class KeysetPage:
    rows: list
    number: int | None = None  # None: not known (the last page of a list nobody counted)
    total: int | None = None
    per_page: int = PER_PAGE
    has_previous: bool = False
    has_next: bool = False
    before: str = ""  # cursor of the first row, for the previous page
    after: str = ""  # cursor of the last row, for the next page
    params: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    @property
    def object_list(self):
        return self.rows

    @property
    def num_pages(self):
        return None if self.total is None else max(1, math.ceil(self.total / self.per_page))

    @property
    def previous_number(self):
        return self.number - 1 if self.number and self.number > 1 else ""

    @property
    def next_number(self):
        return self.number + 1 if self.number else ""


def _cursor(text, width):
    """(page number or 0, ordering values) of a cursor, or (None, None) when it is not one of ours."""
    if not text or len(text) > MAX_CURSOR:
        return None, None
    try:
        values = json.loads(text)
    except ValueError:
        return None, None
    if not isinstance(values, list) or len(values) != width + 1:
        return None, None
    if not all(isinstance(v, (str, int)) and not isinstance(v, bool) and "\x00" not in str(v) for v in values):
        return None, None
    number = values[0] if isinstance(values[0], int) and 0 < values[0] <= 10**7 else None
    return number, values[1:]


def _encode(number, row, fields):
    """A cursor: the page number it leads to (0: not known) and the row's ordering values
    (`row` a model instance, or a dict from a `.values()` list)."""
    values = [number or 0, *((row[f] if isinstance(row, dict) else getattr(row, f)) for f in fields)]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _past(fields, values, *, forward):
    """Rows strictly after (forward) or before the cursor in the ordering of `fields`, written
    so that PostgreSQL and SQLite start an index scan at the cursor: (a >= x) and (a > x or b > y)."""
    op = "gt" if forward else "lt"
    first = Q(**{f"{fields[0]}__{op}e": values[0]})
    either = Q()
    for i in range(len(fields)):
        either |= Q(**{f: v for f, v in zip(fields[:i], values[:i], strict=True)}, **{f"{fields[i]}__{op}": values[i]})
    return first & either


def _number(text):
    try:
        n = int(str(text).strip())
    except (TypeError, ValueError):
        return None
    return n


def paginate(qs, data, *, fields, total=None, upper=None, per_page=PER_PAGE, rows=None):
    """One page of `qs` (unordered: the order is `fields`, ascending, the last one unique).

    `data` holds the pager's values: `setelah` / `sebelum` (a cursor, which also carries the
    number of the page it leads to), `hal` (a page number, or "akhir" for the last page).
    `total`: the number of rows when known without counting (page numbers then show "of M").
    `upper`: a cheap upper bound of the rows (the village's whole register), so that a huge
    typed page number goes straight to the last page.
    `rows`: when given, `qs` only chooses the page's primary keys and `rows` (the same model,
    with the columns the page shows) reads them, in one query. A filter that skips
    many entries then walks the ordering's index alone: PostgreSQL compares index entries without
    reading their rows only when the query asks for nothing else ("late row lookup")."""
    fields = tuple(fields)
    order = list(fields)
    reverse = ["-" + f for f in fields]
    label = _number(data.get("hal"))
    label = label if label is not None and 1 <= label <= 10**7 else None
    after_number, after = _cursor(data.get("setelah"), len(fields))
    before_number, before = _cursor(data.get("sebelum"), len(fields))
    pages = None if total is None else max(1, math.ceil(total / per_page))

    def fetch(chosen, ordering):
        if rows is None:
            return list(chosen)
        return list(rows.filter(pk__in=chosen.values("pk")).order_by(*ordering))

    def known(number):
        return number if number is not None and (pages is None or number <= pages) else None

    def page(shown, *, number, has_previous, has_next):
        return KeysetPage(
            rows=shown,
            number=number,
            total=total,
            per_page=per_page,
            has_previous=has_previous,
            has_next=has_next,
            before=_encode(number - 1 if number else 0, shown[0], fields) if shown else "",
            after=_encode(number + 1 if number else 0, shown[-1], fields) if shown else "",
        )

    def first():
        found = fetch(qs.order_by(*order)[: per_page + 1], order)
        return page(found[:per_page], number=1, has_previous=False, has_next=len(found) > per_page)

    def last():
        found = fetch(qs.order_by(*reverse)[: per_page + 1], reverse)
        shown, more = found[:per_page][::-1], len(found) > per_page
        return page(shown, number=pages or (None if more else 1), has_previous=more, has_next=False)

    if after is not None:
        found = fetch(qs.filter(_past(fields, after, forward=True)).order_by(*order)[: per_page + 1], order)
        if not found:
            return last()
        return page(found[:per_page], number=known(after_number), has_previous=True, has_next=len(found) > per_page)
    if before is not None:
        found = fetch(qs.filter(_past(fields, before, forward=False)).order_by(*reverse)[: per_page + 1], reverse)
        if len(found) <= per_page:
            return first()
        return page(found[:per_page][::-1], number=known(before_number), has_previous=True, has_next=True)
    if str(data.get("hal", "")).strip() == "akhir":
        return last()
    if label is None or label == 1:
        return first()
    if (pages is not None and label >= pages) or (upper is not None and (label - 1) * per_page >= upper):
        return last()
    # A page typed as a number: OFFSET, bounded by the size of the register.
    found = fetch(qs.order_by(*order)[(label - 1) * per_page : label * per_page + 1], order)
    if not found:
        return last()
    return page(found[:per_page], number=label, has_previous=True, has_next=len(found) > per_page)
