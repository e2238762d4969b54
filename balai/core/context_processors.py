from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import menu


def balai(request):
    tenant = getattr(request, "tenant", None)
    return {
        "tenant": tenant,
        # Built only by the layout that shows them (the back office or the public site), not both.
        "menu_items": SimpleLazyObject(lambda: menu.items_for(request) if tenant else []),
        "public_menu": SimpleLazyObject(lambda: menu.public_items(request) if tenant else []),
        "base_domain": settings.BALAI_BASE_DOMAIN,
        # Lazily created: the CSP header carries a nonce only on pages that use one.
        "csp_nonce": SimpleLazyObject(lambda: getattr(request, "csp_nonce", "")),
    }
