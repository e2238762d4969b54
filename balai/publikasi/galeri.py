"""Back-office pages of the galeri: albums, their photos and the multi-photo upload."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from balai.akun.access import staff_view
from balai.core.halaman import halaman_dari

from . import selectors, services
from .forms import AlbumForm, FotoForm, UnggahFotoForm
from .kantor import PER_HALAMAN
from .models import Album, Foto


@staff_view("desa", izin="situs.kelola")
def album_daftar(request):
    qs = Album.objects.filter(desa=request.desa).select_related("sampul").order_by("-dibuat", "-pk")
    page = halaman_dari(qs, PER_HALAMAN, request.GET.get("halaman"))
    return render(request, "publikasi/kantor/album_daftar.html", {"page": page})


@staff_view("desa", izin="situs.kelola", model=Album)
def album_ubah(request, pk=None):
    album = get_object_or_404(Album, desa=request.desa, pk=pk) if pk else Album(desa=request.desa)
    form = AlbumForm(request.POST or None, instance=album)
    if request.method == "POST" and form.is_valid():
        try:
            services.simpan_album(desa=request.desa, actor=request.user, album=form.instance, request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Album “{album}” disimpan.")
            return redirect("publikasi_kantor:album_detail", pk=album.pk)
    return render(request, "publikasi/kantor/album_form.html", {"form": form, "album": album})


@staff_view("desa", izin="situs.kelola", model=Album)
def album_detail(request, pk):
    """The album's photos, and the upload of several photos at once."""
    album = get_object_or_404(Album, desa=request.desa, pk=pk)
    form = UnggahFotoForm(request.POST or None, request.FILES or None)
    ditolak = []
    if request.method == "POST" and form.is_valid():
        try:
            baru, ditolak = services.unggah_foto(
                desa=request.desa, actor=request.user, album=album, files=form.cleaned_data["foto"], request=request
            )
        except ValidationError as exc:
            form.add_error("foto", exc)
        else:
            if baru:
                messages.success(request, f"{len(baru)} foto ditambahkan ke album.")
            if not ditolak:
                return redirect("publikasi_kantor:album_detail", pk=album.pk)
    context = {"album": album, "form": form, "ditolak": ditolak, "fotos": selectors.foto_album(album=album)}
    return render(request, "publikasi/kantor/album_detail.html", context)


@staff_view("desa", izin="situs.kelola", model=Album)
def album_hapus(request, pk):
    album = get_object_or_404(Album, desa=request.desa, pk=pk)
    if request.method == "POST":
        services.hapus_album(desa=request.desa, actor=request.user, album=album, request=request)
        messages.success(request, f"Album “{album}” dan fotonya dihapus.")
        return redirect("publikasi_kantor:album_daftar")
    return render(
        request, "publikasi/kantor/hapus.html", {"instance": album, "modul": {"label": "album", "nama": "album"}}
    )


def _foto_post(request, pk):
    """The photo of this village (404 otherwise), or None with a 405 for non-POST requests."""
    foto = get_object_or_404(Foto.objects.select_related("album", "gambar"), desa=request.desa, pk=pk)
    return foto, (None if request.method == "POST" else HttpResponseNotAllowed(["POST"]))


@staff_view("desa", izin="situs.kelola", model=Foto)
def foto_ubah(request, pk):
    foto, refused = _foto_post(request, pk)
    if refused:
        return refused
    form = FotoForm(request.POST, instance=foto)
    if form.is_valid():
        services.ubah_foto(desa=request.desa, actor=request.user, foto=foto, request=request, **form.cleaned_data)
        messages.success(request, "Keterangan foto disimpan.")
    else:
        messages.error(request, "Keterangan foto tidak disimpan: " + " ".join(form.errors.get("urutan", [])))
    return redirect("publikasi_kantor:album_detail", pk=foto.album_id)


@staff_view("desa", izin="situs.kelola", model=Foto)
def foto_sampul(request, pk):
    foto, refused = _foto_post(request, pk)
    if refused:
        return refused
    services.jadikan_sampul(desa=request.desa, actor=request.user, foto=foto, request=request)
    messages.success(request, "Sampul album diganti.")
    return redirect("publikasi_kantor:album_detail", pk=foto.album_id)


@staff_view("desa", izin="situs.kelola", model=Foto)
def foto_hapus(request, pk):
    foto, refused = _foto_post(request, pk)
    if refused:
        return refused
    services.hapus_foto(desa=request.desa, actor=request.user, foto=foto, request=request)
    messages.success(request, "Foto dihapus.")
    return redirect("publikasi_kantor:album_detail", pk=foto.album_id)
