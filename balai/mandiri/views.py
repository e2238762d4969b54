"""The residents' pages under /mandiri/ on a village host."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from balai.core.tenancy import DESA
from balai.penduduk.models import Penduduk

from . import pembatas, selectors, services
from .access import SESI, keluarkan, masuk_sebelumnya, masukkan, simpan_sesi, warga, warga_view
from .forms import GantiPinForm, MasukForm
from .permohonan import surat_saya

PESAN_GAGAL = "NIK atau PIN salah."
PESAN_TERKUNCI = (
    "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {menit} menit, "
    "atau minta PIN baru di kantor desa dengan membawa KTP."
)


def _tujuan(request):
    """`next` when it is a Layanan Mandiri page of this host, else the home page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if ok and target.startswith("/mandiri/") else "mandiri:beranda"


@never_cache
def masuk(request):
    if request.tenant is None or request.tenant.kind != DESA:
        raise Http404
    if warga(request) is not None:
        return redirect("mandiri:beranda")
    form = MasukForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            akun = services.masuk(
                desa=request.desa, nik=form.cleaned_data["nik"], kode=form.cleaned_data["pin"], request=request
            )
        except services.Terkunci:
            form.add_error(None, PESAN_TERKUNCI.format(menit=pembatas.jendela_detik() // 60))
            status = 429
        else:
            if akun is not None:
                masukkan(request, akun)
                return redirect(_tujuan(request))
            form.add_error(None, PESAN_GAGAL)
    context = {"form": form, "next": request.GET.get("next", ""), "petugas": request.user.is_authenticated}
    return render(request, "mandiri/masuk.html", context, status=status)


@require_POST
def keluar(request):
    if request.tenant is None or request.tenant.kind != DESA:
        raise Http404
    if warga(request) is not None or (SESI in request.session and not request.user.is_authenticated):
        keluarkan(request)  # a resident's session only; a staff login signs out at /keluar/
        messages.info(request, "Anda sudah keluar dari Layanan Mandiri.")
    return redirect("mandiri:masuk")


def _sapaan():
    jam = timezone.localtime().hour
    if jam < 11:
        return "Selamat pagi"
    if jam < 15:
        return "Selamat siang"
    if jam < 18:
        return "Selamat sore"
    return "Selamat malam"


@warga_view
def beranda(request):
    akun = warga(request)
    context = {
        "akun": akun,
        "sapaan": _sapaan(),
        "surat_list": list(surat_saya(request, akun)[:5]),
        "masuk_sebelumnya": masuk_sebelumnya(request),
    }
    return render(request, "mandiri/beranda.html", context)


@warga_view
def data_saya(request):
    akun = warga(request)
    orang = Penduduk.objects.select_related("dusun", "rw", "rt", "keluarga").get(desa=request.desa, pk=akun.penduduk_id)
    return render(request, "mandiri/data.html", {"orang": orang, "akun": akun})


@warga_view
def keluarga(request):
    akun = warga(request)
    return render(request, "mandiri/keluarga.html", {"anggota": selectors.anggota_keluarga(akun=akun), "akun": akun})


@never_cache
@warga_view(boleh_wajib_ganti=True)
def ganti_pin(request):
    akun = warga(request)
    form = GantiPinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            akun = services.ganti_pin(
                akun=akun, pin_lama=form.cleaned_data["pin_lama"], pin_baru=form.cleaned_data["pin_baru"],
                request=request,
            )  # fmt: skip
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field, error)
        else:
            # Other sessions of this account end (their version is older); this one goes on
            # under a new key.
            request.session.cycle_key()
            simpan_sesi(request, akun)
            messages.success(request, "PIN berhasil diganti. Ingat PIN baru Anda dan jangan beri tahu siapa pun.")
            return redirect("mandiri:beranda")
    return render(request, "mandiri/ganti_pin.html", {"form": form, "akun": akun})
