"""Sign-in limits of Layanan Mandiri, counted in the shared cache over fixed windows.

A PIN has a million values, so guessing is what these limits stop:

- per NIK as typed, from every address: MANDIRI_GAGAL_PER_NIK failures per window locks that
  NIK for the rest of the window (5 per 15 minutes: 480 guesses a day at most, years for a
  6-digit PIN);
- per client address, across every NIK: MANDIRI_GAGAL_PER_ALAMAT failures per window (one
  address trying one easy PIN on many NIKs).

An unknown NIK is counted exactly like a known one (hashed, whatever it is), so a lock never
tells whether a NIK has an account. While a limit holds the PIN is not even checked. A good
PIN resets its NIK's count, never its address's (one account of one's own must not wipe the
count of an address)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from balai.core.audit import client_ip

GAGAL_PER_NIK = 5
GAGAL_PER_ALAMAT = 20
JENDELA_MENIT = 15


def _batas():
    return (
        ("nik", getattr(settings, "MANDIRI_GAGAL_PER_NIK", GAGAL_PER_NIK)),
        ("alamat", getattr(settings, "MANDIRI_GAGAL_PER_ALAMAT", GAGAL_PER_ALAMAT)),
    )


def jendela_detik():
    return getattr(settings, "MANDIRI_JENDELA_MENIT", JENDELA_MENIT) * 60


def _kunci(jenis, request, nik):
    nilai = nik.strip() if jenis == "nik" else str(client_ip(request))
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|mandiri|{jenis}|{nilai}".encode()).hexdigest()[:32]
    return f"mandiri:masuk:{jenis}:{digest}"


def terkunci(request, nik) -> str | None:
    """Which limit holds ("nik" or "alamat"), or None when this sign-in may go on."""
    kunci = {jenis: _kunci(jenis, request, nik) for jenis, _b in _batas()}
    nilai = cache.get_many(list(kunci.values()))
    for jenis, batas in _batas():
        if nilai.get(kunci[jenis], 0) >= batas:
            return jenis
    return None


def catat_gagal(request, nik) -> bool:
    """Count one failure for the NIK and the address; True when the NIK's limit is now reached."""
    penuh = False
    for jenis, batas in _batas():
        key = _kunci(jenis, request, nik)
        cache.add(key, 0, jendela_detik())  # the window starts at the first failure, never moves
        try:
            jumlah = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, jendela_detik())
            jumlah = 1
        penuh |= jenis == "nik" and jumlah == batas
    return penuh


def lupakan_nik(nik):
    """A good PIN, or the operator issued a new one: the NIK's count starts again."""
    cache.delete(_kunci("nik", None, nik))
