from django.shortcuts import render

from balai.akun.models import Peran
from balai.core.access import staff_view

PERAN_LAPORAN = frozenset({Peran.ADMIN_DESA, Peran.OPERATOR_DESA, Peran.KEPALA_DESA, Peran.SEKDES})


@staff_view("desa", roles=PERAN_LAPORAN)
def daftar(request):
    return render(request, "laporan/daftar.html", {})
