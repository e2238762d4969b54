from django import template

from .. import angka

register = template.Library()
register.filter("rupiah", angka.rupiah)
register.filter("desimal", angka.desimal)
