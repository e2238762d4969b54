"""How often one address may send the public PPID forms: BALAI_PPID_KIRIM_PER_JAM sendings
per hour per address (default 10: a family or a village office kiosk sending a few requests is
fine; a script flooding the form is not). Counted in the shared cache over fixed windows."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from balai.core.audit import client_ip

JENDELA = 3600


def _batas():
    return getattr(settings, "BALAI_PPID_KIRIM_PER_JAM", 10)


def _kunci(request, jenis):
    alamat = hashlib.sha256(f"{settings.SECRET_KEY}|{client_ip(request)}".encode()).hexdigest()[:32]
    return f"ppid:kirim:{jenis}:{alamat}:{int(time.time()) // JENDELA}"


def boleh_kirim(request, jenis) -> bool:
    """Count one sending of form `jenis` from this address; False once over the limit."""
    kunci = _kunci(request, jenis)
    cache.add(kunci, 0, JENDELA + 60)
    try:
        return cache.incr(kunci) <= _batas()
    except ValueError:  # evicted between add and incr
        cache.set(kunci, 1, JENDELA + 60)
        return True
