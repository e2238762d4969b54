"""PINs: six digits, hashed with Argon2id, never trivial.

The hasher is Django's Argon2 hasher named here explicitly, not PASSWORD_HASHERS (tests
swap those for a fast one; a PIN's six digits need the slow hash everywhere). A PIN has only
a million values, so the hash alone would not hold against someone with the table: what
protects a PIN is the sign-in limits (pembatas.py); the hash keeps a leaked table from
handing out PINs at once."""

import secrets
from functools import lru_cache

from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.exceptions import ValidationError

PANJANG = 6


class PinHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane) rather than
    Django's password default (100 MiB, 8 lanes): a million possible PINs fall to any Argon2
    cost offline, so the extra cost would buy nothing there, while every sign-in pays it online
    (measured: ~0.5 s and 100 MiB per sign-in with Django's, bench/mandiri.py). Hashes made
    with other parameters are redone at the next good sign-in. Tests lower it further."""

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1


def _hasher():
    return PinHasher()


def hash_pin(pin: str) -> str:
    hasher = _hasher()
    return hasher.encode(pin, hasher.salt())


@lru_cache(maxsize=4)
def _dummy(params):
    hasher = _hasher()
    return hasher.encode(secrets.token_hex(8), hasher.salt())


def cocok(pin: str, encoded: str | None) -> bool:
    """Whether `pin` matches `encoded`. Without an Argon2 hash (unknown NIK) a dummy one of the
    same cost is checked, so the answer takes the same time either way."""
    hasher = _hasher()
    if not encoded or not encoded.startswith(hasher.algorithm + "$"):
        hasher.verify(pin, _dummy((hasher.time_cost, hasher.memory_cost, hasher.parallelism)))
        return False
    return hasher.verify(pin, encoded)


def perlu_diperbarui(encoded: str) -> bool:
    """Whether a stored hash was made with other parameters than today's."""
    return _hasher().must_update(encoded)


def _berulang(pin):
    """000000, 121212, 123123: one, two or three digits repeated."""
    return any(pin == pin[:n] * (PANJANG // n) for n in (1, 2, 3))


def _berurutan(pin):
    """012345, 123456 ... 456789 and the same backwards."""
    langkah = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    return langkah in ({1}, {-1})


def _tanggal_lahir(penduduk):
    """The birth date as people type it (ddmmyy, yymmdd, mmddyy) and the NIK's birth-date
    digits (ddmmyy, women's day plus 40)."""
    if penduduk is None:
        return set()
    tanggal = set()
    if penduduk.tanggal_lahir:
        t = penduduk.tanggal_lahir
        tanggal |= {t.strftime("%d%m%y"), t.strftime("%y%m%d"), t.strftime("%m%d%y")}
    if penduduk.nik and len(penduduk.nik) == 16:
        tanggal.add(penduduk.nik[6:12])
    return tanggal


def periksa(pin: str, penduduk=None):
    """Raise ValidationError (Indonesian, saying why) when `pin` may not be used by `penduduk`."""
    if len(pin) != PANJANG or not pin.isascii() or not pin.isdigit():
        raise ValidationError("PIN harus tepat 6 angka.", code="bukan_6_angka")
    if _berulang(pin) or _berurutan(pin):
        raise ValidationError(
            "PIN ini terlalu mudah ditebak (angka sama, berulang atau berurutan). Pilih 6 angka lain.",
            code="pin_mudah",
        )
    if pin in _tanggal_lahir(penduduk):
        raise ValidationError(
            "PIN tidak boleh berupa tanggal lahir Anda. Pilih 6 angka lain.", code="pin_tanggal_lahir"
        )


def buat_pin(penduduk=None) -> str:
    """A random PIN that `periksa` accepts."""
    while True:
        pin = f"{secrets.randbelow(10**PANJANG):06d}"
        try:
            periksa(pin, penduduk)
        except ValidationError:
            continue
        return pin
