"""The site's URL patterns, found by walking the resolver, for the tests that must cover every
page (access per permission, isolation per village): a new module's URLs are picked up without
editing any test."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def walk(patterns=None, prefix=""):
    """(route, URLPattern) for every pattern, the route with its converters: "artikel/<slug:slug>/"."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def staff_routes(kind=None):
    """(route, kind, view) for every back-office view (`balai.akun.access.staff_view`), the
    views behind a per-host URL (`per_host`) each on its own; only those of `kind` if given."""
    found = []
    for route, pattern in walk():
        callback = pattern.callback
        views = getattr(callback, "staff_views", None) or {}
        if getattr(callback, "staff_kind", None):
            views = {callback.staff_kind: callback}
        for view_kind, view in views.items():
            if kind is None or view_kind == kind:
                found.append((route, view_kind, view))
    return found


def is_public(route, pattern):
    """A page anyone may open: no staff view, no resident's page, not the API (tested through its
    schema), not the sign-in pages."""
    callback = pattern.callback
    if getattr(callback, "staff_kind", None) or getattr(callback, "staff_views", None):
        return False
    if getattr(callback, "warga_view", False):  # a signed-in resident's page (balai.mandiri.access)
        return False
    return not route.startswith(("api/", "masuk/", "keluar/", "akun/", "media/")) and route != "healthz"


def params(route):
    """[(converter, name), ...] of a route."""
    return [(m["converter"] or "str", m["name"]) for m in PARAM.finditer(route)]


def fill(route, values=None, default_int=1, default_text="x"):
    """The path of `route` with its parameters replaced: from `values` by name, else a dummy."""
    values = values or {}

    def replace(match):
        name = match["name"]
        if name in values:
            return str(values[name])
        return str(default_int if match["converter"] == "int" else default_text)

    return "/" + PARAM.sub(replace, route)
