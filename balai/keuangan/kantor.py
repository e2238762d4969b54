"""Back office under /admin-desa/apbdes/: years and versions, lines, kegiatan, realisation,
imports (dry run, then save) and publishing. Everything goes through services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from balai.akun.access import staff_view
from balai.core.tenancy import DESA

from . import impor_xlsx, selectors, services
from . import kode as k
from .forms import ApbdesBaruForm, BarisForm, ImporForm, KegiatanForm, PerdesForm, RealisasiForm
from .models import Apbdes, Baris, ImporApbdes, Kegiatan

IZIN = "keuangan.kelola"


def _pesan_galat(request, exc):
    for pesan in exc.messages:
        messages.error(request, pesan)


@staff_view(DESA, izin=IZIN)
def kantor(request):
    desa = request.desa
    baru = ApbdesBaruForm(request.POST or None, prefix="baru", initial={"tahun": timezone.localdate().year})
    if request.method == "POST" and baru.is_valid():
        try:
            apbdes = services.buat_apbdes(desa=desa, actor=request.user, request=request, **baru.cleaned_data)
        except ValidationError as exc:
            _pesan_galat(request, exc)
        else:
            messages.success(request, f"APBDes {apbdes.tahun} dibuat. Tambahkan kegiatan dan baris anggarannya.")
            return redirect("keuangan:versi", pk=apbdes.pk)
    context = {
        "tahun": selectors.daftar_tahun(desa=desa),
        "form": baru,
    }
    return render(request, "keuangan/kantor.html", context)


@staff_view(DESA, izin=IZIN, model=Apbdes)
def versi(request, pk):
    desa = request.desa
    apbdes = get_object_or_404(Apbdes.objects.filter(desa=desa), pk=pk)
    perdes = PerdesForm(request.POST or None, instance=apbdes, prefix="perdes")
    if request.method == "POST" and perdes.is_valid():
        try:
            services.ubah_apbdes(desa=desa, actor=request.user, apbdes=perdes.instance, request=request)
        except ValidationError as exc:
            _pesan_galat(request, exc)
        else:
            messages.success(request, "Data Perdes disimpan.")
            return redirect("keuangan:versi", pk=apbdes.pk)
    data = selectors.ringkasan(apbdes)
    context = {
        **data,
        "versi_lain": Apbdes.objects.filter(desa=desa, tahun=apbdes.tahun).order_by("versi"),
        "kegiatan": selectors.kegiatan_tahun(desa=desa, tahun=apbdes.tahun),
        "perdes_form": perdes,
        "peringatan": services.peringatan_realisasi(apbdes=apbdes),
        "pendapatan_baris": [b for b in data["baris"] if b.jenis == k.PENDAPATAN],
        "pembiayaan_baris": [b for b in data["baris"] if b.jenis == k.PEMBIAYAAN],
    }
    return render(request, "keuangan/versi.html", context)


def _post_apbdes(request, pk):
    apbdes = get_object_or_404(Apbdes.objects.filter(desa=request.desa), pk=pk)
    if request.method != "POST":
        return apbdes, HttpResponseNotAllowed(["POST"])
    return apbdes, None


@staff_view(DESA, izin=IZIN, model=Apbdes)
def terbit(request, pk):
    apbdes, tolak = _post_apbdes(request, pk)
    if tolak:
        return tolak
    mau = request.POST.get("terbit") == "1"
    try:
        services.terbitkan(desa=request.desa, actor=request.user, apbdes=apbdes, terbit=mau, request=request)
    except ValidationError as exc:
        _pesan_galat(request, exc)
    else:
        messages.success(request, "APBDes diterbitkan di situs desa." if mau else "APBDes ditarik dari situs desa.")
    return redirect("keuangan:versi", pk=apbdes.pk)


@staff_view(DESA, izin=IZIN, model=Apbdes)
def perubahan(request, pk):
    apbdes, tolak = _post_apbdes(request, pk)
    if tolak:
        return tolak
    try:
        baru = services.buat_perubahan(desa=request.desa, actor=request.user, apbdes=apbdes, request=request)
    except ValidationError as exc:
        _pesan_galat(request, exc)
        return redirect("keuangan:versi", pk=apbdes.pk)
    messages.success(request, f"{baru.nama_versi} {baru.tahun} dibuat dari versi sebelumnya. Ubah anggarannya di sini.")
    return redirect("keuangan:versi", pk=baru.pk)


def _baris_form(request, apbdes, baris):
    desa = request.desa
    form = BarisForm(request.POST or None, instance=baris, tahun=apbdes.tahun, desa=desa)
    if request.method == "POST" and form.is_valid():
        form.instance.apbdes = apbdes
        try:
            services.simpan_baris(desa=desa, actor=request.user, baris=form.instance, request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Baris {form.instance.kode} disimpan.")
            return redirect("keuangan:versi", pk=apbdes.pk)
    context = {"form": form, "apbdes": apbdes, "baris": baris, "akun": sorted(k.AKUN.items())}
    return render(request, "keuangan/baris_form.html", context)


@staff_view(DESA, izin=IZIN, model=Apbdes)
def baris_tambah(request, pk):
    apbdes = get_object_or_404(Apbdes.objects.filter(desa=request.desa), pk=pk)
    return _baris_form(request, apbdes, Baris(desa=request.desa, apbdes=apbdes))


@staff_view(DESA, izin=IZIN, model=Baris)
def baris_ubah(request, pk):
    baris = get_object_or_404(Baris.objects.filter(desa=request.desa).select_related("apbdes"), pk=pk)
    return _baris_form(request, baris.apbdes, baris)


@staff_view(DESA, izin=IZIN, model=Baris)
def baris_hapus(request, pk):
    baris = get_object_or_404(Baris.objects.filter(desa=request.desa).select_related("apbdes"), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.hapus_baris(desa=request.desa, actor=request.user, baris=baris, request=request)
    except ValidationError as exc:
        _pesan_galat(request, exc)
    else:
        messages.success(request, f"Baris {baris.kode} dihapus.")
    return redirect("keuangan:versi", pk=baris.apbdes_id)


def _kegiatan_form(request, apbdes, kegiatan):
    form = KegiatanForm(request.POST or None, instance=kegiatan)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_kegiatan(desa=request.desa, actor=request.user, kegiatan=form.instance, request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Kegiatan {form.instance.kode} disimpan.")
            return redirect("keuangan:versi", pk=apbdes.pk)
    context = {"form": form, "apbdes": apbdes, "kegiatan": kegiatan, "sub_bidang": sorted(k.SUB_BIDANG.items())}
    return render(request, "keuangan/kegiatan_form.html", context)


@staff_view(DESA, izin=IZIN, model=Apbdes)
def kegiatan_tambah(request, pk):
    apbdes = get_object_or_404(Apbdes.objects.filter(desa=request.desa), pk=pk)
    return _kegiatan_form(request, apbdes, Kegiatan(desa=request.desa, tahun=apbdes.tahun))


@staff_view(DESA, izin=IZIN, model=Kegiatan)
def kegiatan_ubah(request, pk):
    kegiatan = get_object_or_404(Kegiatan.objects.filter(desa=request.desa), pk=pk)
    apbdes = get_object_or_404(Apbdes.objects.filter(desa=request.desa, tahun=kegiatan.tahun, aktif=True))
    return _kegiatan_form(request, apbdes, kegiatan)


@staff_view(DESA, izin=IZIN, model=Apbdes)
def realisasi(request, pk):
    desa = request.desa
    apbdes = get_object_or_404(Apbdes.objects.filter(desa=desa), pk=pk)
    lines = selectors.baris_apbdes(apbdes)
    form = RealisasiForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            peringatan = services.catat_realisasi(
                desa=desa, actor=request.user, apbdes=apbdes, nilai=form.nilai(), request=request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Realisasi disimpan.")
            for pesan in peringatan:
                messages.warning(request, pesan)
            return redirect("keuangan:versi", pk=apbdes.pk)
    return render(request, "keuangan/realisasi.html", {"form": form, "apbdes": apbdes})


@staff_view(DESA, izin=IZIN)
def templat(request, tahun):
    desa = request.desa
    aktif = Apbdes.objects.filter(desa=desa, tahun=tahun, aktif=True).first()
    lines = (
        Baris.objects.filter(apbdes=aktif)
        .select_related("kegiatan")
        .prefetch_related("realisasi")
        .order_by("jenis", "kegiatan__kode", "kode", "urutan", "pk")
        if aktif
        else []
    )
    isi = impor_xlsx.templat(tahun=tahun, baris=lines)
    response = HttpResponse(isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="templat-apbdes-{desa.slug}-{tahun}.xlsx"'
    return response


@staff_view(DESA, izin=IZIN)
def impor(request):
    """Upload a template or a Siskeudes export: the check runs at once (the dry run), then the
    result page offers to save it."""
    tahun = timezone.localdate().year
    form = ImporForm(request.POST or None, request.FILES or None, initial={"tahun": tahun, "jenis": "xlsx"})
    if request.method == "POST" and form.is_valid():
        hasil = services.periksa_impor(
            desa=request.desa,
            actor=request.user,
            tahun=form.cleaned_data["tahun"],
            jenis=form.cleaned_data["jenis"],
            berkas=form.cleaned_data["berkas"],
            request=request,
        )
        return redirect("keuangan:impor_detail", pk=hasil.pk)
    context = {"form": form, "impor": selectors.impor_terakhir(desa=request.desa)}
    return render(request, "keuangan/impor.html", context)


@staff_view(DESA, izin=IZIN, model=ImporApbdes)
def impor_detail(request, pk):
    hasil = get_object_or_404(ImporApbdes.objects.filter(desa=request.desa).defer("isi"), pk=pk)
    aktif = Apbdes.objects.filter(desa=request.desa, tahun=hasil.tahun, aktif=True).first()
    return render(request, "keuangan/impor_detail.html", {"impor": hasil, "aktif": aktif})


@staff_view(DESA, izin=IZIN, model=ImporApbdes)
def impor_simpan(request, pk):
    hasil = get_object_or_404(ImporApbdes.objects.filter(desa=request.desa), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        apbdes = services.simpan_impor(desa=request.desa, actor=request.user, impor=hasil, request=request)
    except ValidationError as exc:
        _pesan_galat(request, exc)
        return redirect("keuangan:impor_detail", pk=hasil.pk)
    messages.success(request, f"{apbdes.nama_versi} {apbdes.tahun} diperbarui dari berkas {hasil.nama_berkas}.")
    return redirect("keuangan:versi", pk=apbdes.pk)
