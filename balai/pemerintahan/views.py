from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect, render

from balai.akun.access import staff_view
from balai.wilayah import selectors
from balai.wilayah.models import RT, RW, Dusun

from . import services
from .forms import FORMS, ProfilDesaForm


@staff_view("desa", izin="desa.kelola")
def profil(request):
    form = ProfilDesaForm(request.POST or None, instance=request.desa)
    if request.method == "POST" and form.is_valid():
        try:
            services.ubah_profil_desa(desa=request.desa, actor=request.user, data=form.cleaned_data, request=request)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, "Profil desa disimpan.")
            return redirect("pemerintahan:profil")
    return render(request, "pemerintahan/profil.html", {"form": form})


@staff_view("desa", izin="wilayah.kelola")
def daftar(request):
    context = {"dusun_list": selectors.pohon_wilayah(desa=request.desa), **selectors.jumlah_wilayah(desa=request.desa)}
    return render(request, "pemerintahan/daftar.html", context)


def _unit_views(model):
    """Edit and delete views for one level of the village's regions (Dusun, RW or RT)."""
    label = model._meta.verbose_name

    @staff_view("desa", izin="wilayah.kelola", model=model)
    def edit(request, pk=None):
        instance = get_object_or_404(model, desa=request.desa, pk=pk) if pk else model(desa=request.desa)
        form = FORMS[model](request.POST or None, instance=instance)
        if request.method == "POST" and form.is_valid():
            try:
                services.simpan_wilayah(desa=request.desa, actor=request.user, instance=form.instance, request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"{label} {form.instance} disimpan.")
                return redirect("pemerintahan:daftar")
        return render(request, "pemerintahan/form.html", {"form": form, "label": label, "instance": instance})

    @staff_view("desa", izin="wilayah.kelola", model=model)
    def delete(request, pk):
        instance = get_object_or_404(model, desa=request.desa, pk=pk)
        if request.method == "POST":
            try:
                services.hapus_wilayah(desa=request.desa, actor=request.user, instance=instance, request=request)
            except ProtectedError:
                messages.error(
                    request, f"{label} {instance} masih dipakai (punya RW/RT atau penduduk); kosongkan dulu."
                )
            else:
                messages.success(request, f"{label} {instance} dihapus.")
            return redirect("pemerintahan:daftar")
        return render(request, "pemerintahan/hapus.html", {"instance": instance, "label": label})

    return edit, delete


dusun_edit, dusun_delete = _unit_views(Dusun)
rw_edit, rw_delete = _unit_views(RW)
rt_edit, rt_delete = _unit_views(RT)
