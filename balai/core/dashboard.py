"""Dashboards and front-page sections built from the `Widget`s the installed apps declare
(balai.core.registry): the dashboard of a host renders every widget of its area the user may
see, in order; public areas ("beranda-desa") render for anonymous visitors too."""

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .registry import Widget, boleh, extensions


def render_widgets(request, area=None):
    """Widgets of `area` (default: the back office of the host's kind)."""
    user, html, sheets = request.user, [], []
    for w in extensions(Widget, area or request.tenant.kind):
        if not boleh(user, w.izin):
            continue
        if w.stylesheet and w.stylesheet not in sheets:
            sheets.append(w.stylesheet)
        html.append(render_to_string(w.template, w(request), request=request))
    # A stylesheet link is allowed in the body and keeps each module's CSS in its own app.
    links = [format_html('<link rel="stylesheet" href="{}">', static(path)) for path in sheets]
    return mark_safe("".join(links + html))  # each piece is rendered by a template with autoescaping
