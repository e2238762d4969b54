from django import template

from balai.core import menu
from balai.core.tenancy import host_desa, origin, site_url

register = template.Library()


@register.simple_tag(takes_context=True)
def desa_url(context, desa, path="/"):
    """Public address of a village site (its custom domain when it has one)."""
    return origin(host_desa(desa)) + path


@register.simple_tag(takes_context=True)
def kecamatan_url(context, kecamatan, path="/"):
    return site_url(context["request"], f"kec-{kecamatan.slug}") + path


@register.simple_tag(takes_context=True)
def menu_kantor(context):
    """The back-office menu's groups of links for the signed-in user (balai.core.menu)."""
    return menu.nav_html(context["request"])


@register.simple_tag
def url_id(name, pk):
    """`{% url name pk %}` for list rows: the address pattern is reversed once, not per row."""
    return menu.url_id(name, pk)


@register.simple_tag
def menu_area(area):
    """The links modules declare for `area` (`{% menu_area "mandiri" as items %}`)."""
    return menu.area_items(area)
