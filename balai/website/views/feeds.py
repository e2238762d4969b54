from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse

from balai.core.html import plain_text
from balai.core.sitecache import public_page
from balai.core.tenancy import DESA, host_desa, origin

from .. import selectors


class ArtikelFeed(Feed):
    def get_object(self, request):
        if request.tenant is None or request.tenant.kind != DESA:
            raise Http404
        return request.desa

    def title(self, desa):
        return f"Berita {desa}"

    # Absolute links from settings: the syndication framework would otherwise prefix the
    # request's Host header, port and all.
    def link(self, desa):
        return origin(host_desa(desa)) + reverse("website:artikel_list")

    def feed_url(self, desa):
        return origin(host_desa(desa)) + reverse("website:feed")

    def description(self, desa):
        return f"Artikel terbaru dari situs resmi {desa}, Kecamatan {desa.kecamatan.nama}."

    def items(self, desa):
        return selectors.artikel_terbit(desa=desa).select_related("kategori", "desa").order_by("-terbit_pada")[:20]

    def item_title(self, item):
        return item.judul

    def item_description(self, item):
        return item.ringkasan or plain_text(item.isi, 300)

    def item_link(self, item):
        return origin(host_desa(item.desa)) + reverse("website:artikel_detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.terbit_pada

    def item_categories(self, item):
        return [item.kategori.nama] if item.kategori else []


feed = public_page(ArtikelFeed())
