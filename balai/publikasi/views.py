"""Public pages on a village host: /agenda/, /pengumuman/, /galeri/, /unduhan/. Anonymous GETs
are cached per site version by sitecache.public_page; downloads are not (they are counted)."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from balai.akun.access import can_use_host, pending_step
from balai.core.halaman import halaman_dari
from balai.core.sitecache import expire_at, public_page
from balai.core.tenancy import DESA

from . import ics, selectors, services
from .models import Agenda, Album, Dokumen, Pengumuman

PER_HALAMAN = 12


def _desa(request):
    if request.tenant is None or request.tenant.kind != DESA:
        raise Http404
    return request.desa


def _pratinjau(request):
    """Whether the visitor is staff who manage this village's publications: they may open
    drafts, scheduled and expired items (never cached: public_page skips signed-in users)."""
    user = request.user
    if not can_use_host(user, request.tenant) or pending_step(request):
        return False
    return user.punya_izin("situs.kelola", "pengumuman.kelola", "dokumen.kelola")


@require_GET
@public_page(params=("halaman",))
def agenda(request):
    desa, now = _desa(request), timezone.now()
    expire_at(request, selectors.agenda_berubah_pada(desa=desa, now=now))
    lalu = halaman_dari(selectors.agenda_lalu(desa=desa, now=now), PER_HALAMAN, request.GET.get("halaman"))
    context = {"mendatang": selectors.agenda_mendatang(desa=desa, now=now)[:50], "lalu": lalu}
    return render(request, "publikasi/agenda.html", context)


@require_GET
@public_page
def agenda_detail(request, slug):
    desa = _desa(request)
    qs = Agenda.objects.filter(desa=desa) if _pratinjau(request) else selectors.agenda_terbit(desa=desa)
    return render(request, "publikasi/agenda_detail.html", {"agenda": get_object_or_404(qs, slug=slug)})


@require_GET
@public_page
def agenda_ics(request, slug):
    item = get_object_or_404(selectors.agenda_terbit(desa=_desa(request)), slug=slug)
    response = HttpResponse(ics.agenda_ics(item, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.ics"'
    return response


@require_GET
@public_page(params=("halaman",))
def pengumuman(request):
    desa, now = _desa(request), timezone.now()
    expire_at(request, selectors.pengumuman_berubah_pada(desa=desa, now=now))
    qs = selectors.pengumuman_aktif(desa=desa, now=now)
    page = halaman_dari(qs, PER_HALAMAN, request.GET.get("halaman"))
    return render(request, "publikasi/pengumuman.html", {"page": page})


@require_GET
@public_page
def pengumuman_detail(request, slug):
    desa = _desa(request)
    qs = Pengumuman.objects.filter(desa=desa) if _pratinjau(request) else selectors.pengumuman_aktif(desa=desa)
    item = get_object_or_404(qs, slug=slug)
    expire_at(request, item.berlaku_sampai)
    return render(request, "publikasi/pengumuman_detail.html", {"pengumuman": item})


@require_GET
@public_page(params=("halaman",))
def galeri(request):
    page = halaman_dari(selectors.album_list(desa=_desa(request)), PER_HALAMAN, request.GET.get("halaman"))
    return render(request, "publikasi/galeri.html", {"page": page})


@require_GET
@public_page
def album(request, slug):
    desa = _desa(request)
    qs = Album.objects.filter(desa=desa) if _pratinjau(request) else selectors.album_terbit(desa=desa)
    item = get_object_or_404(qs.select_related("sampul"), slug=slug)
    return render(request, "publikasi/album.html", {"album": item, "fotos": selectors.foto_album(album=item)})


@require_GET
@public_page
def foto(request, slug, pk):
    """One photo at full size with its caption and the way to the previous and next ones."""
    desa = _desa(request)
    qs = Album.objects.filter(desa=desa) if _pratinjau(request) else selectors.album_terbit(desa=desa)
    album = get_object_or_404(qs, slug=slug)
    item = get_object_or_404(selectors.foto_album(album=album), pk=pk)
    sebelum, sesudah = selectors.foto_tetangga(foto=item)
    context = {"album": album, "foto": item, "sebelum": sebelum, "sesudah": sesudah}
    return render(request, "publikasi/foto.html", context)


@require_GET
@public_page
def unduhan(request):
    return render(request, "publikasi/unduhan.html", {"kategori": selectors.dokumen_per_kategori(desa=_desa(request))})


@require_GET
def unduh(request, pk):
    """Hand out a document from the private storage: published ones to anyone (counted), and
    unpublished ones only to the staff who manage them (not counted). Always as an attachment
    with its real type, so the browser never renders it on the village's origin."""
    desa = _desa(request)
    pratinjau = _pratinjau(request)
    qs = Dokumen.objects.filter(desa=desa) if pratinjau else selectors.dokumen_terbit(desa=desa)
    dokumen = get_object_or_404(qs, pk=pk)
    try:
        berkas = dokumen.berkas.open("rb")
    except FileNotFoundError:
        raise Http404
    if dokumen.terbit:
        services.catat_unduhan(dokumen=dokumen)
    nama = f"{slugify(dokumen.judul)[:80] or 'dokumen'}.{dokumen.jenis}"
    response = FileResponse(berkas, as_attachment=True, filename=nama, content_type=dokumen.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response
