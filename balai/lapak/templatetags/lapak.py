from django import template

register = template.Library()


@register.filter
def rupiah(nilai):
    """15000 -> "15.000" (Indonesian thousands separator)."""
    try:
        return f"{int(nilai):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


@register.filter
def kilogram(gram):
    """1500 -> "1,5" (kilograms, Indonesian decimal comma, no trailing zero)."""
    return f"{int(gram) / 1000:.2f}".rstrip("0").rstrip(".").replace(".", ",")
