"""List, edit and delete views for the simple parts of a village site: pages, government, menu,
article categories."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from balai.akun.access import staff_view

from .. import services
from ..forms import HalamanForm, KategoriForm, MenuForm, PerangkatForm
from ..models import Halaman, Kategori, MenuSitus, Perangkat
from .kantor import _add_errors


def _crud(model, form_class, save, delete, name, kwarg):
    """Views for one kind of object: `save(desa, actor, data, <kwarg>=obj)`, `delete(<kwarg>=obj, actor)`."""
    label = model._meta.verbose_name

    @staff_view("desa", izin="situs.kelola")
    def daftar(request):
        objects = model.objects.filter(desa=request.desa)
        return render(request, f"website/kantor/{name}_list.html", {"objects": objects, "label": label})

    @staff_view("desa", izin="situs.kelola", model=model)
    def edit(request, pk=None):
        stored = get_object_or_404(model, desa=request.desa, pk=pk) if pk else None
        form = form_class(
            request.POST or None,
            request.FILES or None,
            instance=model.objects.get(pk=pk) if pk else model(desa=request.desa),
        )
        if request.method == "POST" and form.is_valid():
            try:
                obj = save(
                    desa=request.desa, actor=request.user, data=form.cleaned_data, request=request, **{kwarg: stored}
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, f"{label.capitalize()} {obj} disimpan.")
                return redirect(f"website:kantor_{name}")
        return render(
            request,
            "website/kantor/form.html",
            {"form": form, "label": label, "obj": stored, "back": f"website:kantor_{name}"},
        )

    @staff_view("desa", izin="situs.kelola", model=model)
    def hapus(request, pk):
        obj = get_object_or_404(model, desa=request.desa, pk=pk)
        if request.method == "POST":
            delete(actor=request.user, request=request, **{kwarg: obj})
            messages.success(request, f"{label.capitalize()} {obj} dihapus.")
            return redirect(f"website:kantor_{name}")
        return render(request, "website/kantor/hapus.html", {"obj": obj, "label": label})

    return daftar, edit, hapus


halaman_list, halaman_edit, halaman_hapus = _crud(
    Halaman, HalamanForm, services.simpan_halaman, services.hapus_halaman, "halaman", "halaman"
)
perangkat_list, perangkat_edit, perangkat_hapus = _crud(
    Perangkat, PerangkatForm, services.simpan_perangkat, services.hapus_perangkat, "perangkat", "perangkat"
)
menu_list, menu_edit, menu_hapus = _crud(MenuSitus, MenuForm, services.simpan_menu, services.hapus_menu, "menu", "menu")
kategori_list, kategori_edit, kategori_hapus = _crud(
    Kategori, KategoriForm, services.simpan_kategori, services.hapus_kategori, "kategori", "kategori"
)
