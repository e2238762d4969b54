"""Sign-in events into the audit log (Django only reports them through these signals)."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from balai.core import audit

logger = logging.getLogger("balai.akun")


def _tenant_region(request):
    tenant = getattr(request, "tenant", None)
    return (tenant.desa, tenant.kecamatan) if tenant else (None, None)


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    desa, kecamatan = _tenant_region(request)
    audit.record(action="akun.masuk", actor=user, desa=desa, kecamatan=kecamatan, obj=user, request=request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        desa, kecamatan = _tenant_region(request)
        audit.record(action="akun.keluar", actor=user, desa=desa, kecamatan=kecamatan, obj=user, request=request)


TIDAK_DIKENAL = "(nama pengguna tidak dikenal)"


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("username", ""))[:150]
    if request is not None:
        from . import pembatas

        pembatas.catat_gagal(request, typed)
    # What was typed is kept only when it names an account: people often type their password
    # into the username field, and that must not reach the log or the audit trail.
    from .models import User

    user = User.objects.filter(username__iexact=typed).only("username").first() if typed else None
    username = user.username if user else TIDAK_DIKENAL
    desa, kecamatan = _tenant_region(request)
    logger.warning("login gagal untuk nama pengguna %s", username)
    audit.record(
        action="akun.gagal_masuk",
        desa=desa,
        kecamatan=kecamatan,
        request=request,
        label=username,
        changes={"username": [None, username]},
    )
