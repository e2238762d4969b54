"""Permission checks in templates: `{% load izin %}{% if user|punya_izin:"penduduk.kelola" %}`.
The one way a template asks what someone may do; role names never appear in templates."""

from django import template

from balai.akun.izin import periksa_nama
from balai.akun.models import PERAN_TINGKAT, Peran

register = template.Library()


@register.filter
def punya_izin(user, nama):
    """Whether `user` holds the permission `nama` (or any of "a.b,c.d")."""
    daftar = periksa_nama(*(n.strip() for n in nama.split(",")))
    return bool(getattr(user, "is_authenticated", False)) and user.punya_izin(*daftar)


@register.filter
def pilihan_peran(user):
    """[(value, label, held), ...]: the roles of the account's level, for a role editor."""
    return [(p.value, p.label, p.value in user.peran) for p in Peran if p in PERAN_TINGKAT[user.tingkat]]
