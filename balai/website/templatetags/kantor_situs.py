"""Tags for the village back office's lists of site content."""

from html import escape

from django import template
from django.utils import dateformat, timezone
from django.utils.safestring import mark_safe

from balai.core.menu import url_id

from ..models import Artikel

register = template.Library()


@register.simple_tag
def baris_artikel(articles):
    """The <tr> rows of the article list, written in Python: the list is the operator's daily
    page, and five links and a date per row through the template engine cost more than the rest
    of it. Every value is escaped."""
    out = []
    for a in articles:
        ubah = url_id("website:kantor_artikel_ubah", a.pk)
        pratinjau = url_id("website:kantor_artikel_pratinjau", a.pk)
        revisi = url_id("website:kantor_artikel_revisi", a.pk)
        sematan = ' <span class="badge">disematkan</span>' if a.unggulan else ""
        draf = " warn" if a.status == Artikel.Status.DRAFT else ""
        terbit = dateformat.format(timezone.localtime(a.terbit_pada), "j M Y H:i") if a.terbit_pada else "–"
        kategori = escape(str(a.kategori)) if a.kategori_id else "–"
        out.append(
            f'<tr>\n<td><a href="{ubah}">{escape(a.judul)}</a>{sematan}</td>\n'
            f'<td><span class="badge{draf}">{escape(str(a.get_status_display()))}</span></td>\n'
            f"<td>{escape(terbit)}</td><td>{kategori}</td>\n"
            f'<td class="actions"><a href="{pratinjau}">Pratinjau</a><a href="{revisi}">Revisi</a></td>\n'
            "</tr>"
        )
    return mark_safe("".join(out))
