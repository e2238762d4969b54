"""A limit on unknown verification tokens per address: BALAI_VERIFIKASI_GAGAL_PER_ALAMAT misses
per BALAI_VERIFIKASI_JENDELA_MENIT, counted in the shared cache over a fixed window (as
balai.akun.pembatas counts failed sign-ins). Tokens have 192 random bits, so the limit is not
what keeps them unguessable; it keeps the page from being a free oracle and a load target."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from balai.core.audit import client_ip


def _batas():
    return (
        getattr(settings, "BALAI_VERIFIKASI_GAGAL_PER_ALAMAT", 20),
        getattr(settings, "BALAI_VERIFIKASI_JENDELA_MENIT", 15) * 60,
    )


def _kunci(request):
    alamat = hashlib.sha256(f"{settings.SECRET_KEY}|{client_ip(request)}".encode()).hexdigest()[:32]
    return f"surat:verifikasi:{alamat}"


def terkunci(request) -> bool:
    gagal, _ = _batas()
    state = cache.get(_kunci(request))
    return bool(state) and state["gagal"] >= gagal and state["sampai"] > time.time()


def catat_gagal(request):
    _, detik = _batas()
    now = time.time()
    key = _kunci(request)
    state = cache.get(key)
    if not state or state["sampai"] <= now:
        state = {"gagal": 0, "sampai": now + detik}
    state["gagal"] += 1
    cache.set(key, state, max(1, int(state["sampai"] - now) + 1))
