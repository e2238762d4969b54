import base64
import hashlib
from functools import wraps
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.core import dashboard
from balai.core.audit import client_ip
from balai.core.tenancy import DESA, request_origin

from . import services
from .forms import LoginForm, TokenForm


def home_for(request):
    """Where a signed-in person lands on this host."""
    if request.tenant and request.tenant.kind == DESA:
        return reverse("panel:desa_dasbor")
    return reverse("panel:dasbor")


def _safe_next(request):
    """The `next` parameter when it points to this very host, else None."""
    target = request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if ok else None


def second_factor_done(view):
    """For account pages reachable before the back office: someone who has an authenticator
    must have used it in this session first, so a password alone cannot replace the
    authenticator or the password."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user_has_device(user, confirmed=True) and not user.is_verified():
            return redirect(reverse("akun:verifikasi") + "?" + urlencode({"next": request.get_full_path()}))
        return view(request, *args, **kwargs)

    return wrapped


class MasukView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "akun/masuk.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_for(self.request)


class KeluarView(auth_views.LogoutView):
    next_page = "/"


@never_cache
@login_required
def verifikasi(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None or request.user.is_verified():
        return redirect(home_for(request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_safe_next(request) or home_for(request))
    return render(request, "akun/verifikasi.html", {"form": form})


SESI_TAUTAN_2FA = "akun_tautan_2fa"


@never_cache
def tautan_2fa(request, token):
    """An enrolment link from the kabupaten: once its owner has signed in here, it opens the
    set-up of a first authenticator in this session."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    tautan = services.tautan_2fa_berlaku(user=request.user, token=token)
    if tautan is None:
        # The same answer for an unknown, used, expired or someone else's link.
        return render(request, "akun/tautan_2fa_tidak_berlaku.html", status=404)
    if user_has_device(request.user, confirmed=True):
        messages.info(request, "Verifikasi dua langkah akun Anda sudah aktif; tautan ini tidak diperlukan.")
        return redirect(home_for(request))
    services.mulai_pendaftaran_2fa(user=request.user)
    request.session[SESI_TAUTAN_2FA] = tautan.pk
    return redirect("akun:atur_2fa")


@never_cache
@login_required
@second_factor_done
def atur_2fa(request):
    """Set up TOTP: show the secret as a QR code and confirm it with one valid code. A first
    authenticator needs the enrolment link opened in this session; replacing one needs the
    current one (second_factor_done)."""
    tautan = None
    if not user_has_device(request.user, confirmed=True):
        tautan = services.tautan_2fa_berlaku(user=request.user, pk=request.session.get(SESI_TAUTAN_2FA))
        if tautan is None:
            context = {"wajib": request.user.wajib_2fa}
            return render(request, "akun/perlu_tautan_2fa.html", context, status=403)
    device = services.pending_totp_device(request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        services.confirm_totp_device(user=request.user, device=device, tautan=tautan, request=request)
        request.session.pop(SESI_TAUTAN_2FA, None)
        otp_login(request, device)
        messages.success(request, "Verifikasi dua langkah aktif. Simpan aplikasi autentikator Anda baik-baik.")
        return redirect(home_for(request))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1f2937")
    context = {
        "form": form,
        "qr_svg": mark_safe(qr_svg),  # generated by segno from our own key, never user input
        "secret": base64.b32encode(device.bin_key).decode(),
        "wajib": request.user.wajib_2fa,
    }
    return render(request, "akun/atur_2fa.html", context)


@method_decorator([never_cache, second_factor_done], name="dispatch")
class GantiSandiView(auth_views.PasswordChangeView):
    template_name = "akun/ganti_sandi.html"

    def get_context_data(self, **kwargs):
        # Other modules' account settings (Widgets of area "akun"), each checking its permission.
        return super().get_context_data(**kwargs) | {"widgets": dashboard.render_widgets(self.request, area="akun")}

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=self.request.user, request=self.request)
        messages.success(self.request, "Kata sandi berhasil diganti.")
        return response

    def get_success_url(self):
        return home_for(self.request)


# Reset mails per hour: to one address, and asked for from one client address.
RESET_PER_EMAIL, RESET_PER_IP, RESET_WINDOW = 3, 10, 3600


def _reset_allowed(request, email):
    """Count a reset request; False once the address or the client asked too often (the cache
    keeps only hashes, and the page answers the same either way)."""
    keys = [
        ("email", hashlib.sha256(email.strip().lower().encode()).hexdigest(), RESET_PER_EMAIL),
        ("ip", hashlib.sha256(str(client_ip(request)).encode()).hexdigest(), RESET_PER_IP),
    ]
    allowed = True
    for kind, digest, limit in keys:
        key = f"akun:reset:{kind}:{digest}"
        cache.add(key, 0, RESET_WINDOW)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, RESET_WINDOW)
            count = 1
        allowed = allowed and count <= limit
    return allowed


class LupaSandiView(auth_views.PasswordResetView):
    template_name = "akun/lupa_sandi.html"
    email_template_name = "akun/email_reset_sandi.txt"
    subject_template_name = "akun/email_reset_sandi_subjek.txt"
    success_url = reverse_lazy("akun:lupa_sandi_terkirim")

    def form_valid(self, form):
        if not _reset_allowed(self.request, form.cleaned_data["email"]):
            return redirect(self.get_success_url())
        # The link's scheme, host and port come from settings and the tenant, never from the
        # Host header (which an attacker can set to a port or proxy of their own).
        self.extra_email_context = {"alamat_situs": request_origin(self.request)}
        return super().form_valid(form)


class ResetSandiView(auth_views.PasswordResetConfirmView):
    template_name = "akun/reset_sandi.html"
    success_url = reverse_lazy("akun:reset_sandi_selesai")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user, request=self.request)
        return response
