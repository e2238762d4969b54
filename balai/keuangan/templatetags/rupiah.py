from django import template

from ..rancangan import rp

register = template.Library()


@register.filter
def rupiah(value):
    """Rp 1.250.000"""
    return rp(value or 0)


@register.filter
def persen(value):
    """12,5% (Indonesian decimal comma); a dash without a budget."""
    return "–" if value is None else f"{value:.1f}%".replace(".", ",")


@register.filter
def singkat(value):
    """Rp 1,24 M / Rp 850 jt: amounts a resident reads at a glance."""
    v = float(value or 0)
    if v >= 1e9:
        return f"Rp {v / 1e9:.2f} M".replace(".", ",")
    if v >= 1e6:
        return f"Rp {v / 1e6:.0f} jt"
    return rp(value or 0)


@register.filter
def persen_baris(baris):
    """Realisation % of one line annotated by selectors.baris_apbdes."""
    from ..selectors import persen as hitung

    return hitung(baris.realisasi_total or 0, baris.anggaran)
