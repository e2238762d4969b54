"""Back office of a village website: articles, comments, pages, government, menus, settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from balai.akun.access import staff_view
from balai.core import potongan
from balai.core.halaman import halaman_dari
from balai.core.tenancy import KABUPATEN
from balai.core.waktu import tanggal_jam

from .. import selectors, services
from ..forms import AmbangKesegaranForm, ArtikelForm, PengaturanForm
from ..models import Artikel, ArtikelRevisi, Halaman, Komentar, Tag


@staff_view("desa", izin="situs.kelola")
def artikel_list(request):
    # A history restore (Back after the cached snapshot is gone) needs the whole page.
    partial = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    if partial:
        return render(request, "website/kantor/partials/artikel_rows.html", _konteks_artikel(request))
    if not request.GET:
        # The newest articles, as the operator opens them all day: kept until the village changes.
        isi = potongan.tampilkan(
            request,
            "artikel-daftar",
            (),
            "website/kantor/partials/artikel_isi.html",
            lambda: _konteks_artikel(request),
            kantor=True,
        )
        return render(request, "website/kantor/artikel_list.html", {"isi": isi})
    return render(request, "website/kantor/artikel_list.html", _konteks_artikel(request))


def _konteks_artikel(request):
    q, status = request.GET.get("q", ""), request.GET.get("status", "")
    if status not in Artikel.Status.values:
        status = ""  # unknown: every status
    qs = selectors.artikel_kantor(desa=request.desa, q=q, status=status)
    page = halaman_dari(qs, 25, request.GET.get("halaman"))
    return {"page": page, "q": q, "status": status, "status_choices": Artikel.Status.choices}


@staff_view("desa", izin="situs.kelola")
def artikel_tambah(request):
    return _artikel_form(request, None)


@staff_view("desa", izin="situs.kelola", model=Artikel)
def artikel_ubah(request, pk):
    return _artikel_form(request, get_object_or_404(Artikel, desa=request.desa, pk=pk))


def _artikel_form(request, artikel):
    # The form works on its own copy, so the service sees the stored values for its audit diff.
    form_instance = Artikel.objects.get(pk=artikel.pk) if artikel else Artikel(desa=request.desa)
    form = ArtikelForm(request.POST or None, request.FILES or None, instance=form_instance)
    if request.method == "POST" and form.is_valid():
        try:
            artikel = services.simpan_artikel(
                desa=request.desa,
                actor=request.user,
                data=form.service_data(),
                artikel=artikel,
                tags=form.tag_names(),
                request=request,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, pesan_simpan(artikel))
            return redirect("website:kantor_artikel_ubah", pk=artikel.pk)
    return render(request, "website/kantor/artikel_form.html", {"form": form, "artikel": artikel})


def pesan_simpan(artikel):
    """What saving did, in words: a schedule names its day and hour."""
    if artikel.status == Artikel.Status.TERJADWAL:
        return f"Artikel “{artikel.judul}” disimpan. Dijadwalkan terbit {tanggal_jam(artikel.terbit_pada)}."
    if artikel.status == Artikel.Status.TERBIT:
        return f"Artikel “{artikel.judul}” diterbitkan."
    return f"Artikel “{artikel.judul}” disimpan sebagai draf."


@staff_view("desa", izin="situs.kelola", model=Artikel)
def artikel_hapus(request, pk):
    artikel = get_object_or_404(Artikel, desa=request.desa, pk=pk)
    if request.method == "POST":
        services.hapus_artikel(artikel=artikel, actor=request.user, request=request)
        messages.success(request, f"Artikel “{artikel.judul}” dihapus.")
        return redirect("website:kantor_artikel_list")
    return render(request, "website/kantor/hapus.html", {"obj": artikel, "label": "artikel"})


@staff_view("desa", izin="situs.kelola", model=Artikel)
def artikel_pratinjau(request, pk):
    """The article as the public page would show it, whatever its status (staff only)."""
    artikel = get_object_or_404(Artikel.objects.select_related("kategori", "penulis"), desa=request.desa, pk=pk)
    context = {
        "artikel": artikel,
        "tags": list(Tag.objects.filter(desa=request.desa, artikel=artikel)),
        "komentar": [],
        "terkait": [],
        "pratinjau": True,
    }
    return render(request, "website/artikel_detail.html", context)


@staff_view("desa", izin="situs.kelola", model=Halaman)
def halaman_pratinjau(request, pk):
    """A static page as the public would see it, also while it is hidden (staff only)."""
    halaman = get_object_or_404(Halaman, desa=request.desa, pk=pk)
    return render(request, "website/halaman.html", {"halaman": halaman, "pratinjau": True})


@staff_view("desa", izin="situs.kelola", model=Artikel)
def artikel_revisi(request, pk):
    artikel = get_object_or_404(Artikel, desa=request.desa, pk=pk)
    revisi = ArtikelRevisi.objects.filter(desa=request.desa, artikel=artikel).select_related("dibuat_oleh")[:50]
    return render(request, "website/kantor/revisi.html", {"artikel": artikel, "revisi": revisi})


@staff_view("desa", izin="situs.kelola", model=ArtikelRevisi)
def revisi_pulihkan(request, pk):
    # Look the object up first, so another village's id is 404 whatever the method.
    revisi = get_object_or_404(ArtikelRevisi.objects.select_related("artikel"), desa=request.desa, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    artikel = services.pulihkan_revisi(revisi=revisi, actor=request.user, request=request)
    messages.success(request, f"Isi artikel dipulihkan ke revisi {revisi.dibuat:%d-%m-%Y %H:%M}.")
    return redirect("website:kantor_artikel_ubah", pk=artikel.pk)


@staff_view("desa", izin="situs.kelola")
def komentar_list(request):
    status = request.GET.get("status")
    if status not in Komentar.Status.values:
        status = Komentar.Status.MENUNGGU  # missing or unknown: the queue to moderate
    qs = selectors.antrean_komentar(desa=request.desa, status=status)
    page = halaman_dari(qs, 30, request.GET.get("halaman"))
    context = {"page": page, "status": status, "status_choices": Komentar.Status.choices}
    return render(request, "website/kantor/komentar_list.html", context)


@staff_view("desa", izin="situs.kelola", model=Komentar)
def komentar_moderasi(request, pk):
    komentar = get_object_or_404(Komentar.objects.select_related("artikel"), desa=request.desa, pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    status = request.POST.get("status")
    if status not in (Komentar.Status.DISETUJUI, Komentar.Status.DITOLAK):
        messages.error(request, "Pilih setujui atau tolak.")
    else:
        services.moderasi_komentar(komentar=komentar, actor=request.user, status=status, request=request)
        messages.success(request, f"Komentar {komentar.nama} {komentar.get_status_display().lower()}.")
    return redirect("website:kantor_komentar")


@staff_view("desa", izin="situs.kelola")
def pengaturan(request):
    form = PengaturanForm(request.POST or None, request.FILES or None, instance=selectors.pengaturan(desa=request.desa))
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_pengaturan(desa=request.desa, actor=request.user, data=form.cleaned_data, request=request)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Pengaturan situs disimpan.")
            return redirect("website:kantor_pengaturan")
    return render(request, "website/kantor/pengaturan.html", {"form": form})


def _add_errors(form, exc):
    """Show a service's ValidationError on the form field it names (a refused picture on its
    upload field), or above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        target = f"{field}_file" if f"{field}_file" in form.fields else field
        form.add_error(target if target in form.fields else None, errors)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kabupaten_kesegaran(request):
    """Every village site with its latest publication (sortable, filterable, exportable), and
    the threshold the kabupaten sets for calling a site stale."""
    from .. import ekspor

    kabupaten = request.kabupaten
    form = AmbangKesegaranForm(request.POST or None, initial={"hari": kabupaten.ambang_kesegaran_hari})
    if request.method == "POST" and form.is_valid():
        services.atur_ambang_kesegaran(
            kabupaten=kabupaten, actor=request.user, hari=form.cleaned_data["hari"], request=request
        )
        messages.success(request, f"Ambang kesegaran situs: {kabupaten.ambang_kesegaran_hari} hari.")
        return redirect("website:kabupaten_kesegaran")
    status = request.GET.get("status", "")
    status = status if status in ("basi", "segar") else ""
    urut = request.GET.get("urut", "")
    urut = urut if urut in selectors.URUT_KESEGARAN else "terakhir"
    q = request.GET.get("q", "")
    villages = selectors.daftar_kesegaran(kabupaten=kabupaten, status=status, urut=urut, q=q)
    fmt = request.GET.get("format")
    if fmt == "csv":
        return ekspor.csv_response(villages)
    if fmt == "xlsx":
        return ekspor.xlsx_response(villages)
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "form": form,
        "k": selectors.kesegaran_desa(kabupaten=kabupaten, limit=0),
        "villages": villages,
        "status": status,
        "urut": urut,
        "urut_choices": selectors.URUT_KESEGARAN.items(),
        "q": q,
        "query": query.urlencode(),
    }
    return render(request, "website/kantor/kabupaten_kesegaran.html", context)
