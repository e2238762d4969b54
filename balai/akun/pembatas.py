"""Sign-in throttles beyond django-axes.

Axes locks one username from one address after a few failures. That leaves password spraying
open: one address trying a few common passwords on every account, or many addresses trying one
account. Two more limits, counted in the shared cache over fixed windows:

- per address, across all usernames: BALAI_MASUK_GAGAL_PER_ALAMAT failures per
  BALAI_MASUK_JENDELA_ALAMAT_MENIT;
- per username, across all addresses (slower): BALAI_MASUK_GAGAL_PER_AKUN failures per
  BALAI_MASUK_JENDELA_AKUN_MENIT.

A username is counted as typed (lowercased, hashed), whether or not an account has it, so the
answer never tells whether it exists. A successful sign-in resets neither count: an attacker
holding one account must not be able to wipe the count of their address. While a limit holds,
the password is not even checked."""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from balai.core.audit import client_ip


@dataclass(frozen=True)
class Batas:
    jenis: str
    gagal: int
    detik: int


def _batas():
    return (
        Batas("alamat", settings.BALAI_MASUK_GAGAL_PER_ALAMAT, settings.BALAI_MASUK_JENDELA_ALAMAT_MENIT * 60),
        Batas("akun", settings.BALAI_MASUK_GAGAL_PER_AKUN, settings.BALAI_MASUK_JENDELA_AKUN_MENIT * 60),
    )


def _hash(text):
    return hashlib.sha256(f"{settings.SECRET_KEY}|{text}".encode()).hexdigest()[:32]


def _kunci(batas, request, username):
    if batas.jenis == "alamat":
        return f"akun:masuk:alamat:{_hash(str(client_ip(request)))}"
    return f"akun:masuk:akun:{_hash(username.strip().lower())}"


def terkunci_sampai(request, username) -> float | None:
    """The time (epoch seconds) until which this sign-in is refused, or None when it may go on."""
    sampai = None
    for batas in _batas():
        key = _kunci(batas, request, username)
        state = cache.get(key)
        if state and state["gagal"] >= batas.gagal and state["sampai"] > time.time():
            sampai = max(sampai or 0, state["sampai"])
    return sampai


def catat_gagal(request, username):
    """Count one failed sign-in for the address and for the typed username."""
    now = time.time()
    for batas in _batas():
        key = _kunci(batas, request, username)
        state = cache.get(key)
        if not state or state["sampai"] <= now:
            state = {"gagal": 0, "sampai": now + batas.detik}
        state["gagal"] += 1
        # A read-modify-write: two failures at the same instant may count once, which only
        # shifts a limit by one; the window's end never moves.
        cache.set(key, state, max(1, int(state["sampai"] - now) + 1))
