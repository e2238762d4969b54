"""Back office under /admin-desa/pembangunan/: projects, their progress updates with photos
from a phone, and the one-click draft news article."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from balai.akun.access import staff_view
from balai.core.halaman import halaman_dari
from balai.core.tenancy import DESA
from balai.keuangan.selectors import realisasi_kegiatan

from . import selectors, services
from .filters import ProyekFilter
from .forms import ProgresForm, ProyekForm
from .models import Progres, Proyek

IZIN = "keuangan.kelola"
PER_HALAMAN = 25


def _proyek(request, pk):
    return get_object_or_404(selectors.dengan_lokasi(Proyek.objects.filter(desa=request.desa)), pk=pk)


@staff_view(DESA, izin=IZIN)
def daftar(request):
    desa = request.desa
    filter_form = ProyekFilter(request.GET, desa=desa, tahun_pilihan=selectors.tahun_ada(desa=desa, terbit_saja=False))
    qs = filter_form.filter(selectors.dengan_lokasi(Proyek.objects.filter(desa=desa)))
    page = halaman_dari(qs.order_by("-tahun", "status", "nama", "pk"), PER_HALAMAN, request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {
        "page": page,
        "filter": filter_form,
        "query": query.urlencode(),
        "ringkasan": selectors.ringkasan(desa=desa, qs=qs),
    }
    return render(request, "pembangunan/kantor/daftar.html", context)


@staff_view(DESA, izin=IZIN, model=Proyek)
def ubah(request, pk=None):
    proyek = _proyek(request, pk) if pk else Proyek(desa=request.desa)
    form = ProyekForm(request.POST or None, instance=proyek, desa=request.desa)
    if request.method == "POST" and form.is_valid():
        try:
            proyek = services.simpan_proyek(
                desa=request.desa, actor=request.user, proyek=form.instance, request=request
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"Kegiatan “{proyek}” disimpan.")
            return redirect("pembangunan:kantor_detail", pk=proyek.pk)
    return render(request, "pembangunan/kantor/form.html", {"form": form, "proyek": proyek})


@staff_view(DESA, izin=IZIN, model=Proyek)
def detail(request, pk):
    proyek = _proyek(request, pk)
    context = {"proyek": proyek, "timeline": selectors.timeline(proyek=proyek)}
    if request.user.punya_izin("audit.lihat"):
        context["riwayat"] = selectors.riwayat(proyek=proyek)
    if proyek.kegiatan_id:
        realisasi = realisasi_kegiatan(desa=request.desa, kegiatan_ids=[proyek.kegiatan_id])
        context["realisasi"] = realisasi.get(proyek.kegiatan_id) or 0
    return render(request, "pembangunan/kantor/detail.html", context)


@staff_view(DESA, izin=IZIN, model=Proyek)
def progres_tambah(request, pk):
    """The page an operator opens on site with a phone: date, percent, photos, a note."""
    proyek = _proyek(request, pk)
    form = ProgresForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _progres, peringatan = services.catat_progres(
                desa=request.desa,
                actor=request.user,
                proyek=proyek,
                tanggal=data["tanggal"],
                persen=data["persen"],
                catatan=data["catatan"],
                foto=data["foto"],
                request=request,
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            for p in peringatan:
                messages.warning(request, p)
            messages.success(request, f"Progres {data['persen']}% dicatat dengan {len(data['foto'])} foto.")
            return redirect("pembangunan:kantor_detail", pk=proyek.pk)
    return render(request, "pembangunan/kantor/progres_form.html", {"form": form, "proyek": proyek})


def _errors(form, exc):
    """A service's refusal shown at the field it names (the photo), or above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@staff_view(DESA, izin=IZIN, model=Proyek)
def hapus(request, pk):
    proyek = _proyek(request, pk)
    if request.method == "POST":
        services.hapus_proyek(desa=request.desa, actor=request.user, proyek=proyek, request=request)
        messages.success(request, f"Kegiatan “{proyek}” dihapus beserta progres dan fotonya.")
        return redirect("pembangunan:kantor_daftar")
    return render(request, "pembangunan/kantor/hapus.html", {"proyek": proyek})


def _progres_post(request, pk):
    """The update of this village (404 otherwise), and a 405 answer for anything but POST."""
    progres = get_object_or_404(Progres.objects.select_related("proyek"), desa=request.desa, pk=pk)
    return progres, (None if request.method == "POST" else HttpResponseNotAllowed(["POST"]))


@staff_view(DESA, izin=IZIN, model=Progres)
def progres_hapus(request, pk):
    progres, refused = _progres_post(request, pk)
    if refused:
        return refused
    services.hapus_progres(desa=request.desa, actor=request.user, progres=progres, request=request)
    messages.success(request, f"Progres {progres.persen}% ({progres.tanggal:%d-%m-%Y}) dihapus.")
    return redirect("pembangunan:kantor_detail", pk=progres.proyek_id)


@staff_view(DESA, izin=IZIN, model=Progres)
def progres_berita(request, pk):
    """One click: the update becomes a draft article, opened in the article editor."""
    progres, refused = _progres_post(request, pk)
    if refused:
        return refused
    if not request.user.punya_izin("situs.kelola"):
        messages.error(request, "Membuat berita perlu izin mengelola situs.")
        return redirect("pembangunan:kantor_detail", pk=progres.proyek_id)
    artikel = services.buat_draf_berita(desa=request.desa, actor=request.user, progres=progres, request=request)
    messages.success(request, "Draf berita dibuat dari progres ini. Periksa, sunting, lalu terbitkan.")
    return redirect("website:kantor_artikel_ubah", pk=artikel.pk)
