from itertools import islice

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from balai.akun.models import Peran
from balai.core.access import staff_view

from . import ekspor, services
from .buku import BUKU, BULAN, DAFTAR, Periode

PERAN_LAPORAN = frozenset({Peran.ADMIN_DESA, Peran.OPERATOR_DESA, Peran.KEPALA_DESA, Peran.SEKDES})
PER_HALAMAN = 200


class PeriodeForm(forms.Form):
    bulan = forms.TypedChoiceField(label="Bulan", coerce=int, choices=[(i, b) for i, b in enumerate(BULAN, 1)])
    tahun = forms.IntegerField(label="Tahun", min_value=1900, max_value=2100)

    def periode(self):
        if self.is_valid():
            return Periode(self.cleaned_data["tahun"], self.cleaned_data["bulan"])
        return Periode.sekarang()


def _periode_form(request):
    today = timezone.localdate()
    data = request.GET if "bulan" in request.GET else {"bulan": today.month, "tahun": today.year}
    return PeriodeForm(data)


@staff_view("desa", roles=PERAN_LAPORAN)
def daftar(request):
    return render(request, "laporan/daftar.html", {"buku_list": DAFTAR, "form": _periode_form(request)})


@staff_view("desa", roles=PERAN_LAPORAN)
def buku(request, buku):
    cls = BUKU.get(buku)
    if cls is None:
        raise Http404("Buku tidak dikenal.")
    form = _periode_form(request)
    b = cls(desa=request.desa, periode=form.periode(), user=request.user)
    fmt = request.GET.get("format")
    if fmt in ("pdf", "xlsx"):
        services.catat_unduh(desa=request.desa, actor=request.user, buku=b, format=fmt, request=request)
        return ekspor.pdf_response(b, request) if fmt == "pdf" else ekspor.xlsx_response(b)
    services.catat_dilihat(desa=request.desa, actor=request.user, buku=b, request=request)
    # Page through the book without counting it first: long books only read what is shown.
    try:
        hal = max(1, int(request.GET.get("hal", 1)))
    except ValueError:
        hal = 1
    start = (hal - 1) * PER_HALAMAN
    rows = list(islice(b.baris(), start, start + PER_HALAMAN + 1))
    query = request.GET.copy()
    query.pop("hal", None)
    query.pop("format", None)
    context = {
        "buku": b,
        "form": form,
        "rows": rows[:PER_HALAMAN],
        "hal": hal,
        "sebelumnya": hal - 1 if hal > 1 else None,
        "berikutnya": hal + 1 if len(rows) > PER_HALAMAN else None,
        "query": query.urlencode(),
    }
    return render(request, "laporan/buku.html", context)
