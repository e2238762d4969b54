from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.akun import services as akun_services
from balai.akun.access import per_host, staff_view
from balai.akun.models import PERAN_TINGKAT, Peran, User
from balai.core import dashboard
from balai.core.tenancy import KABUPATEN, KECAMATAN
from balai.wilayah import services as wilayah_services
from balai.wilayah.models import Desa, Kecamatan
from balai.wilayah.selectors import wilayah_counts

from . import selectors
from .forms import PERAN_DESA_CHOICES, OperatorKecamatanForm, PenggunaForm, PeranForm

# --- village back office -------------------------------------------------------------------


@staff_view("desa")
def desa_dasbor(request):
    context = {
        "wilayah": wilayah_counts(desa=request.desa),
        "log": selectors.audit_entries(desa=request.desa)[:10] if request.user.punya_izin("audit.lihat") else None,
        "jumlah_pengguna": User.objects.filter(desa=request.desa, is_active=True).count(),
        "widgets": dashboard.render_widgets(request),
    }
    return render(request, "panel/desa_dasbor.html", context)


@staff_view("desa", izin="desa.kelola")
def desa_pengguna(request):
    form = PenggunaForm(request.POST or None, peran_choices=PERAN_DESA_CHOICES)
    password = None
    if request.method == "POST" and form.is_valid():
        user, password = akun_services.buat_pengguna(
            actor=request.user, kabupaten=request.kabupaten, desa=request.desa, request=request, **form.cleaned_data
        )
        form = PenggunaForm(peran_choices=PERAN_DESA_CHOICES)
        messages.success(request, f"Akun {user.username} dibuat.")
    users = User.objects.filter(desa=request.desa).prefetch_related("keanggotaan").order_by("-is_active", "username")
    return render(
        request,
        "panel/pengguna.html",
        {
            "form": form,
            "users": users,
            "password_baru": password,
            "status_url": "panel:desa_pengguna_status",
            "peran_url": "panel:desa_pengguna_peran",
        },
    )


@staff_view("desa", izin="desa.kelola", model=User)
def desa_pengguna_status(request, pk):
    user = get_object_or_404(User, desa=request.desa, pk=pk)
    return _toggle_user(request, user)


@staff_view("desa", izin="desa.kelola", model=User)
def desa_pengguna_peran(request, pk):
    return _atur_peran(request, get_object_or_404(User, desa=request.desa, pk=pk))


def _atur_peran(request, user):
    """Give an account the roles ticked in the form (POST only; the lookup comes first so others'
    ids are 404)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PeranForm(request.POST, peran_choices=[p for p in Peran if p in PERAN_TINGKAT[user.tingkat]])
    if user == request.user:
        messages.error(request, "Peran akun Anda sendiri tidak dapat diubah dari sini.")
    elif not form.is_valid():
        messages.error(request, f"Peran {user.username} tidak diubah: pilih minimal satu peran.")
    else:
        akun_services.atur_peran(actor=request.user, user=user, peran=form.cleaned_data["peran"], request=request)
        messages.success(request, f"Peran {user.username} sekarang: {user.nama_peran}.")
    if request.tenant.kind == "desa":
        return redirect("panel:desa_pengguna")
    if user.desa_id:
        return redirect("panel:kab_desa_detail", pk=user.desa_id)
    return redirect("panel:kab_pengguna")


def _toggle_user(request, user):
    """Switch an account on or off (POST only; the lookup comes first so others' ids are 404)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if user == request.user:
        messages.error(request, "Anda tidak dapat menonaktifkan akun Anda sendiri.")
    else:
        akun_services.set_user_active(actor=request.user, user=user, aktif=not user.is_active, request=request)
        messages.success(request, f"Akun {user.username} {'diaktifkan' if user.is_active else 'dinonaktifkan'}.")
    back = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(back)
    if request.tenant.kind == "desa":
        return redirect("panel:desa_pengguna")
    if user.desa_id:
        return redirect("panel:kab_desa_detail", pk=user.desa_id)
    return redirect("panel:kab_pengguna")


@staff_view("desa", izin="audit.lihat")
def desa_log(request):
    entries = selectors.audit_entries(desa=request.desa, action=request.GET.get("tindakan", ""))
    return render(request, "panel/log.html", {"entries": entries})


# --- kecamatan and kabupaten ---------------------------------------------------------------


def _punya_2fa():
    return Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def kecamatan_dasbor(request):
    villages = selectors.village_rows(
        selectors.desa_directory(kabupaten=request.kabupaten, kecamatan=request.kecamatan)
    )
    return render(
        request, "panel/kecamatan_dasbor.html", {"villages": villages, "widgets": dashboard.render_widgets(request)}
    )


@staff_view(KECAMATAN, izin="kecamatan.pantau")
def kecamatan_log(request):
    entries = selectors.audit_entries(kecamatan=request.kecamatan, action=request.GET.get("tindakan", ""))
    return render(request, "panel/log.html", {"entries": entries, "show_desa": True})


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kabupaten_dasbor(request):
    context = {
        "summary": selectors.kabupaten_summary(kabupaten=request.kabupaten),
        "per_kecamatan": selectors.per_kecamatan(kabupaten=request.kabupaten),
        "widgets": dashboard.render_widgets(request),
    }
    return render(request, "panel/kabupaten_dasbor.html", context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_desa(request):
    kecamatan = Kecamatan.objects.filter(kabupaten=request.kabupaten, slug=request.GET.get("kecamatan", "")).first()
    qs = selectors.desa_directory(kabupaten=request.kabupaten, kecamatan=kecamatan, q=request.GET.get("q", "").strip())
    page = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    page.object_list = selectors.village_rows(page.object_list)
    context = {
        "page": page,
        "kecamatan_list": Kecamatan.objects.filter(kabupaten=request.kabupaten),
        "kecamatan": kecamatan,
        "q": request.GET.get("q", ""),
    }
    partial = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    template = "panel/partials/desa_rows.html" if partial else "panel/kab_desa.html"
    return render(request, template, context)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
@require_POST
def kab_desa_aktif(request, pk):
    desa = get_object_or_404(Desa, kecamatan__kabupaten=request.kabupaten, pk=pk)
    wilayah_services.set_desa_aktif(desa=desa, actor=request.user, aktif=not desa.aktif, request=request)
    if request.htmx:
        return render(request, "panel/partials/desa_aktif.html", {"d": desa})
    messages.success(request, f"{desa} {'diaktifkan' if desa.aktif else 'dinonaktifkan'}.")
    return redirect("panel:kab_desa_detail", pk=desa.pk)


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_desa_detail(request, pk):
    desa = get_object_or_404(Desa.objects.select_related("kecamatan"), kecamatan__kabupaten=request.kabupaten, pk=pk)
    form = PenggunaForm(request.POST or None, peran_choices=PERAN_DESA_CHOICES)
    password = None
    if request.method == "POST" and form.is_valid():
        user, password = akun_services.buat_pengguna(
            actor=request.user, kabupaten=request.kabupaten, desa=desa, request=request, **form.cleaned_data
        )
        form = PenggunaForm(peran_choices=PERAN_DESA_CHOICES)
        messages.success(request, f"Akun {user.username} untuk {desa} dibuat.")
    users = (
        User.objects.filter(desa=desa)
        .prefetch_related("keanggotaan")
        .annotate(punya_2fa=_punya_2fa())
        .order_by("-is_active", "username")
    )
    return render(
        request,
        "panel/kab_desa_detail.html",
        {
            "desa": desa,
            "form": form,
            "users": users,
            "password_baru": password,
            "status_url": "panel:kab_pengguna_status",
            "peran_url": "panel:kab_pengguna_peran",
        },
    )


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_pengguna(request):
    form = OperatorKecamatanForm(request.POST or None, kabupaten=request.kabupaten)
    password = None
    if request.method == "POST" and form.is_valid():
        user, password = akun_services.buat_pengguna(
            actor=request.user, kabupaten=request.kabupaten, request=request, **form.cleaned_data
        )
        form = OperatorKecamatanForm(kabupaten=request.kabupaten)
        messages.success(request, f"Akun {user.username} dibuat.")
    qs = (
        User.objects.filter(kabupaten=request.kabupaten)
        .select_related("desa", "kecamatan")
        .prefetch_related("keanggotaan")
        .annotate(punya_2fa=_punya_2fa())
        .order_by("desa__nama", "kecamatan__nama", "username")
    )
    page = Paginator(qs, 100).get_page(request.GET.get("halaman"))
    return render(
        request,
        "panel/kab_pengguna.html",
        {
            "form": form,
            "page": page,
            "password_baru": password,
            "status_url": "panel:kab_pengguna_status",
            "peran_url": "panel:kab_pengguna_peran",
        },
    )


@staff_view(KABUPATEN, izin="kabupaten.kelola")
@require_POST
def kab_pengguna_2fa(request, pk):
    """Give an account with a lost authenticator a fresh start (never one's own)."""
    user = get_object_or_404(User, kabupaten=request.kabupaten, pk=pk)
    if user == request.user:
        messages.error(request, "Verifikasi dua langkah akun Anda sendiri tidak dapat direset dari sini.")
    else:
        akun_services.reset_2fa(actor=request.user, user=user, request=request)
        messages.success(request, f"Verifikasi dua langkah {user.username} direset; atur ulang saat masuk berikutnya.")
    if user.desa_id:
        return redirect("panel:kab_desa_detail", pk=user.desa_id)
    return redirect("panel:kab_pengguna")


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_pengguna_status(request, pk):
    return _toggle_user(request, get_object_or_404(User, kabupaten=request.kabupaten, pk=pk))


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kab_pengguna_peran(request, pk):
    return _atur_peran(request, get_object_or_404(User, kabupaten=request.kabupaten, pk=pk))


@staff_view(KABUPATEN, izin="kabupaten.kelola")
def kabupaten_log(request):
    entries = selectors.audit_entries(kabupaten_wide=True, action=request.GET.get("tindakan", ""))
    return render(request, "panel/log.html", {"entries": entries, "show_desa": True})


dasbor = per_host(kecamatan=kecamatan_dasbor, kabupaten=kabupaten_dasbor)
log = per_host(kecamatan=kecamatan_log, kabupaten=kabupaten_log)
