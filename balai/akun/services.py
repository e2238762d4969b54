import secrets
import string

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.core import audit

from .models import PERAN_DESA, Peran, User

# Readable names of this app's audit actions (registered in apps.py; see balai.core.audit).
AUDIT_LABELS = {
    "akun.dibuat": "Akun dibuat",
    "akun.diaktifkan": "Akun diaktifkan",
    "akun.dinonaktifkan": "Akun dinonaktifkan",
    "akun.2fa_diaktifkan": "Verifikasi dua langkah dipasang",
    "akun.2fa_direset": "Verifikasi dua langkah direset",
    "akun.sandi_diganti": "Kata sandi diganti",
    "akun.masuk": "Masuk",
    "akun.keluar": "Keluar",
    "akun.gagal_masuk": "Gagal masuk",
}

PASSWORD_ALPHABET = string.ascii_letters + string.digits


def generate_password(length=14):
    """A random password shown once to the person who creates an account; no defaults exist."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


@transaction.atomic
def create_user(*, actor, username, nama, email, peran, kabupaten, kecamatan=None, desa=None, jabatan="", request=None):
    """Create a staff account bound to its region with a one-time random password that must be
    changed at first sign-in. Returns (user, password)."""
    if peran in PERAN_DESA:
        kecamatan = desa.kecamatan
    elif peran == Peran.ADMIN_KABUPATEN:
        kecamatan = desa = None
    else:
        desa = None
    first, _sep, last = nama.partition(" ")
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        email=email,
        peran=peran,
        jabatan=jabatan,
        kabupaten=kabupaten,
        kecamatan=kecamatan,
        desa=desa,
        wajib_ganti_sandi=True,
    )
    password = generate_password()
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(
        action="akun.dibuat",
        actor=actor,
        desa=desa,
        kecamatan=kecamatan,
        obj=user,
        request=request,
        changes={"peran": [None, peran], "username": [None, username]},
    )
    return user, password


@transaction.atomic
def set_user_active(*, actor, user, aktif, request=None):
    user.is_active = aktif
    user.save(update_fields=["is_active"])
    audit.record(
        action="akun.diaktifkan" if aktif else "akun.dinonaktifkan",
        actor=actor,
        desa=user.desa,
        kecamatan=user.kecamatan,
        obj=user,
        request=request,
        changes={"is_active": [not aktif, aktif]},
    )


def pending_totp_device(user):
    """The unconfirmed TOTP device a user is setting up (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Autentikator", confirmed=False)


@transaction.atomic
def confirm_totp_device(*, user, device, request=None):
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(
        action="akun.2fa_diaktifkan", actor=user, desa=user.desa, kecamatan=user.kecamatan, obj=user, request=request
    )


@transaction.atomic
def reset_2fa(*, actor, user, request=None):
    """Remove a user's authenticators (lost phone). Roles that must use 2FA enrol a new one at
    their next sign-in."""
    jumlah, _detail = TOTPDevice.objects.filter(user=user).delete()
    audit.record(
        action="akun.2fa_direset",
        actor=actor,
        desa=user.desa,
        kecamatan=user.kecamatan,
        obj=user,
        request=request,
        changes={"perangkat_2fa": [jumlah, 0]},
    )


@transaction.atomic
def password_changed(*, user, request=None):
    if user.wajib_ganti_sandi:
        user.wajib_ganti_sandi = False
        user.save(update_fields=["wajib_ganti_sandi"])
    audit.record(
        action="akun.sandi_diganti", actor=user, desa=user.desa, kecamatan=user.kecamatan, obj=user, request=request
    )
