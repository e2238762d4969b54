from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from balai.core import dashboard
from balai.core.registry import Widget
from balai.core.tenancy import resolve_host


def _anonymous_request():
    request = RequestFactory().get("/", HTTP_HOST="selakambang.localhost")
    request.user, request.tenant = AnonymousUser(), resolve_host("selakambang.localhost")
    return request


def test_public_widgets_link_their_stylesheet_once(desa_a, declare):
    declare(
        *(Widget("uji", "partials/messages.html", lambda r: {}, order=o, stylesheet="balai/balai.css") for o in (1, 2))
    )
    html = dashboard.render_widgets(_anonymous_request(), area="uji")
    assert html.count('<link rel="stylesheet" href="/static/balai/balai.css">') == 1


def test_permission_bound_widget_in_a_public_area_is_skipped_for_visitors(desa_a, declare):
    """A widget that needs a permission may sit in a public area: anonymous visitors (who hold
    none) simply don't get it, instead of a server error."""
    declare(Widget("uji", "partials/messages.html", lambda r: {}, izin="situs.kelola"))
    assert dashboard.render_widgets(_anonymous_request(), area="uji") == ""


DIPANGGIL = []


def konteks_uji(request):
    DIPANGGIL.append(request.path)
    return {}


def test_widget_context_given_as_a_dotted_path_is_imported_on_use(desa_a, declare):
    declare(Widget("uji", "partials/messages.html", "balai.core.tests.test_dashboard.konteks_uji"))
    dashboard.render_widgets(_anonymous_request(), area="uji")
    assert DIPANGGIL == ["/"]
