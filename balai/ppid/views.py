"""Public PPID pages on a village host, under /ppid/. The profile and the DIP are cached for
anonymous visitors (sitecache.public_page); the forms and the status page are not (they carry
a CSRF token or a requester's token), and say so to every cache."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from balai.core.sitecache import expire_at, public_page
from balai.core.tenancy import DESA
from balai.publikasi.models import CONTENT_TYPES
from balai.publikasi.selectors import pengumuman_berubah_pada

from . import selectors, services
from . import tenggat as tg
from .choices import KATEGORI_PENJELASAN, Kategori
from .forms import KeberatanForm, PermohonanForm
from .models import Keberatan, Permohonan
from .pembatas import boleh_kirim


def _desa(request):
    if request.tenant is None or request.tenant.kind != DESA:
        raise Http404
    return request.desa


def _pribadi(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
@public_page
def profil(request):
    desa = _desa(request)
    context = {
        "hari_jawab": tg.HARI_JAWAB,
        "hari_perpanjangan": tg.HARI_PERPANJANGAN,
        "hari_keberatan": tg.HARI_KEBERATAN,
        "hari_atasan": tg.HARI_TANGGAPAN_ATASAN,
        "kategori": [(k.label, KATEGORI_PENJELASAN[k]) for k in Kategori],
        "desa": desa,
    }
    return render(request, "ppid/profil.html", context)


@require_GET
@public_page(params=("kategori", "q"))
def informasi(request):
    desa = _desa(request)
    kategori = request.GET.get("kategori", "")
    if kategori not in Kategori.values:
        kategori = ""
    q = request.GET.get("q", "").strip()[:100]
    # Announcements listed here drop out when they expire: the cached page ends then.
    expire_at(request, pengumuman_berubah_pada(desa=desa))
    context = {
        "kelompok": selectors.dip_publik(desa=desa, kategori=kategori or None, q=q),
        "kategori_pilihan": Kategori.choices,
        "kategori": kategori,
        "q": q,
    }
    return render(request, "ppid/informasi.html", context)


@require_GET
@public_page
def informasi_detail(request, pk):
    item = get_object_or_404(selectors.informasi_terbit(desa=_desa(request)), pk=pk)
    return render(request, "ppid/informasi_detail.html", {"item": item})


@require_GET
def informasi_unduh(request, pk):
    """Hand out a published entry's file from the private storage, as an attachment with its
    real type (never rendered on the village's origin)."""
    item = get_object_or_404(selectors.informasi_terbit(desa=_desa(request)).exclude(berkas=""), pk=pk)
    if item.dikecualikan:
        raise Http404
    try:
        berkas = item.berkas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    nama = f"{slugify(item.judul)[:80] or 'informasi'}.{item.jenis_berkas}"
    content_type = CONTENT_TYPES.get(item.jenis_berkas, "application/octet-stream")
    response = FileResponse(berkas, as_attachment=True, filename=nama, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _terlalu_sering(request):
    messages.error(request, "Terlalu banyak pengiriman dari alamat Anda dalam satu jam. Coba lagi nanti.")


@require_http_methods(["GET", "HEAD", "POST"])
def permohonan(request, initial=None):
    """The public request form. `initial`: a plain dict of the requester's fields (Layanan
    Mandiri fills it in for a signed-in resident)."""
    desa = _desa(request)
    form = PermohonanForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not boleh_kirim(request, "permohonan"):
            _terlalu_sering(request)
            status = 429
        elif form.robot():
            form.add_error(None, "Permohonan tidak dapat diterima.")
            status = 400
        elif form.is_valid():
            try:
                item = services.ajukan_permohonan(
                    desa=desa,
                    data=form.data_pemohon(),
                    berkas_identitas=form.cleaned_data["berkas_identitas"],
                    request=request,
                )
            except ValidationError as exc:
                _tempel_galat(form, exc)
            else:
                messages.success(
                    request,
                    f"Permohonan Anda diterima dengan nomor {item.nomor}. Simpan alamat halaman ini untuk "
                    "melihat statusnya.",
                )
                return redirect("ppid:status", token=item.token)
    response = render(request, "ppid/permohonan.html", {"form": form}, status=status)
    return _pribadi(response)


def _tempel_galat(form, exc):
    """A service's ValidationError on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error("berkas_identitas" if "berkas_identitas" in form.fields and _soal_berkas(exc) else None, exc)


def _soal_berkas(exc):
    return any("erkas" in m or "PDF" in m or "foto" in m for m in exc.messages)


@require_GET
def status(request, token):
    """Status and dates of a request and its objection: never the requester's personal data."""
    desa = _desa(request)
    item = get_object_or_404(Permohonan.objects.filter(desa=desa), token=token)
    keberatan = Keberatan.objects.filter(desa=desa, permohonan=item).first()
    mulai, akhir = tg.jendela_keberatan(
        jawaban_tanggal=item.jawaban_tanggal, tenggat=item.tenggat, hari=timezone.localdate()
    )
    context = {
        "item": item,
        "keberatan": keberatan,
        "bisa_keberatan": keberatan is None and mulai is not None and timezone.localdate() <= akhir,
        "batas_keberatan": akhir,
    }
    return _pribadi(render(request, "ppid/status.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def keberatan(request):
    """The public objection form, keyed by the request's number and its access code. A wrong
    pair, or another village's, answers the same way."""
    desa = _desa(request)
    awal = {k: request.GET.get(k, "")[:40] for k in ("nomor", "kode") if request.GET.get(k)}
    form = KeberatanForm(request.POST or None, initial=awal)
    status_code = 200
    if request.method == "POST":
        if not boleh_kirim(request, "keberatan"):
            _terlalu_sering(request)
            status_code = 429
        elif form.robot():
            form.add_error(None, "Keberatan tidak dapat diterima.")
            status_code = 400
        elif form.is_valid():
            item = Permohonan.objects.filter(
                desa=desa, nomor=form.cleaned_data["nomor"].strip(), token=form.cleaned_data["kode"].strip()
            ).first()
            if item is None:
                form.add_error("nomor", "Nomor registrasi dan kode akses tidak cocok dengan permohonan di desa ini.")
            else:
                try:
                    baru = services.ajukan_keberatan(
                        desa=desa,
                        permohonan=item,
                        alasan=form.cleaned_data["alasan"],
                        uraian=form.cleaned_data["uraian"],
                        request=request,
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, f"Keberatan Anda diterima dengan nomor {baru.nomor}.")
                    return redirect("ppid:status", token=item.token)
    return _pribadi(render(request, "ppid/keberatan.html", {"form": form}, status=status_code))
