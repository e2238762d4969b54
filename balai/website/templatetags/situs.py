"""Tags for the public layout of a village site: its theme stylesheet and its own menu."""

from django import template
from django.urls import reverse

from balai.core import sitecache
from balai.core.tenancy import absolute_url

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def tema_css_url(context):
    """Address of the village's theme stylesheet, versioned so a change shows at once."""
    desa = context["request"].desa
    return f"{reverse('website:tema_css')}?v={sitecache.version(desa.pk)}"


@register.inclusion_tag("website/partials/menu_desa.html", takes_context=True)
def menu_desa(context):
    return {"items": selectors.menu_list(desa=context["request"].desa)}


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """`url` as an absolute address (media on object storage already is one)."""
    return url if url.startswith(("http://", "https://")) else absolute_url(context["request"], url)


@register.inclusion_tag("website/partials/logo.html", takes_context=True)
def situs_logo(context):
    return {"logo": selectors.pengaturan_request(context["request"]).logo}
