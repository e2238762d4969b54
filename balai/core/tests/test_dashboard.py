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


def test_a_cached_widget_is_built_once_per_site_version_and_the_others_every_time(desa_a, desa_b, declare):
    from balai.core import sitecache

    calls = []

    def cached(request):
        calls.append(("cached", request.tenant.desa.pk))
        return {}

    def live(request):
        calls.append(("live", request.tenant.desa.pk))
        return {}

    declare(
        Widget("uji", "partials/messages.html", cached, cache=True, order=1),
        Widget("uji", "partials/messages.html", live, order=2),
    )
    request = _anonymous_request()
    for _ in range(3):
        dashboard.render_widgets(request, area="uji")
    assert calls.count(("cached", desa_a.pk)) == 1 and calls.count(("live", desa_a.pk)) == 3
    other = RequestFactory().get("/", HTTP_HOST=f"{desa_b.slug}.localhost")
    other.user, other.tenant = AnonymousUser(), resolve_host(f"{desa_b.slug}.localhost")
    dashboard.render_widgets(other, area="uji")
    assert ("cached", desa_b.pk) in calls  # another village never gets this one's markup
    sitecache.bump(desa_a.pk)  # a change in the village: built afresh
    dashboard.render_widgets(request, area="uji")
    assert calls.count(("cached", desa_a.pk)) == 2
