"""Who may use which back office. One decorator guards every staff view."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control

from balai.core.tenancy import DESA, KECAMATAN

from .izin import periksa_nama
from .perangkat import punya_perangkat


def can_use_host(user, tenant) -> bool:
    """Whether `user` may sign in to and work on the back office of `tenant`'s host."""
    if tenant is None or not user.is_authenticated or not user.is_active:
        return False
    if user.kabupaten_id != tenant.kabupaten.pk:
        return False
    if user.is_admin_kabupaten:
        return True
    if tenant.kind == KECAMATAN:
        return user.is_operator_kecamatan and user.kecamatan_id == tenant.kecamatan.pk
    if tenant.kind == DESA:
        return user.is_desa_staff and user.desa_id == tenant.desa.pk
    return False


def pending_step(request):
    """The account step a signed-in user must finish before working, as a URL name, or None."""
    user = request.user
    if user.is_verified():
        pass  # a confirmed device verified in this session: no need to look the devices up again
    elif punya_perangkat(user):
        return "akun:verifikasi"
    elif user.wajib_2fa:
        return "akun:atur_2fa"
    if user.wajib_ganti_sandi:
        return "akun:ganti_sandi"
    return None


def staff_view(kind, *, izin=None, model=None):
    """Guard a back-office view: right host kind (else 404), signed in (else login), allowed on
    this host (else 403), 2FA and password steps done, holding the permission `izin` (a name
    from `balai.akun.izin.IZIN`, or a tuple of names any of which will do; else 403). Without
    `izin` every staff member of the host may use the view.

    `model` names the village-owned model a view with a `pk` works on; the isolation tests use
    it to prove another village's objects answer 404."""

    needed = () if izin is None else periksa_nama(*([izin] if isinstance(izin, str) else izin))

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.tenant is None or request.tenant.kind != kind:
                raise Http404
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can_use_host(user, request.tenant):
                raise PermissionDenied("Akun Anda tidak terdaftar untuk situs ini.")
            step = pending_step(request)
            if step:
                return redirect(step)
            if needed and not user.punya_izin(*needed):
                raise PermissionDenied("Peran Anda tidak memiliki akses ke halaman ini.")
            response = view(request, *args, **kwargs)
            # Back-office pages hold personal data: no copy in the browser's cache (the Back
            # button on a shared office computer after signing out) or any proxy.
            patch_cache_control(response, no_store=True, private=True)
            return response

        wrapped.staff_kind = kind
        wrapped.model = model
        wrapped.izin = needed
        return wrapped

    return decorator


def per_host(**views):
    """One URL served by a different staff view per host kind, e.g. /dasbor/ as
    `per_host(kecamatan=kecamatan_dasbor, kabupaten=kabupaten_dasbor)`; any other host: 404.
    The views are declared on `.staff_views`, so the access and isolation tests find them."""
    for kind, view in views.items():
        if getattr(view, "staff_kind", None) != kind:
            raise ValueError(f"per_host({kind}=...) needs a staff_view({kind!r}, ...)")

    def dispatch(request, *args, **kwargs):
        view = views.get(request.tenant.kind) if request.tenant is not None else None
        if view is None:
            raise Http404
        return view(request, *args, **kwargs)

    dispatch.staff_views = views
    return dispatch
