"""Back-office navigation. Each app registers its own entries in its AppConfig.ready(), so a
module that is not installed has no menu entry and no dead link."""

from dataclasses import dataclass

from django.urls import reverse

_ITEMS = []


@dataclass(frozen=True)
class MenuItem:
    # "desa", "kecamatan" or "kabupaten": the back office of that host kind;
    # "publik-desa", "publik-kecamatan", "publik-kabupaten": the public site's navigation.
    area: str
    label: str
    url_name: str
    roles: frozenset | None = None  # None: every staff role of the area
    order: int = 100
    icon: str = "•"


def register(area, label, url_name, *, roles=None, order=100, icon="•"):
    _ITEMS.append(MenuItem(area, label, url_name, frozenset(roles) if roles else None, order, icon))


def public_items(request):
    """Links in a public site's navigation (area "publik-desa", "publik-kecamatan", ...)."""
    if request.tenant is None:
        return []
    area = f"publik-{request.tenant.kind}"
    return [
        {"label": i.label, "url": reverse(i.url_name)}
        for i in sorted(_ITEMS, key=lambda i: (i.order, i.label))
        if i.area == area
    ]


def items_for(request):
    tenant, user = request.tenant, request.user
    if tenant is None or not user.is_authenticated:
        return []
    entries = []
    for item in sorted(_ITEMS, key=lambda i: (i.order, i.label)):
        if item.area != tenant.kind:
            continue
        if item.roles is not None and user.peran not in item.roles and not user.is_admin_kabupaten:
            continue
        url = reverse(item.url_name)
        active = request.path == url or (url.count("/") > 2 and request.path.startswith(url))
        entries.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return entries
