"""`/healthz` before anything looks at the Host header.

Load balancers probe a backend by its address (`Host: 10.0.0.5:8000`), which is in no
ALLOWED_HOSTS: Django's host validation (CommonMiddleware, the TLS redirect) would answer 400
and the backend would be taken out of service. This middleware stands first in MIDDLEWARE and
answers the probe itself; the answer holds database and cache status only, no tenant data."""

from .views import healthz

PATHS = frozenset({"/healthz", "/healthz/"})


class HealthzMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in PATHS and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
