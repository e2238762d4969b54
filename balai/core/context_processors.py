from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import menu
from .tenancy import request_origin


def balai(request):
    tenant = getattr(request, "tenant", None)
    return {
        "tenant": tenant,
        # Built only by the layout that shows it (the back office's menu is the tag `menu_kantor`).
        "public_menu": SimpleLazyObject(lambda: menu.public_items(request) if tenant else []),
        "base_domain": settings.BALAI_BASE_DOMAIN,
        # scheme://host[:port] of this site from settings, for canonical and shared links.
        "situs_asal": request_origin(request),
        # Lazily created: the CSP header carries a nonce only on pages that use one.
        "csp_nonce": SimpleLazyObject(lambda: getattr(request, "csp_nonce", "")),
    }
