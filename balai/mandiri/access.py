"""Who is signed in to Layanan Mandiri, and the one decorator that guards its pages.

A resident's session is not a staff login: it is one key in the session
(`SESI`: account, village, session version), never `request.user`, so no back office ever
opens for it. A session that holds a staff login is never a resident's. Other services that
residents use after signing in here (lapak sellers) guard their pages with `warga_view` and
ask `warga(request)` for the resident."""

from datetime import datetime
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from balai.core.tenancy import DESA

from . import selectors

SESI = "mandiri_warga"
SESI_SEBELUMNYA = "mandiri_masuk_sebelumnya"


def warga(request):
    """The signed-in resident's account (`.penduduk` loaded) on this village host, or None.
    Checked against the register on every request: a resident who died, moved away, was
    deactivated or got a new PIN elsewhere is no longer signed in."""
    if not hasattr(request, "_mandiri_warga"):
        request._mandiri_warga = _warga(request)
    return request._mandiri_warga


def _warga(request):
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.kind != DESA:
        return None
    data = request.session.get(SESI)
    if not isinstance(data, dict) or data.get("desa") != tenant.desa.pk or request.user.is_authenticated:
        return None
    akun = selectors.akun_sesi(desa=tenant.desa, pk=data.get("akun"))
    if akun is None or akun.versi_sesi != data.get("versi"):
        return None
    return akun


def masukkan(request, akun):
    """Start a resident's session: a new session key, nothing of the session before it (a staff
    login in the same browser ends too). Keeps when the account signed in before this, to show
    the resident."""
    request.session.flush()
    simpan_sesi(request, akun)
    sebelumnya = getattr(akun, "masuk_sebelumnya", None)
    request.session[SESI_SEBELUMNYA] = sebelumnya.isoformat() if sebelumnya else None


def masuk_sebelumnya(request):
    """When this resident signed in before the current session, or None."""
    nilai = request.session.get(SESI_SEBELUMNYA)
    return datetime.fromisoformat(nilai) if nilai else None


def simpan_sesi(request, akun):
    """(Re)bind the session to the account's current session version (after a PIN change)."""
    request.session[SESI] = {"akun": akun.pk, "desa": akun.desa_id, "versi": akun.versi_sesi}
    request._mandiri_warga = akun


def keluarkan(request):
    request.session.flush()
    request._mandiri_warga = None


def url_masuk(request):
    return reverse("mandiri:masuk") + "?" + urlencode({"next": request.get_full_path()})


def warga_view(view=None, *, boleh_wajib_ganti=False):
    """Guard a Layanan Mandiri page: village host (else 404), a resident signed in (else the
    sign-in page), the first PIN replaced (else the change-PIN page, unless
    `boleh_wajib_ganti`). A session whose resident may no longer sign in is ended. Responses
    are never cached: they hold personal data."""
    if view is None:
        return lambda view: warga_view(view, boleh_wajib_ganti=boleh_wajib_ganti)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.tenant is None or request.tenant.kind != DESA:
            raise Http404
        akun = warga(request)
        if akun is None:
            if SESI in request.session and not request.user.is_authenticated:
                keluarkan(request)
                messages.info(request, "Sesi Layanan Mandiri Anda berakhir. Silakan masuk lagi.")
            return redirect(url_masuk(request))
        if akun.wajib_ganti_pin and not boleh_wajib_ganti:
            return redirect("mandiri:ganti_pin")
        response = view(request, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response

    wrapped.warga_view = True
    return wrapped
