"""Letters from Layanan Mandiri: a resident asks for a letter for themselves or a member of
their own KK, follows it, downloads the finished PDF and writes to the office about it. The
letters themselves belong to balai.surat; this module only calls its API."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from balai.penduduk.kode import HIDUP
from balai.penduduk.models import Penduduk
from balai.surat import selectors as surat_selectors
from balai.surat import services as surat_services
from balai.surat.forms import IsianSuratForm, KontakForm, PesanForm
from balai.surat.katalog import JENIS
from balai.surat.models import Surat

from . import selectors
from .access import warga, warga_view
from .forms import UntukForm

DI_LUAR_KK = "Surat hanya dapat diminta untuk diri sendiri atau anggota KK Anda."
# What one account may send in an hour: enough for a family's errands, not for a flood.
PERMOHONAN_PER_JAM = 10
PESAN_PER_JAM = 30


def _boleh(akun, jenis, batas):
    """Count one more request or message of `jenis` for this account in the current hour."""
    key = f"mandiri:{jenis}:{akun.pk}"
    cache.add(key, 0, 3600)
    try:
        return cache.incr(key) <= batas
    except ValueError:
        cache.set(key, 1, 3600)
        return True


def surat_saya(request, akun):
    """The letters for or asked by the signed-in resident, newest first."""
    return surat_selectors.surat_untuk_warga(request.desa, [akun.penduduk_id])


def _surat(request, pk):
    """One of the resident's letters; 404 for anyone else's, another village's included."""
    surat = surat_saya(request, warga(request)).filter(pk=pk).first()
    if surat is None:
        raise Http404
    return surat


@warga_view
def daftar(request):
    akun = warga(request)
    context = {"akun": akun, "surat_list": list(surat_saya(request, akun)[:50])}
    return render(request, "mandiri/surat_daftar.html", context)


@warga_view
def pilih_jenis(request):
    akun = warga(request)
    context = {"akun": akun, "jenis_list": surat_selectors.jenis_untuk_warga(request.desa)}
    return render(request, "mandiri/surat_jenis.html", context)


def _jenis(request, kode):
    jenis = JENIS.get(kode)
    if jenis is None or jenis not in surat_selectors.jenis_untuk_warga(request.desa):
        raise Http404
    return jenis


@warga_view
def ajukan(request, kode):
    akun = warga(request)
    jenis = _jenis(request, kode)
    anggota = selectors.anggota_keluarga(akun=akun)
    post = request.method == "POST"
    untuk = UntukForm(request.POST if post else None, anggota=anggota, initial={"untuk": akun.penduduk_id})
    isian = IsianSuratForm(jenis, request.POST if post else None, request.FILES if post else None)
    kontak = KontakForm(request.POST if post else None)
    if post and all([untuk.is_valid(), isian.is_valid(), kontak.is_valid()]):
        surat = _ajukan(request, akun, jenis, untuk, isian, kontak)
        if surat is not None:
            messages.success(request, "Permohonan terkirim. Kantor desa akan memeriksanya; statusnya tampil di sini.")
            return redirect("mandiri:surat_detail", pk=surat.pk)
    context = {"akun": akun, "jenis": jenis, "untuk": untuk, "isian": isian, "kontak": kontak}
    return render(request, "mandiri/surat_ajukan.html", context)


def _ajukan(request, akun, jenis, untuk, isian, kontak):
    """The request through balai.surat, or None with the reasons put on the forms."""
    penduduk = Penduduk.objects.filter(desa=request.desa, pk=untuk.cleaned_data["untuk"], status_dasar=HIDUP).first()
    if penduduk is None:
        untuk.add_error("untuk", DI_LUAR_KK)
        return None
    if not _boleh(akun, "permohonan", PERMOHONAN_PER_JAM):
        untuk.add_error(None, "Terlalu banyak permohonan dalam satu jam. Coba lagi nanti.")
        return None
    try:
        return surat_services.ajukan_permohonan(
            desa=request.desa, jenis=jenis, penduduk=penduduk, pemohon=akun.penduduk, isian=isian.isian(),
            lampiran=isian.lampiran(), kanal=Surat.Kanal.MANDIRI, telepon=kontak.cleaned_data["telepon"],
            email=kontak.cleaned_data["email"], request=request,
        )  # fmt: skip
    except ValidationError as exc:
        _ke_form(exc, untuk, isian)
        return None


def _ke_form(exc, untuk, isian):
    """A service's ValidationError onto the fields it names (attachments by their name)."""
    if not hasattr(exc, "error_dict"):
        untuk.add_error(None, exc)
        return
    by_nama = {nama: key for key, nama in isian.nama_lampiran.items()}
    for field, errors in exc.message_dict.items():
        target = by_nama.get(field, field)
        for error in errors:
            if target in isian.fields:
                isian.add_error(target, error)
            else:
                untuk.add_error(None, error)


@warga_view
def detail(request, pk):
    akun = warga(request)
    surat = _surat(request, pk)
    context = {
        "akun": akun,
        "surat": surat,
        "pesan_list": list(surat_selectors.pesan(surat)),
        "siap": surat.status in Surat.TERBIT,
        "form": PesanForm(),
    }
    return render(request, "mandiri/surat_detail.html", context)


@warga_view
def unduh(request, pk):
    surat = _surat(request, pk)
    berkas = surat_selectors.berkas_pdf(surat)
    if not berkas:
        raise Http404
    nama = f"{surat.jenis}-{(surat.nomor_lengkap or str(surat.pk)).replace('/', '-')}.pdf"
    return FileResponse(berkas.open("rb"), content_type="application/pdf", as_attachment=True, filename=nama)


@warga_view
def kirim_pesan(request, pk):
    akun = warga(request)
    surat = _surat(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PesanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pesan kosong atau terlalu panjang (paling banyak 2.000 karakter).")
    elif not _boleh(akun, "pesan", PESAN_PER_JAM):
        messages.error(request, "Terlalu banyak pesan dalam satu jam. Coba lagi nanti.")
    else:
        surat_services.kirim_pesan(
            surat=surat, teks=form.cleaned_data["teks"], dari_warga=True, pengirim=akun.penduduk.nama, request=request
        )
        messages.success(request, "Pesan terkirim ke kantor desa.")
    return redirect("mandiri:surat_detail", pk=surat.pk)
