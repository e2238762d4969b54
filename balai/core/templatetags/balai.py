from django import template

from balai.core.tenancy import site_url

register = template.Library()


@register.simple_tag(takes_context=True)
def desa_url(context, desa, path="/"):
    """Public address of a village site (its custom domain when it has one)."""
    request = context["request"]
    if desa.domain_kustom:
        return f"{request.scheme}://{desa.domain_kustom}{path}"
    return site_url(request, desa.slug) + path


@register.simple_tag(takes_context=True)
def kecamatan_url(context, kecamatan, path="/"):
    return site_url(context["request"], f"kec-{kecamatan.slug}") + path
