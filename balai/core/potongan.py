"""Pieces of back-office pages rendered once per village version.

A page that every operator opens all day (the plain resident list, the dashboard) shows the same
content to everyone of a village with the same rights until the village's data changes. Its
content is rendered once and kept under one of the village's versions: the site version
(`sitecache.bump`, moved by every change of public content and of the register) or the
back-office version (`sitecache.bump_kantor`, moved by every change of any of the village's
rows). Each request then pays one cache read instead of the queries and the rendering. What is
personal to the request stays out of the piece: the page around it (user, menu, messages, CSP
nonce) is rendered as usual, and the CSRF token of the piece's forms is written in per request
(a token rendered for one browser is refused for another)."""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import sitecache

# Stands in for the CSRF token while the piece is rendered; alphanumeric so escaping keeps it.
_TOKEN = "balaiPotonganCsrfTokenTempat"
TTL = 60 * 2  # what no version follows (reference codes, the clock for "overdue") heals by then


def _kunci(nama, desa_id, varian):
    return ":".join(["potongan", nama, str(desa_id), *(str(v) for v in varian)])


def tampilkan(request, nama, varian, template, context, *, kantor=False):
    """The piece `nama` of the request's village in its `varian` (a tuple of what else its content
    depends on: the viewer's rights, or the viewer), from the cache when it was stored under the
    village's current version, else rendered from `context()` and stored. `kantor=True` keys it
    on the back-office version instead of the site version."""
    key = _kunci(nama, request.desa.pk, varian)
    # The version is read before the data: a change committed meanwhile moves it past this piece.
    version, current, _plain = sitecache.get_under_version(request.desa.pk, [key], kantor=kantor)
    html = current.get(key)
    if html is None:
        html = render_to_string(template, {**context(), "csrf_token": _TOKEN}, request)
        sitecache.set_under_version(key, version, html, TTL)
    return mark_safe(html.replace(_TOKEN, get_token(request)))
