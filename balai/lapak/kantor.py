"""Back office of the market: the village office under /admin-desa/lapak/ (sellers, products,
approval, pause, counts) and the kabupaten under /dasbor/lapak/ (the category list, the
market's size per kecamatan)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from balai.akun.access import staff_view
from balai.core import pencarian
from balai.core.halaman import halaman_dari
from balai.core.tenancy import DESA, KABUPATEN

from . import selectors, services
from .forms import AlasanForm, KategoriForm, PelapakForm, ProdukForm
from .models import FotoProduk, Kategori, Pelapak, Produk

IZIN = "lapak.kelola"
PER_HALAMAN = 25


def _pesan_galat(exc):
    return "; ".join(exc.messages)


@staff_view(DESA, izin=IZIN)
def produk_daftar(request):
    desa = request.desa
    qs = Produk.objects.filter(desa=desa).select_related("pelapak", "kategori", "sampul")
    status = request.GET.get("status", "")
    if status in Produk.Status.values:
        qs = qs.filter(status=status)
    q = pencarian.bersihkan(request.GET.get("q", ""))
    if q:
        qs = qs.filter(pencarian.cocok(q, "nama", "pelapak__nama"))
    page = halaman_dari(qs.order_by("-diperbarui", "-id"), PER_HALAMAN, request.GET.get("halaman"))
    angka = selectors.statistik_produk(desa=desa, produk_ids=[p.pk for p in page])
    for p in page:
        p.dilihat, p.dipesan = angka.get(p.pk, (0, 0))
    context = {
        "page": page,
        "status": status,
        "q": q,
        "status_list": Produk.Status.choices,
        "antrean": selectors.antrean(desa=desa),
        "hari": selectors.HARI_STATISTIK,
    }
    return render(request, "lapak/kantor/produk_daftar.html", context)


@staff_view(DESA, izin=IZIN, model=Produk)
def produk_ubah(request, pk=None):
    desa = request.desa
    produk = get_object_or_404(Produk, desa=desa, pk=pk) if pk else Produk(desa=desa)
    pilihan = request.GET.get("pelapak", "")
    initial = {"pelapak": pilihan} if not pk and pilihan.isdigit() else None
    form = ProdukForm(request.POST or None, request.FILES or None, instance=produk, desa=desa, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            produk = services.simpan_produk(
                desa=desa,
                actor=request.user,
                produk=form.instance,
                foto_baru=form.cleaned_data["foto"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Produk “{produk}” disimpan.")
            return redirect("lapak:kantor_produk_ubah", produk.pk)
    context = {"form": form, "produk": produk, "alasan": AlasanForm()}
    if produk.pk:
        context["foto_list"] = list(FotoProduk.objects.filter(desa=desa, produk=produk).select_related("gambar"))
        context["harian"] = selectors.statistik_harian(desa=desa, produk=produk)
        context["aksi"] = _aksi_boleh(produk)
    return render(request, "lapak/kantor/produk_form.html", context)


def _aksi_boleh(produk):
    return [aksi for aksi, (dari, _ke, _a) in services.AKSI_PRODUK.items() if produk.status in dari]


@staff_view(DESA, izin=IZIN, model=Produk)
def produk_status(request, pk):
    produk = get_object_or_404(Produk, desa=request.desa, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AlasanForm(request.POST)
    catatan = form.cleaned_data["catatan"] if form.is_valid() else ""
    try:
        services.ubah_status_produk(
            desa=request.desa, actor=request.user, produk=produk, aksi=request.POST.get("aksi", ""),
            catatan=catatan, request=request,
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, _pesan_galat(exc))
    else:
        messages.success(request, f"Status produk “{produk}” diperbarui.")
    if request.POST.get("kembali") == "daftar":
        return redirect("lapak:kantor")
    return redirect("lapak:kantor_produk_ubah", produk.pk)


@staff_view(DESA, izin=IZIN, model=FotoProduk)
def foto_hapus(request, pk):
    foto = get_object_or_404(FotoProduk.objects.select_related("produk"), desa=request.desa, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.hapus_foto(desa=request.desa, actor=request.user, foto=foto, request=request)
    messages.success(request, "Foto dihapus.")
    return redirect("lapak:kantor_produk_ubah", foto.produk_id)


@staff_view(DESA, izin=IZIN)
def pelapak_daftar(request):
    desa = request.desa
    qs = Pelapak.objects.filter(desa=desa).select_related("dusun")
    status = request.GET.get("status", "")
    if status in Pelapak.Status.values:
        qs = qs.filter(status=status)
    q = pencarian.bersihkan(request.GET.get("q", ""))
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kontak__icontains=q))
    qs = qs.annotate(jumlah_produk=Count("produk"))
    page = halaman_dari(qs.order_by("status", "nama", "id"), PER_HALAMAN, request.GET.get("halaman"))
    context = {"page": page, "status": status, "q": q, "status_list": Pelapak.Status.choices}
    return render(request, "lapak/kantor/pelapak_daftar.html", context)


@staff_view(DESA, izin=IZIN, model=Pelapak)
def pelapak_ubah(request, pk=None):
    desa = request.desa
    pelapak = (
        get_object_or_404(Pelapak.objects.select_related("penduduk"), desa=desa, pk=pk) if pk else Pelapak(desa=desa)
    )
    form = PelapakForm(request.POST or None, instance=pelapak, desa=desa)
    if request.method == "POST" and form.is_valid():
        form.save(commit=False)
        try:
            pelapak = services.simpan_pelapak(desa=desa, actor=request.user, pelapak=form.instance, request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Pelapak “{pelapak}” disimpan.")
            return redirect("lapak:kantor_pelapak")
    produk = Produk.objects.filter(desa=desa, pelapak=pelapak).select_related("kategori") if pelapak.pk else []
    context = {"form": form, "pelapak": pelapak, "produk_list": produk, "alasan": AlasanForm()}
    return render(request, "lapak/kantor/pelapak_form.html", context)


@staff_view(DESA, izin=IZIN, model=Pelapak)
def pelapak_status(request, pk):
    pelapak = get_object_or_404(Pelapak, desa=request.desa, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AlasanForm(request.POST)
    catatan = form.cleaned_data["catatan"] if form.is_valid() else ""
    try:
        services.ubah_status_pelapak(
            desa=request.desa, actor=request.user, pelapak=pelapak, aksi=request.POST.get("aksi", ""),
            catatan=catatan, request=request,
        )  # fmt: skip
    except ValidationError as exc:
        messages.error(request, _pesan_galat(exc))
    else:
        messages.success(request, f"Status pelapak “{pelapak}” diperbarui.")
    return redirect("lapak:kantor_pelapak")


# --- kabupaten ---------------------------------------------------------------------------------

IZIN_KAB = "kabupaten.kelola"


@staff_view(KABUPATEN, izin=IZIN_KAB)
def kabupaten_lapak(request):
    kabupaten = request.kabupaten
    context = {
        **selectors.ukuran_pasar(kabupaten_id=kabupaten.pk),
        "kategori_list": Kategori.objects.filter(kabupaten=kabupaten),
    }
    return render(request, "lapak/kantor/kabupaten.html", context)


@staff_view(KABUPATEN, izin=IZIN_KAB, model=Kategori)
def kategori_ubah(request, pk=None):
    kabupaten = request.kabupaten
    kategori = get_object_or_404(Kategori, kabupaten=kabupaten, pk=pk) if pk else Kategori(kabupaten=kabupaten)
    form = KategoriForm(request.POST or None, instance=kategori)
    if request.method == "POST" and form.is_valid():
        try:
            kategori = services.simpan_kategori(
                kabupaten=kabupaten, actor=request.user, kategori=form.instance, request=request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Kategori “{kategori}” disimpan.")
            return redirect("lapak:kabupaten")
    return render(request, "lapak/kantor/kategori_form.html", {"form": form, "kategori": kategori})


@staff_view(KABUPATEN, izin=IZIN_KAB)
def kategori_bawaan(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    jumlah = services.isi_kategori_bawaan(kabupaten=request.kabupaten, actor=request.user, request=request)
    messages.success(request, f"{jumlah} kategori bawaan ditambahkan." if jumlah else "Daftar kategori sudah berisi.")
    return redirect("lapak:kabupaten")
