"""Cells of the kecamatan's table of villages, written in Python: seventeen columns for every
village through a template include per cell cost more than the rest of the dashboard."""

from datetime import datetime
from html import escape

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import dateformat, timezone
from django.utils.formats import localize
from django.utils.safestring import mark_safe

register = template.Library()

KOSONG = '<span class="muted">—</span>'


def _waktu(v):
    return timezone.localtime(v) if isinstance(v, datetime) and timezone.is_aware(v) else v


def isi_sel(c, v):
    """A value of column `c` as the table shows it, escaped."""
    if v is None:
        return KOSONG
    if c.kind == "persen":
        return f"{escape(str(localize(v)))}%"
    if c.kind == "jam":
        return f"{escape(str(localize(v)))} jam"
    if c.kind == "yatidak":
        return '<span class="badge on">ya</span>' if v else '<span class="badge off">belum</span>'
    if c.kind == "waktu":
        v = _waktu(v)
        return (
            f'<time datetime="{dateformat.format(v, "c")}" title="{escape(dateformat.format(v, "j M Y H:i"))}">'
            f"{escape(dateformat.format(v, 'j M Y'))}</time>"
        )
    if c.kind == "tanggal":
        v = _waktu(v)
        return f'<time datetime="{dateformat.format(v, "Y-m-d")}">{escape(dateformat.format(v, "j M Y"))}</time>'
    if c.kind == "angka":
        return escape(str(intcomma(v)))
    return escape(str(localize(v)))


@register.simple_tag
def sel(c, v):
    """One value (`{% sel column value %}`)."""
    return mark_safe(isi_sel(c, v))


@register.simple_tag
def sel_baris(baris):
    """The <td>s of one village's figures, each labelled for the phone layout."""
    return mark_safe(
        "".join(
            f'<td data-label="{escape(c.label)}">{isi_sel(c, v)}</td>'
            for c, v in zip(baris.columns, baris.nilai, strict=True)
        )
    )
