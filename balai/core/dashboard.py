"""Dashboard widgets. An app registers a widget for a host kind in its AppConfig.ready(); the
dashboard of that host renders every widget the user's role may see, in order.

    dashboard.register("desa", "website/partials/widget_kesegaran.html", selectors.freshness_widget,
                       roles={Peran.ADMIN_DESA, Peran.OPERATOR_DESA}, order=10)

Public pages have areas of their own: "beranda-desa" is the village front page, where modules
put their sections (upcoming agenda, announcements, statistics).

`context` is called with the request and returns the template's context (keep it to a bounded
number of queries)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

_WIDGETS = []


@dataclass(frozen=True)
class Widget:
    area: str
    template: str
    context: Callable
    roles: frozenset | None
    order: int
    stylesheet: str | None = None  # a static path the widget's markup needs, linked once per page


def register(area, template, context, *, roles=None, order=100, stylesheet=None):
    _WIDGETS.append(Widget(area, template, context, frozenset(roles) if roles else None, order, stylesheet))


def _has_role(user, roles):
    """Anonymous visitors of a public area have no role at all."""
    return getattr(user, "peran", None) in roles or getattr(user, "is_admin_kabupaten", False)


def render_widgets(request, area=None):
    """Widgets of `area` (default: the back office of the host's kind). Public areas such as
    "beranda-desa", the village front page, are rendered for anonymous visitors too."""
    user, html, sheets = request.user, [], []
    area = area or request.tenant.kind
    for w in sorted(_WIDGETS, key=lambda w: w.order):
        if w.area != area:
            continue
        if w.roles is not None and not _has_role(user, w.roles):
            continue
        if w.stylesheet and w.stylesheet not in sheets:
            sheets.append(w.stylesheet)
        html.append(render_to_string(w.template, w.context(request), request=request))
    # A stylesheet link is allowed in the body and keeps each module's CSS in its own app.
    links = [format_html('<link rel="stylesheet" href="{}">', static(path)) for path in sheets]
    return mark_safe("".join(links + html))  # each piece is rendered by a template with autoescaping
