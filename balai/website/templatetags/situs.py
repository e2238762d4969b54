"""Tags for the public layout of a village site: its theme stylesheet and its own menu."""

from django import template
from django.templatetags.static import static
from django.urls import reverse

from balai.core import sitecache
from balai.core.tenancy import DESA, KECAMATAN, absolute_url

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


@register.simple_tag(takes_context=True)
def situs_og(context):
    """What a shared link and the browser tab show of this site: the icon (the village logo, or
    Balai's), the preview picture (banner, else logo, else Balai's icon) as an absolute address
    with its size, the Twitter card kind and a default description."""
    request = context["request"]
    tenant = getattr(request, "tenant", None)
    logo = banner = None
    if tenant is not None and tenant.kind == DESA:
        situs = selectors.pengaturan_request(request)
        logo, banner = situs.logo, situs.banner
    ikon_default = static("balai/favicon.ico")
    data = {
        "ikon": logo.thumb_url if logo else ikon_default,
        "ikon_default": logo is None,
        "ikon_sentuh": logo.thumb_url if logo else static("balai/apple-touch-icon.png"),
        "deskripsi": _deskripsi(request, tenant),
    }
    if banner is not None:
        data.update(gambar=banner.url, lebar=banner.lebar, tinggi=banner.tinggi, kartu="summary_large_image")
    elif logo is not None:
        data.update(gambar=logo.thumb_url, lebar=logo.thumb_lebar, tinggi=logo.thumb_tinggi, kartu="summary")
    else:
        data.update(gambar=static("balai/balai-icon.png"), lebar=512, tinggi=512, kartu="summary")
    data["gambar"] = absolute(context, data["gambar"])
    return data


def _deskripsi(request, tenant):
    if tenant is None:
        return "Balai, Sistem Informasi Desa"
    if tenant.kind == DESA:
        desa = request.desa
        return f"Situs resmi {desa}, Kecamatan {desa.kecamatan.nama}, {request.kabupaten}."
    if tenant.kind == KECAMATAN:
        return f"Portal {request.kecamatan}, {request.kabupaten}: desa dan kelurahan, berita terbaru."
    return f"Situs resmi desa dan kelurahan {request.kabupaten}."
