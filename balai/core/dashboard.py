"""Dashboards and front-page sections built from the `Widget`s the installed apps declare
(balai.core.registry): the dashboard of a host renders every widget of its area the user may
see, in order; public areas ("beranda-desa") render for anonymous visitors too.

A widget declared with `cache=True` (its markup depends on the site, not on who looks: no
forms, no per-person figures) is kept under the site's version, which every change in the
village (or, for a kecamatan or the kabupaten, in any of its villages) bumps, for at most
WIDGET_TTL seconds: figures that move with the clock alone (a deadline passing, days since the
last publication) lag by no more than that. All cached widgets of a page come in one cache
round trip."""

import hashlib

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import sitecache
from .registry import Widget, boleh, extensions

WIDGET_TTL = 120


def _key(widget, area, tenant):
    site = tenant.desa or tenant.kecamatan or tenant.kabupaten
    which = hashlib.blake2s(f"{widget.template}|{widget.target}".encode(), digest_size=8).hexdigest()
    return f"widget:{area}:{tenant.kind}:{site.pk}:{which}"


def render_widgets(request, area=None):
    """Widgets of `area` (default: the back office of the host's kind)."""
    tenant, area = request.tenant, area or request.tenant.kind
    shown = [w for w in extensions(Widget, area) if boleh(request.user, w.izin)]
    keys = {w: _key(w, area, tenant) for w in shown if w.cache}
    version, cached = sitecache.get_under_tenant_version(tenant, list(keys.values())) if keys else (None, {})
    html, sheets, fresh = [], [], {}
    for w in shown:
        if w.stylesheet and w.stylesheet not in sheets:
            sheets.append(w.stylesheet)
        piece = cached.get(keys.get(w))
        if piece is None:
            piece = render_to_string(w.template, w(request), request=request)
            if w in keys:
                fresh[keys[w]] = piece
        html.append(piece)
    if fresh:
        sitecache.set_many_under_version(fresh, version, WIDGET_TTL)
    # A stylesheet link is allowed in the body and keeps each module's CSS in its own app.
    links = [format_html('<link rel="stylesheet" href="{}">', static(path)) for path in sheets]
    return mark_safe("".join(links + html))  # each piece is rendered by a template with autoescaping
