from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from balai.akun.access import staff_view
from balai.core.halaman import nomor_halaman

from . import ekspor, services, unduhan
from .buku import BUKU, BULAN, DAFTAR, Periode

PER_HALAMAN = 200
# Longer books are rendered to PDF by a background task: at about 0.5 ms a row (bench/laporan.py)
# a book of this many rows is ready within a few seconds, a 50,000-row one takes half a minute.
BATAS_PDF_LANGSUNG = 5000


class PeriodeForm(forms.Form):
    bulan = forms.TypedChoiceField(label="Bulan", coerce=int, choices=[(i, b) for i, b in enumerate(BULAN, 1)])
    tahun = forms.IntegerField(label="Tahun", min_value=1900, max_value=2100)

    def periode(self):
        if self.is_valid():
            return Periode(self.cleaned_data["tahun"], self.cleaned_data["bulan"])
        return Periode.sekarang()


def _periode_form(request, **kwargs):
    today = timezone.localdate()
    data = request.GET if "bulan" in request.GET else {"bulan": today.month, "tahun": today.year}
    return PeriodeForm(data, **kwargs)


@staff_view("desa", izin="laporan.lihat")
def daftar(request):
    return render(request, "laporan/daftar.html", {"buku_list": DAFTAR, "form": _periode_form(request, auto_id=False)})


@staff_view("desa", izin="laporan.lihat")
def buku(request, buku):
    cls = BUKU.get(buku)
    if cls is None:
        raise Http404("Buku tidak dikenal.")
    form = _periode_form(request)
    b = cls(desa=request.desa, periode=form.periode(), user=request.user)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        services.catat_unduh(desa=request.desa, actor=request.user, buku=b, format=fmt, request=request)
        return ekspor.xlsx_response(b)
    if fmt == "pdf":
        if b.jumlah_baris() <= BATAS_PDF_LANGSUNG:
            services.catat_unduh(desa=request.desa, actor=request.user, buku=b, format=fmt, request=request)
            return ekspor.pdf_response(b)
        kunci = services.minta_pdf(desa=request.desa, actor=request.user, buku=b)
        return redirect("laporan:unduhan", kunci=kunci)
    services.catat_dilihat(desa=request.desa, actor=request.user, buku=b, request=request)
    # Page through the book without counting it first: long books only read what is shown.
    hal = nomor_halaman(request.GET.get("hal"))
    start = (hal - 1) * PER_HALAMAN
    rows = list(b.baris(mulai=start, batas=PER_HALAMAN + 1))
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


@staff_view("desa", izin="laporan.lihat")
def unduhan_view(request, kunci):
    """Progress of a PDF being rendered; `?ambil=1` downloads it once ready (then it is deleted)."""
    if not unduhan.KUNCI.match(kunci):
        raise Http404
    slug = kunci.rsplit("-", 2)[0]
    cls = BUKU.get(slug)
    if cls is None:
        raise Http404
    state = unduhan.status(request.desa.pk, request.user.pk, kunci)
    if state == "selesai" and request.GET.get("ambil"):
        tahun, bulan = int(kunci.rsplit("-", 2)[1][:4]), int(kunci.rsplit("-", 2)[1][4:])
        b = cls(desa=request.desa, periode=Periode(tahun, bulan), user=request.user)
        services.catat_unduh(desa=request.desa, actor=request.user, buku=b, format="pdf", request=request)
        storage, name = unduhan.storage(), unduhan.file_path(request.desa.pk, request.user.pk, kunci)
        content = storage.open(name).read()
        storage.delete(name)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{ekspor.nama_berkas(b, "pdf")}"'
        return response
    context = {"kunci": kunci, "status": state, "judul": cls.judul}
    # The polling fragment; a history restore (Back after htmx lost its snapshot) needs the page.
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        return render(request, "laporan/partials/unduhan.html", context)
    return render(request, "laporan/unduhan.html", context)
