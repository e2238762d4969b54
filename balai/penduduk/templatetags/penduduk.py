from django import template

from balai.penduduk import kode, privasi

register = template.Library()


@register.simple_tag(takes_context=True)
def nomor(context, value):
    """A NIK or KK number, masked unless the signed-in role needs it in full."""
    return privasi.tampil_nomor(value, context["request"].user)


@register.filter
def kode_nama(value, jenis):
    return kode.nama(jenis, value, default="—")
