"""Public pages of a village site. Anonymous GETs are cached per site version (public_page)."""

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse

from balai.core import dashboard
from balai.core.audit import client_ip
from balai.core.halaman import halaman_dari, nomor_halaman
from balai.core.sitecache import public_page
from balai.core.tenancy import DESA, absolute_url, request_origin
from balai.wilayah.selectors import jumlah_wilayah, pohon_wilayah

from .. import selectors
from ..forms import KomentarForm
from ..models import Halaman, Kategori, Tag
from ..services import kirim_komentar
from ..services.komentar import KomentarDibatasi


def desa_site(view):
    """Only on a village host; elsewhere the path does not exist."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.tenant is None or request.tenant.kind != DESA:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def desa_beranda(request):
    desa = request.desa
    context = {
        **selectors.beranda(desa=desa),
        "situs": selectors.pengaturan_request(request),
        "wilayah": jumlah_wilayah(desa=desa),
        "widgets": dashboard.render_widgets(request, area="beranda-desa"),
    }
    return render(request, "website/desa_beranda.html", context)


def desa_cari(request, q):
    """The village's own search (/cari/ on a village host, routed by portal.cari): every kind of
    public content the modules declare as SearchSources. Without ?jenis= the first few matches of
    each kind with their counts; with it, that kind alone, paged."""
    kelompok = selectors.cari_situs(desa=request.desa, q=q)
    jenis = request.GET.get("jenis", "")
    pilihan = next((k for k in kelompok if k["sumber"].key == jenis), None)
    page = None
    if pilihan is not None:
        paginator = Paginator(pilihan["qs"], selectors.PER_HALAMAN)
        paginator.count = pilihan["jumlah"]  # counted already
        page = paginator.get_page(nomor_halaman(request.GET.get("halaman")))
    else:
        jenis = ""
        for k in kelompok:
            k["hasil"] = list(k["qs"][: selectors.PER_SUMBER]) if k["jumlah"] else []
    context = {
        "q": q,
        "jenis": jenis,
        "pilihan": pilihan,
        "kelompok": kelompok,
        "jumlah": sum(k["jumlah"] for k in kelompok),
        "page": page,
    }
    return render(request, "website/cari_desa.html", context)


@public_page(params=("q", "kategori", "tag", "halaman"))
@desa_site
def artikel_list(request):
    desa, kategori, tag = request.desa, None, None
    if request.GET.get("kategori"):
        kategori = get_object_or_404(Kategori, desa=desa, slug=request.GET["kategori"])
    if request.GET.get("tag"):
        tag = get_object_or_404(Tag, desa=desa, slug=request.GET["tag"])
    q = request.GET.get("q", "")
    qs = selectors.daftar_artikel(desa=desa, q=q, kategori=kategori, tag=tag)
    page = halaman_dari(qs, selectors.PER_HALAMAN, request.GET.get("halaman"))
    context = {"page": page, "q": q, "kategori": kategori, "tag": tag, "kategori_list": Kategori.objects.all()}
    return render(request, "website/artikel_list.html", context)


@public_page
@desa_site
def artikel_detail(request, slug):
    data = selectors.artikel_detail(desa=request.desa, slug=slug)
    if data is None:
        raise Http404
    data["komentar_aktif"] = selectors.pengaturan_request(request).komentar_aktif
    return render(request, "website/artikel_detail.html", data)


@desa_site
def komentar_kirim(request, slug):
    """The comment form (GET: its own page, or a fragment for htmx) and its submission (POST).
    Kept apart from the cached article page because it carries a CSRF token."""
    data = selectors.artikel_detail(desa=request.desa, slug=slug)
    situs = selectors.pengaturan_request(request)
    if data is None or not situs.komentar_aktif:
        raise Http404
    form = KomentarForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.dari_robot:  # answer as if accepted; store nothing
            return _komentar_diterima(request, slug, held=True)
        try:
            komentar = kirim_komentar(
                artikel=data["artikel"],
                nama=form.cleaned_data["nama"],
                isi=form.cleaned_data["isi"],
                ip=client_ip(request),
                otomatis=situs.komentar_otomatis,
            )
        except KomentarDibatasi as exc:
            return HttpResponse(exc.messages[0], status=429, content_type="text/plain; charset=utf-8")
        return _komentar_diterima(request, slug, held=bool(komentar.alasan))
    status = 400 if request.method == "POST" else 200
    context = {"artikel": data["artikel"], "form": form}
    if request.htmx and request.method == "GET" and not request.htmx.history_restore_request:
        return render(request, "website/partials/komentar_form.html", context)
    return render(request, "website/komentar.html", context, status=status)


def _komentar_diterima(request, slug, held):
    text = "Terima kasih. Komentar Anda akan tampil setelah diperiksa petugas." if held else "Komentar Anda tampil."
    messages.success(request, text)
    return redirect(reverse("website:artikel_detail", args=[slug]) + "#komentar")


@public_page
@desa_site
def halaman(request, slug):
    obj = get_object_or_404(Halaman, desa=request.desa, slug=slug, terbit=True)
    return render(request, "website/halaman.html", {"halaman": obj})


@public_page
@desa_site
def pemerintahan(request):
    return render(request, "website/pemerintahan.html", {"perangkat": selectors.perangkat_list(desa=request.desa)})


@public_page
@desa_site
def wilayah(request):
    context = {"dusun_list": pohon_wilayah(desa=request.desa), **jumlah_wilayah(desa=request.desa)}
    return render(request, "website/wilayah.html", context)


@public_page
@desa_site
def kontak(request):
    return render(request, "website/kontak.html")


@public_page
@desa_site
def tema_css(request):
    warna = selectors.pengaturan_request(request).warna_tema
    css = f":root {{ --accent: {warna}; --accent-dark: {_darker(warna)}; }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


def _darker(hex_colour, factor=0.8):
    """The theme colour darkened for links and hover states (the colour was validated as #rrggbb)."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c * factor):02x}" for c in rgb)


def favicon(request):
    """/favicon.ico on every host (browsers and feed readers ask for it whatever the page says):
    the village's logo, or Balai's icon."""
    logo = None
    if request.tenant is not None and request.tenant.kind == DESA:
        logo = selectors.pengaturan_request(request).logo
    response = HttpResponseRedirect(logo.thumb_url if logo else static("balai/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


@public_page
@desa_site
def sitemap(request):
    context = {"entries": selectors.sitemap_entries(desa=request.desa), "base": request_origin(request)}
    return render(request, "website/sitemap.xml", context, content_type="application/xml; charset=utf-8")


@public_page
def robots(request):
    lines = ["User-agent: *", "Disallow: /admin-desa/", "Disallow: /dasbor/", "Disallow: /masuk/", "Allow: /"]
    if request.tenant.kind == DESA:
        lines.append(f"Sitemap: {absolute_url(request, '/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
