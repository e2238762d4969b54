"""Back-office pages under /admin-desa/: list, add, edit and delete agenda, pengumuman and
dokumen. One small factory builds the three sets of views; the galeri views live in galeri.py."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, redirect, render

from balai.akun.access import staff_view
from balai.core.halaman import halaman_dari

from . import services
from .forms import AgendaForm, DokumenForm, PengumumanForm
from .models import Agenda, Dokumen, Pengumuman

PER_HALAMAN = 25


@dataclass(frozen=True)
class Modul:
    nama: str  # url prefix and template name
    label: str
    model: type
    form: type
    simpan: object  # callable(request, form) -> instance
    hapus: object  # callable(request, instance)
    order_by: tuple
    izin: str  # the permission that manages this kind of item
    salin: bool = False  # "Salin": a new item pre-filled from an existing one (?salin=<pk>)


def _simpan_dokumen(request, form):
    return services.simpan_dokumen(
        desa=request.desa,
        actor=request.user,
        dokumen=form.instance,
        berkas=form.cleaned_data.get("berkas"),
        request=request,
    )


MODUL = {
    "agenda": Modul(
        "agenda",
        "agenda",
        Agenda,
        AgendaForm,
        lambda r, f: services.simpan_agenda(desa=r.desa, actor=r.user, agenda=f.instance, request=r),
        lambda r, o: services.hapus_agenda(desa=r.desa, actor=r.user, agenda=o, request=r),
        ("-mulai", "-pk"),
        "situs.kelola",
        salin=True,
    ),
    "pengumuman": Modul(
        "pengumuman",
        "pengumuman",
        Pengumuman,
        PengumumanForm,
        lambda r, f: services.simpan_pengumuman(desa=r.desa, actor=r.user, pengumuman=f.instance, request=r),
        lambda r, o: services.hapus_pengumuman(desa=r.desa, actor=r.user, pengumuman=o, request=r),
        ("-disematkan", "-mulai_tayang", "-pk"),
        "pengumuman.kelola",
        salin=True,
    ),
    "dokumen": Modul(
        "dokumen",
        "dokumen",
        Dokumen,
        DokumenForm,
        _simpan_dokumen,
        lambda r, o: services.hapus_dokumen(desa=r.desa, actor=r.user, dokumen=o, request=r),
        ("kategori", "-dibuat", "-pk"),
        "dokumen.kelola",
    ),
}


def _salinan(request, m):
    """Initial form data copied from one of this village's items (recurring posyandu, monthly
    rapat RT), or None."""
    pk = request.GET.get("salin", "")
    if not (m.salin and pk.isdigit()):
        return None
    asal = get_object_or_404(m.model, desa=request.desa, pk=pk)
    return model_to_dict(asal, fields=m.form._meta.fields)


def _views(m):
    @staff_view("desa", izin=m.izin)
    def daftar(request):
        qs = m.model.objects.filter(desa=request.desa).order_by(*m.order_by)
        page = halaman_dari(qs, PER_HALAMAN, request.GET.get("halaman"))
        return render(request, f"publikasi/kantor/{m.nama}_daftar.html", {"page": page, "modul": m})

    @staff_view("desa", izin=m.izin, model=m.model)
    def ubah(request, pk=None):
        instance = get_object_or_404(m.model, desa=request.desa, pk=pk) if pk else m.model(desa=request.desa)
        initial = None if pk else _salinan(request, m)
        form = m.form(request.POST or None, request.FILES or None, instance=instance, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                obj = m.simpan(request, form)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"{m.label.capitalize()} “{obj}” disimpan.")
                return redirect(f"publikasi_kantor:{m.nama}_daftar")
        return render(request, "publikasi/kantor/form.html", {"form": form, "modul": m, "instance": instance})

    @staff_view("desa", izin=m.izin, model=m.model)
    def hapus(request, pk):
        instance = get_object_or_404(m.model, desa=request.desa, pk=pk)
        if request.method == "POST":
            m.hapus(request, instance)
            messages.success(request, f"{m.label.capitalize()} “{instance}” dihapus.")
            return redirect(f"publikasi_kantor:{m.nama}_daftar")
        return render(request, "publikasi/kantor/hapus.html", {"instance": instance, "modul": m})

    return daftar, ubah, hapus


agenda_daftar, agenda_ubah, agenda_hapus = _views(MODUL["agenda"])
pengumuman_daftar, pengumuman_ubah, pengumuman_hapus = _views(MODUL["pengumuman"])
dokumen_daftar, dokumen_ubah, dokumen_hapus = _views(MODUL["dokumen"])
