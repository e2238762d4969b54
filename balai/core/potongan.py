"""Pieces of back-office pages rendered once per village site version.

A page that every operator opens all day (the plain resident list) shows the same rows, counts
and filter form to everyone of a village with the same rights until the register changes. Its
content is rendered once and kept under the village's site version (`sitecache.bump` on every
change of the register makes it stale); each request then pays one cache read instead of the
queries and the rendering. What is personal to the request stays out of the piece: the page
around it (user, menu, messages, CSP nonce) is rendered as usual, and the CSRF token of the
piece's forms is written in per request (a token rendered for one browser is refused for
another)."""

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import sitecache

# Stands in for the CSRF token while the piece is rendered; alphanumeric so escaping keeps it.
_TOKEN = "balaiPotonganCsrfTokenTempat"
TTL = 60 * 10  # belt and braces: what the site version does not follow (reference codes) heals


def _kunci(nama, desa_id):
    return f"potongan:{nama}:{desa_id}"


def ambil(request, nama, varian):
    """The piece `nama` of the village in its `varian` (what else its content depends on, such
    as the viewer's rights), stored under the village's current version and ready to show; None
    if there is none."""
    key = _kunci(nama, request.desa.pk)
    _version, current, _plain = sitecache.get_under_version(request.desa.pk, [key])
    html = current.get(key, {}).get(varian)
    return None if html is None else _isi_token(request, html)


def buat(request, nama, varian, template, context):
    """Render the piece, keep it with the village's other variants of it under the current
    version and return it."""
    key = _kunci(nama, request.desa.pk)
    version, current, _plain = sitecache.get_under_version(request.desa.pk, [key])  # before rendering
    html = render_to_string(template, {**context, "csrf_token": _TOKEN}, request)
    # Two requests storing variants at once may drop one: it is rendered again on its next view.
    sitecache.set_under_version(key, version, {**current.get(key, {}), varian: html}, TTL)
    return _isi_token(request, html)


def lupakan(nama, desa_id):
    """Drop the village's piece `nama` in every variant, for changes the site version does not
    follow."""
    cache.delete(_kunci(nama, desa_id))


def _isi_token(request, html):
    return mark_safe(html.replace(_TOKEN, get_token(request)))
