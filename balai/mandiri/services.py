"""Every change to a Layanan Mandiri account: issuing and resetting a PIN, deactivating,
signing in, changing the PIN. Each writes one audit entry; no PIN ever reaches the audit log,
a log line or an exception message."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from balai.core import audit
from balai.penduduk.kode import HIDUP

from . import pembatas, pin, selectors
from .models import AkunWarga

AUDIT_LABELS = {
    "mandiri.pin_diterbitkan": "PIN Layanan Mandiri diterbitkan",
    "mandiri.pin_direset": "PIN Layanan Mandiri direset",
    "mandiri.pin_diganti": "Warga mengganti PIN Layanan Mandiri",
    "mandiri.akun_dinonaktifkan": "Akun Layanan Mandiri dinonaktifkan",
    "mandiri.masuk": "Warga masuk Layanan Mandiri",
    "mandiri.terkunci": "Akun Layanan Mandiri terkunci (PIN salah berulang kali)",
}


class Terkunci(Exception):
    """Sign-in refused without checking the PIN: a limit holds (`jenis`: "nik" or "alamat")."""

    def __init__(self, jenis):
        super().__init__(jenis)
        self.jenis = jenis


def terbitkan_pin(*, desa, actor, penduduk, request=None):
    """Issue a first PIN, or a new one (reset), for a living resident of `desa`: returns
    (account, PIN). The PIN is returned once, to be shown and printed; only its hash is kept.
    A reset reopens a deactivated or locked account, ends its sessions and asks for a new PIN
    at the next sign-in."""
    if penduduk.desa_id != desa.pk or penduduk.status_dasar != HIDUP:
        raise ValidationError("Hanya penduduk hidup desa ini yang dapat diberi PIN.")
    if not penduduk.nik:
        raise ValidationError("Penduduk ini belum punya NIK; Layanan Mandiri masuk dengan NIK.")
    baru = pin.buat_pin(penduduk)
    with transaction.atomic():
        akun = AkunWarga.objects.select_for_update().filter(desa=desa, penduduk=penduduk).first()
        action = "mandiri.pin_direset" if akun else "mandiri.pin_diterbitkan"
        if akun is None:
            akun = AkunWarga(desa=desa, penduduk=penduduk, dibuat_oleh=actor)
        else:
            akun.versi_sesi += 1
        akun.pin_hash = pin.hash_pin(baru)
        akun.wajib_ganti_pin = True
        akun.aktif = True
        akun.gagal = 0
        akun.terkunci_sampai = None
        akun.pin_diterbitkan = timezone.now()
        akun.full_clean()
        akun.save()
        audit.record(action=action, actor=actor, desa=desa, obj=akun, label=penduduk.nama, request=request)
    pembatas.lupakan_nik(penduduk.nik)
    return akun, baru


def pin_slip_berlaku(*, akun, kode):
    """Whether `kode` is the account's issued PIN, not yet changed by the resident: a slip is
    printed only for that (the office never keeps the PIN; the page that showed it sends it back)."""
    return akun.aktif and akun.wajib_ganti_pin and pin.cocok(kode, akun.pin_hash)


def nonaktifkan(*, desa, actor, akun, request=None):
    """Close an account: it can no longer sign in and its sessions end. A new PIN reopens it."""
    with transaction.atomic():
        AkunWarga.objects.filter(desa=desa, pk=akun.pk).update(aktif=False, versi_sesi=F("versi_sesi") + 1)
        akun.refresh_from_db(fields=["aktif", "versi_sesi"])
        audit.record(
            action="mandiri.akun_dinonaktifkan", actor=actor, desa=desa, obj=akun, label=akun.penduduk.nama,
            request=request,
        )  # fmt: skip
    return akun


def masuk(*, desa, nik, kode, request):
    """The account of `desa` whose resident has NIK `nik` and PIN `kode`, or None; raises
    Terkunci while a limit holds. Unknown NIK and wrong PIN are one answer in one time: the
    same Argon2 work and the same queries are done for both."""
    jenis = pembatas.terkunci(request, nik)
    if jenis:
        raise Terkunci(jenis)
    akun = selectors.akun_untuk_nik(desa=desa, nik=nik)
    now = timezone.now()
    if akun is not None and akun.terkunci_sampai and akun.terkunci_sampai > now:
        # A lock the cache forgot (restart) still holds for the account.
        raise Terkunci("nik")
    if not pin.cocok(kode, akun.pin_hash if akun else None):
        penuh = pembatas.catat_gagal(request, nik)
        _catat_gagal(akun, desa=desa, penuh=penuh, now=now, request=request)
        return None
    pembatas.lupakan_nik(nik)
    perubahan = {"terakhir_masuk": now, "gagal": 0, "terkunci_sampai": None}
    if pin.perlu_diperbarui(akun.pin_hash):
        perubahan["pin_hash"] = pin.hash_pin(kode)  # the cost was raised since: rehash
    with transaction.atomic():
        AkunWarga.objects.filter(pk=akun.pk).update(**perubahan)
        audit.record(action="mandiri.masuk", desa=desa, obj=akun, label=akun.penduduk.nama, request=request)
    akun.masuk_sebelumnya = akun.terakhir_masuk
    for name, value in perubahan.items():
        setattr(akun, name, value)
    return akun


def _catat_gagal(akun, *, desa, penuh, now, request):
    """Count the failure on the account. For an unknown NIK the same UPDATE runs and matches
    nothing, so the answer costs the same queries either way."""
    perubahan = {"gagal": F("gagal") + 1}
    if penuh:
        perubahan["terkunci_sampai"] = now + timedelta(seconds=pembatas.jendela_detik())
    with transaction.atomic():
        AkunWarga.objects.filter(desa=desa, pk=akun.pk if akun else 0).update(**perubahan)
        if penuh and akun is not None:
            audit.record(action="mandiri.terkunci", desa=desa, obj=akun, label=akun.penduduk.nama, request=request)


def ganti_pin(*, akun, pin_lama, pin_baru, request=None):
    """The resident replaces their PIN: the current one must match, the new one must pass
    `pin.periksa` and differ from it. Other sessions of the account end."""
    if not pin.cocok(pin_lama, akun.pin_hash):
        raise ValidationError({"pin_lama": "PIN lama tidak cocok."})
    try:
        pin.periksa(pin_baru, akun.penduduk)
    except ValidationError as exc:
        raise ValidationError({"pin_baru": exc.messages}) from None
    if pin_baru == pin_lama:
        raise ValidationError({"pin_baru": "PIN baru harus berbeda dari PIN lama."})
    with transaction.atomic():
        AkunWarga.objects.filter(pk=akun.pk).update(
            pin_hash=pin.hash_pin(pin_baru), wajib_ganti_pin=False, versi_sesi=F("versi_sesi") + 1
        )
        akun.refresh_from_db(fields=["pin_hash", "wajib_ganti_pin", "versi_sesi"])
        audit.record(action="mandiri.pin_diganti", desa=akun.desa, obj=akun, label=akun.penduduk.nama, request=request)
    return akun
