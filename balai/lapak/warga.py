"""The seller's own pages in Layanan Mandiri (/mandiri/lapak/): a resident signed in there asks
to sell, and once the office approved them manages their own products. Every lookup goes
through the signed-in resident's seller record in this village: another seller's product, or a
product of another village, is a 404 like a product that does not exist."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from balai.mandiri.access import warga, warga_view

from . import selectors, services
from .forms import DaftarPelapakForm, ProdukWargaForm
from .models import FotoProduk, Pelapak, Produk


def _pelapak(request):
    """The signed-in resident's seller record in this village, or None."""
    akun = warga(request)
    return Pelapak.objects.filter(desa=request.desa, penduduk_id=akun.penduduk_id).first()


def _pelapak_disetujui(request):
    pelapak = _pelapak(request)
    if pelapak is None or not pelapak.disetujui:
        raise Http404
    return pelapak


def _context(request, **extra):
    return {"akun": warga(request), **extra}


@warga_view
def beranda(request):
    desa, pelapak = request.desa, _pelapak(request)
    if pelapak is None:
        form = DaftarPelapakForm(request.POST or None, desa=desa)
        if request.method == "POST" and form.is_valid():
            try:
                services.daftar_pelapak(
                    desa=desa, penduduk=warga(request).penduduk, pelapak=form.instance, request=request
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Pendaftaran terkirim. Kantor desa akan memeriksanya.")
                return redirect("lapak:warga")
        return render(request, "lapak/warga/daftar.html", _context(request, form=form))
    produk = []
    if pelapak.disetujui:
        qs = Produk.objects.filter(desa=desa, pelapak=pelapak).select_related("sampul", "kategori")
        produk = list(qs.order_by("-dibuat", "-id"))
        angka = selectors.statistik_produk(desa=desa, produk_ids=[p.pk for p in produk])
        for p in produk:
            p.dilihat, p.dipesan = angka.get(p.pk, (0, 0))
    context = _context(request, pelapak=pelapak, produk_list=produk, hari=selectors.HARI_STATISTIK)
    return render(request, "lapak/warga/beranda.html", context)


@warga_view
def produk_ubah(request, pk=None):
    desa, pelapak = request.desa, _pelapak_disetujui(request)
    produk = get_object_or_404(Produk, desa=desa, pelapak=pelapak, pk=pk) if pk else Produk(desa=desa, pelapak=pelapak)
    form = ProdukWargaForm(request.POST or None, request.FILES or None, instance=produk, desa=desa)
    if request.method == "POST" and form.is_valid():
        try:
            produk = services.simpan_produk(
                desa=desa,
                actor=None,
                produk=form.instance,
                foto_baru=form.cleaned_data["foto"],
                oleh_warga=True,
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{produk}” disimpan dan menunggu persetujuan kantor desa sebelum tayang.")
            return redirect("lapak:warga")
    context = _context(request, form=form, produk=produk)
    if produk.pk:
        context["foto_list"] = list(FotoProduk.objects.filter(desa=desa, produk=produk).select_related("gambar"))
    return render(request, "lapak/warga/produk_form.html", context)


@warga_view
def produk_status(request, pk):
    produk = get_object_or_404(Produk, desa=request.desa, pelapak=_pelapak_disetujui(request), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.ubah_status_produk(
            desa=request.desa, actor=None, produk=produk, aksi=request.POST.get("aksi", ""), oleh_warga=True,
            request=request,
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"Status “{produk}” diperbarui.")
    return redirect("lapak:warga")


@warga_view
def foto_hapus(request, pk):
    pelapak = _pelapak_disetujui(request)
    foto = get_object_or_404(
        FotoProduk.objects.select_related("produk"), desa=request.desa, produk__pelapak=pelapak, pk=pk
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.hapus_foto(desa=request.desa, actor=None, foto=foto, oleh_warga=True, request=request)
    messages.success(request, "Foto dihapus.")
    return redirect("lapak:warga_produk_ubah", foto.produk_id)
