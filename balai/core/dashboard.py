"""Dashboards and front-page sections built from the `Widget`s the installed apps declare
(balai.core.registry): the dashboard of a host renders every widget of its area the user may
see, in order; public areas ("beranda-desa") render for anonymous visitors too.

A widget declared with `cache=True` (its markup depends on the site, not on who looks: no
forms, no per-person figures) is kept for at most WIDGET_TTL seconds. On a village's dashboard
it is also kept under the village's site version, which every change in the village bumps, so
the village sees its own change at once. A kecamatan's or the kabupaten's summaries are kept by
time alone: with 239 villages at work something changes every few minutes, which would leave
them rebuilt on nearly every view; figures over a region at most two minutes old are what the
dashboard says they are. All cached widgets of a page come in one cache round trip.

A kecamatan's and the kabupaten's cached widgets are also computed ahead by `segarkan` (the
timer's `manage.py segarkan_dasbor`), so page views read them instead of aggregating every
village's rows; a view computes them itself only when the cache has lost them."""

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import sitecache
from .registry import Widget, boleh, extensions
from .tenancy import DESA

WIDGET_TTL = 120
# How long a refresh by the timer (`manage.py segarkan_dasbor`, every minute) keeps a region's
# summaries: long enough that a late run leaves no page view to compute them.
SEGAR_TTL = 5 * 60


def _key(widget, area, tenant):
    site = tenant.desa or tenant.kecamatan or tenant.kabupaten
    which = hashlib.blake2s(f"{widget.template}|{widget.target}".encode(), digest_size=8).hexdigest()
    return f"widget:{area}:{tenant.kind}:{site.pk}:{which}"


def render_widgets(request, area=None):
    """Widgets of `area` (default: the back office of the host's kind)."""
    tenant, area = request.tenant, area or request.tenant.kind
    shown = [w for w in extensions(Widget, area) if boleh(request.user, w.izin)]
    keys = {w: _key(w, area, tenant) for w in shown if w.cache}
    version, cached = None, {}
    if keys and tenant.kind == DESA:
        version, cached, _ = sitecache.get_under_version(tenant.desa.pk, list(keys.values()))
    elif keys:
        cached = cache.get_many(list(keys.values()))
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
    if fresh and version is not None:
        sitecache.set_many_under_version(fresh, version, WIDGET_TTL)
    elif fresh:
        cache.set_many(fresh, WIDGET_TTL)
    # A stylesheet link is allowed in the body and keeps each module's CSS in its own app.
    links = [format_html('<link rel="stylesheet" href="{}">', static(path)) for path in sheets]
    return mark_safe("".join(links + html))  # each piece is rendered by a template with autoescaping


def segarkan(tenant):
    """Compute and keep every cached widget of a kecamatan's or the kabupaten's dashboard, as a
    page view would (the same keys), for SEGAR_TTL seconds. Cached widgets depend on the site
    alone, so they are rendered for nobody in particular; who may see which is decided per view."""
    from contextlib import nullcontext

    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest
    from django_scopes import scope

    from .tenancy import KECAMATAN, host_tenant

    request = HttpRequest()
    request.method, request.path = "GET", "/dasbor/"
    request.META = {"HTTP_HOST": host_tenant(tenant), "SERVER_NAME": host_tenant(tenant), "SERVER_PORT": "80"}
    request.tenant, request.user = tenant, AnonymousUser()
    request.kabupaten, request.kecamatan, request.desa = tenant.kabupaten, tenant.kecamatan, tenant.desa
    area = tenant.kind
    # The scope the page view runs in (tenancy.TenantMiddleware): none on the kabupaten host.
    lingkup = scope(desa=list(tenant.desa_ids)) if tenant.kind == KECAMATAN else nullcontext()
    with lingkup:
        fresh = {
            _key(w, area, tenant): render_to_string(w.template, w(request), request=request)
            for w in extensions(Widget, area)
            if w.cache
        }
    cache.set_many(fresh, SEGAR_TTL)
    return len(fresh)
