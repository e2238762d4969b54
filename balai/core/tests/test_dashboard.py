from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from balai.core import dashboard
from balai.core.tenancy import resolve_host


def test_public_widgets_link_their_stylesheet_once(desa_a, monkeypatch):
    monkeypatch.setattr(dashboard, "_WIDGETS", [])
    for order in (1, 2):
        dashboard.register("uji", "partials/messages.html", lambda r: {}, order=order, stylesheet="balai/balai.css")
    request = RequestFactory().get("/", HTTP_HOST="selakambang.localhost")
    request.user, request.tenant = AnonymousUser(), resolve_host("selakambang.localhost")
    html = dashboard.render_widgets(request, area="uji")
    assert html.count('<link rel="stylesheet" href="/static/balai/balai.css">') == 1


def test_role_bound_widget_in_a_public_area_is_skipped_for_visitors(desa_a, monkeypatch):
    """A widget limited to some roles may sit in a public area: anonymous visitors (who have no
    role) simply don't get it, instead of a server error."""
    monkeypatch.setattr(dashboard, "_WIDGETS", [])
    dashboard.register("uji", "partials/messages.html", lambda r: {}, roles={"operator_desa"})
    request = RequestFactory().get("/", HTTP_HOST="selakambang.localhost")
    request.user, request.tenant = AnonymousUser(), resolve_host("selakambang.localhost")
    assert dashboard.render_widgets(request, area="uji") == ""
