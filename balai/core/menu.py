"""Navigation built from the `MenuItem`s the installed apps declare (balai.core.registry): the
back office's menu in groups, and a public site's links."""

from django.urls import reverse

from .registry import MENU_GROUPS, MenuItem, boleh, extensions


def public_items(request):
    """Links in a public site's navigation (area "publik-desa", "publik-kecamatan", ...)."""
    if request.tenant is None:
        return []
    return [
        {"label": i.label, "url": reverse(i.url_name)} for i in extensions(MenuItem, f"publik-{request.tenant.kind}")
    ]


def area_items(area):
    """Links other modules add to a navigation of their own kind ("mandiri": Layanan Mandiri)."""
    return [{"label": i.label, "url": reverse(i.url_name)} for i in extensions(MenuItem, area)]


def items_for(request):
    """The back-office menu of this host for this user: [{"label", "items": [...]}, ...], the
    groups in MENU_GROUPS order, empty groups left out."""
    tenant, user = request.tenant, request.user
    if tenant is None or not user.is_authenticated:
        return []
    groups = {key: [] for key in MENU_GROUPS}
    for item in extensions(MenuItem, tenant.kind):
        if not boleh(user, item.izin):
            continue
        url = reverse(item.url_name)
        active = request.path == url or (url.count("/") > 2 and request.path.startswith(url))
        groups.setdefault(item.grup, []).append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return [{"label": MENU_GROUPS.get(key, key), "items": items} for key, items in groups.items() if items]
