"""Navigation built from the `MenuItem`s the installed apps declare (balai.core.registry): the
back office's menu in groups, and a public site's links.

Every back-office page shows the menu, so what does not change between requests (which items a
set of permissions sees, their addresses, their escaped markup) is worked out once per process
and set of permissions; only the item of the page being shown is marked per request."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .registry import MENU_GROUPS, MenuItem, extensions


def _url(name):
    return _reverse(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=1024)
def _reverse(name, urlconf, prefix):
    return reverse(name, urlconf=urlconf)


_ID = 987654321  # an id no row has, replaced by the real one


def url_id(name, pk):
    """`reverse(name, args=[pk])` for a URL taking one integer id, with the pattern reversed once
    per URL configuration: a list of fifty rows with three links each would reverse 150 times."""
    pattern = _reverse_id(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return pattern.replace(str(_ID), str(int(pk)), 1)


@lru_cache(maxsize=1024)
def _reverse_id(name, urlconf, prefix):
    return reverse(name, args=[_ID], urlconf=urlconf)


def public_items(request):
    """Links in a public site's navigation (area "publik-desa", "publik-kecamatan", ...)."""
    if request.tenant is None:
        return []
    return [{"label": i.label, "url": _url(i.url_name)} for i in extensions(MenuItem, f"publik-{request.tenant.kind}")]


def area_items(area):
    """Links other modules add to a navigation of their own kind ("mandiri": Layanan Mandiri)."""
    return [{"label": i.label, "url": _url(i.url_name)} for i in extensions(MenuItem, area)]


def _terlihat(item, izin):
    needed = () if item.izin is None else ((item.izin,) if isinstance(item.izin, str) else item.izin)
    return not needed or any(n in izin for n in needed)


@lru_cache(maxsize=512)
def _kelompok(kind, izin, urlconf, prefix):
    """The menu of a host kind for a set of permissions: ((group label, ((label, url, icon), ...)), ...),
    the groups in MENU_GROUPS order, empty groups left out."""
    groups = {key: [] for key in MENU_GROUPS}
    for item in extensions(MenuItem, kind):
        if _terlihat(item, izin):
            groups.setdefault(item.grup, []).append((item.label, reverse(item.url_name, urlconf=urlconf), item.icon))
    return tuple((MENU_GROUPS.get(key, key), tuple(items)) for key, items in groups.items() if items)


def _aktif(url, path):
    return path == url or (url.count("/") > 2 and path.startswith(url))


@lru_cache(maxsize=512)
def _markup(groups):
    """Each group's heading and its items' <li> markup, with a slot for aria-current."""
    out = []
    for label, items in groups:
        heading = f'<h2 class="nav-group-label">{escape(label)}</h2>\n' if label else ""
        head = f'<div class="nav-group">\n{heading}<ul>\n'
        lis = tuple(
            (
                url,
                f'<li><a href="{escape(url)}"',
                f'><span aria-hidden="true">{escape(icon)}</span> {escape(i)}</a></li>\n',
            )
            for i, url, icon in items
        )
        out.append((head, lis))
    return tuple(out)


def nav_html(request):
    """The back-office menu's groups as HTML, the current page's item marked for screen readers."""
    tenant, user = request.tenant, request.user
    if tenant is None or not user.is_authenticated:
        return ""
    groups = _kelompok(tenant.kind, user.izin, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    parts = []
    for head, lis in _markup(groups):
        parts.append(head)
        for url, start, end in lis:
            parts.append(start + (' aria-current="page"' if _aktif(url, request.path) else "") + end)
        parts.append("</ul>\n</div>\n")
    return mark_safe("".join(parts))
