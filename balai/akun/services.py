import hashlib
import secrets
import string
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.core import audit
from balai.core.tenancy import host_desa, origin, site_url

from .models import PERAN_TINGKAT, Keanggotaan, Peran, TautanDuaLangkah, User

# Readable names of this app's audit actions (registered in apps.py; see balai.core.audit).
AUDIT_LABELS = {
    "akun.tautan_2fa_dibuat": "Tautan pendaftaran 2FA dibuat",
    "akun.peran_diubah": "Peran akun diubah",
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


def _catat_akun(*, action, actor, user, request=None, changes=None):
    """Record a change to an account in the audit log, under the account's village or kecamatan."""
    audit.record(
        action=action, actor=actor, desa=user.desa, kecamatan=user.kecamatan, obj=user, request=request, changes=changes
    )


def generate_password(length=14):
    """A random password shown once to the person who creates an account; no defaults exist."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def _tingkat_peran(peran):
    """The one unit level ("desa", "kecamatan", "kabupaten") all of `peran` belong to."""
    tingkat = {t for t, semua in PERAN_TINGKAT.items() for p in peran if p in semua}
    if not peran or len(tingkat) != 1:
        raise ValidationError(
            _("Pilih satu atau beberapa peran dari tingkat yang sama (desa, kecamatan, atau kabupaten).")
        )
    return tingkat.pop()


@transaction.atomic
def buat_pengguna(
    *, actor, username, nama, email, peran, kabupaten, kecamatan=None, desa=None, jabatan="", request=None
):
    """Create a staff account bound to its unit, holding the roles `peran` (one or several of
    one level), with a one-time random password that must be changed at first sign-in.
    Returns (user, password)."""
    peran = sorted({Peran(p) for p in ([peran] if isinstance(peran, str) else peran)})
    tingkat = _tingkat_peran(peran)
    if tingkat == "desa":
        kecamatan = desa.kecamatan
    elif tingkat == "kabupaten":
        kecamatan = desa = None
    else:
        desa = None
    first, _sep, last = nama.partition(" ")
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        email=email,
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
    Keanggotaan.objects.bulk_create([Keanggotaan(user=user, peran=p) for p in peran])
    user.lupakan_keadaan()
    audit.record(
        action="akun.dibuat",
        actor=actor,
        desa=desa,
        kecamatan=kecamatan,
        obj=user,
        request=request,
        changes={"peran": [None, [str(p) for p in peran]], "username": [None, username]},
    )
    return user, password


@transaction.atomic
def atur_peran(*, actor, user, peran, request=None):
    """Give `user` exactly the roles `peran` (all of the level of the account's unit)."""
    baru = {Peran(p) for p in peran}
    if _tingkat_peran(baru) != user.tingkat:
        raise ValidationError(
            _("Peran tidak sesuai dengan tingkat akun ini (%(tingkat)s).") % {"tingkat": user.tingkat}
        )
    lama = set(user.keanggotaan.values_list("peran", flat=True))
    if baru == lama:
        return
    user.keanggotaan.exclude(peran__in=baru).delete()
    Keanggotaan.objects.bulk_create([Keanggotaan(user=user, peran=p) for p in baru - lama])
    transaction.on_commit(user.lupakan_keadaan)
    user.lupakan_keadaan()
    _catat_akun(
        action="akun.peran_diubah",
        actor=actor,
        user=user,
        request=request,
        changes={"peran": [sorted(lama), sorted(str(p) for p in baru)]},
    )


@transaction.atomic
def atur_pengguna_aktif(*, actor, user, aktif, request=None):
    user.is_active = aktif
    user.save(update_fields=["is_active"])
    _catat_akun(
        action="akun.diaktifkan" if aktif else "akun.dinonaktifkan",
        actor=actor,
        user=user,
        request=request,
        changes={"is_active": [not aktif, aktif]},
    )


def pending_totp_device(user):
    """The unconfirmed TOTP device a user is setting up (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Autentikator", confirmed=False)


# --- enrolment links ----------------------------------------------------------------------
# A first authenticator is only enrolled through a one-time link the kabupaten issues (see
# TautanDuaLangkah); replacing an authenticator needs the current one (second_factor_done).


def _hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def alamat_masuk(user):
    """The address of the site where `user` signs in (kabupaten, kecamatan or village host)."""
    if user.tingkat == "desa":
        return origin(host_desa(user.desa))
    if user.tingkat == "kecamatan":
        return site_url(label=f"kec-{user.kecamatan.slug}")
    return site_url()


@transaction.atomic
def buat_tautan_2fa(*, actor, user, request=None):
    """Issue a fresh enrolment link for `user` (earlier unused links stop working). Returns the
    link's full address, shown once to whoever issued it."""
    now = timezone.now()
    TautanDuaLangkah.objects.filter(user=user, dipakai__isnull=True).update(berlaku_sampai=now)
    token = secrets.token_urlsafe(32)
    tautan = TautanDuaLangkah.objects.create(
        user=user,
        token_hash=_hash_token(token),
        berlaku_sampai=now + timedelta(hours=settings.BALAI_TAUTAN_2FA_JAM),
        dibuat_oleh=actor if getattr(actor, "pk", None) else None,
    )
    _catat_akun(
        action="akun.tautan_2fa_dibuat",
        actor=actor,
        user=user,
        request=request,
        changes={"berlaku_sampai": [None, timezone.localtime(tautan.berlaku_sampai).isoformat(timespec="minutes")]},
    )
    return alamat_masuk(user) + reverse("akun:tautan_2fa", args=[token])


def tautan_2fa_berlaku(*, user, token=None, pk=None):
    """The unused, unexpired enrolment link of `user` with this token (or id), or None."""
    qs = TautanDuaLangkah.objects.filter(user=user, dipakai__isnull=True, berlaku_sampai__gt=timezone.now())
    if token is not None:
        return qs.filter(token_hash=_hash_token(token)).first()
    if pk is not None:
        return qs.filter(pk=pk).first()
    return None


def tautan_2fa_aktif(users):
    """{user id: expiry} of the users' links still waiting to be used."""
    rows = TautanDuaLangkah.objects.filter(
        user__in=users, dipakai__isnull=True, berlaku_sampai__gt=timezone.now()
    ).values_list("user_id", "berlaku_sampai")
    return dict(rows)


def mulai_pendaftaran_2fa(*, user):
    """A valid link was opened by its signed-in owner: start from a fresh secret, so nothing
    anyone saw of an earlier, unfinished set-up can be confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()


@transaction.atomic
def confirm_totp_device(*, user, device, tautan=None, request=None):
    """Confirm the authenticator being set up. The first one needs a valid enrolment link."""
    pertama = not user_has_device(user, confirmed=True)
    if pertama:
        tautan = tautan and tautan_2fa_berlaku(user=user, pk=tautan.pk)
        if tautan is None:
            raise PermissionDenied("Pendaftaran autentikator pertama memerlukan tautan dari admin kabupaten.")
        tautan.dipakai = timezone.now()
        tautan.save(update_fields=["dipakai"])
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _catat_akun(
        action="akun.2fa_diaktifkan", actor=user, user=user, request=request, changes={"lewat_tautan": [None, pertama]}
    )


@transaction.atomic
def reset_2fa(*, actor, user, request=None):
    """Remove a user's authenticators (lost phone). Roles that must use 2FA enrol a new one at
    their next sign-in."""
    jumlah, _detail = TOTPDevice.objects.filter(user=user).delete()
    _catat_akun(
        action="akun.2fa_direset", actor=actor, user=user, request=request, changes={"perangkat_2fa": [jumlah, 0]}
    )


@transaction.atomic
def password_changed(*, user, request=None):
    if user.wajib_ganti_sandi:
        user.wajib_ganti_sandi = False
        user.save(update_fields=["wajib_ganti_sandi"])
    _catat_akun(action="akun.sandi_diganti", actor=user, user=user, request=request)
