"""The village office's side of Layanan Mandiri under /admin-desa/mandiri/: find a resident,
issue or reset their PIN (shown once), print the PIN slip, deactivate an account."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string

from balai.akun.access import staff_view
from balai.core.tenancy import host_desa, origin
from balai.penduduk.kode import HIDUP
from balai.penduduk.models import Penduduk
from balai.penduduk.privasi import samarkan

from . import selectors, services
from .forms import CariForm, SlipForm

IZIN = "mandiri.kelola"


def _penduduk(request, pk):
    return get_object_or_404(Penduduk.objects.select_related("keluarga"), desa=request.desa, pk=pk, status_dasar=HIDUP)


def alamat_mandiri(desa):
    return origin(host_desa(desa)) + "/mandiri/"


@staff_view("desa", izin=IZIN)
def daftar(request):
    # The search goes by POST, so a name or NIK never lands in a URL or an access log.
    form = CariForm(request.POST if request.method == "POST" else None)
    hasil = None
    if form.is_bound and form.is_valid():
        hasil = selectors.cari_penduduk(desa=request.desa, q=form.cleaned_data["q"])
    akun, jumlah = selectors.daftar_akun(desa=request.desa)
    context = {"form": form, "hasil": hasil, "akun_list": akun, "jumlah": jumlah}
    return render(request, "mandiri/kantor/daftar.html", context)


@staff_view("desa", izin=IZIN, model=Penduduk)
def detail(request, pk):
    orang = _penduduk(request, pk)
    akun = selectors.akun_penduduk(desa=request.desa, penduduk=orang)
    return render(request, "mandiri/kantor/detail.html", {"orang": orang, "akun": akun})


@staff_view("desa", izin=IZIN, model=Penduduk)
def terbitkan_pin(request, pk):
    orang = _penduduk(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        akun, pin = services.terbitkan_pin(desa=request.desa, actor=request.user, penduduk=orang, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mandiri:kantor_detail", pk=orang.pk)
    # Shown on this page only (no redirect that would need to keep it anywhere); never cached.
    return render(request, "mandiri/kantor/pin_terbit.html", {"orang": orang, "akun": akun, "pin": pin})


@staff_view("desa", izin=IZIN, model=Penduduk)
def slip_pin(request, pk):
    orang = _penduduk(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    akun = selectors.akun_penduduk(desa=request.desa, penduduk=orang)
    form = SlipForm(request.POST)
    if akun is None or not form.is_valid() or not services.pin_slip_berlaku(akun=akun, kode=form.cleaned_data["pin"]):
        messages.error(
            request,
            "Slip hanya dapat dicetak untuk PIN yang baru diterbitkan dan belum diganti warga. Terbitkan PIN baru.",
        )
        return redirect("mandiri:kantor_detail", pk=orang.pk)
    pdf = render_slip(request.desa, orang, form.cleaned_data["pin"])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="slip-pin-layanan-mandiri.pdf"'
    return response


def render_slip(desa, orang, pin):
    """The PIN slip as PDF bytes: village, resident, masked NIK, PIN, address, instructions."""
    from weasyprint import HTML  # heavy; loaded only when a slip is printed

    context = {"desa": desa, "orang": orang, "nik": samarkan(orang.nik), "pin": pin, "alamat": alamat_mandiri(desa)}
    return HTML(string=render_to_string("mandiri/kantor/slip_pdf.html", context)).write_pdf()


@staff_view("desa", izin=IZIN, model=Penduduk)
def nonaktifkan(request, pk):
    orang = _penduduk(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    akun = selectors.akun_penduduk(desa=request.desa, penduduk=orang)
    if akun is not None and akun.aktif:
        services.nonaktifkan(desa=request.desa, actor=request.user, akun=akun, request=request)
        messages.success(request, f"Akun Layanan Mandiri {orang.nama} dinonaktifkan.")
    return redirect("mandiri:kantor_detail", pk=orang.pk)
