"""Working days, defined once: Monday to Friday, minus Indonesia's national holidays (the
`holidays` package) and the cuti bersama and regional holidays the kabupaten records
(`core.HariLibur`). PPID deadlines ("10 hari kerja") and attendance both count with this.

Counting follows the usual reading of a deadline of N working days: the day a request arrives
does not count; the deadline is the N-th working day after it."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.core.cache import cache
from django.db import transaction

_CACHE_KEY = "kalender:libur-tambahan:v1"


@lru_cache(maxsize=64)
def _libur_nasional(tahun: int) -> dict:
    return dict(holidays.country_holidays("ID", years=tahun, language="id"))


def _libur_tambahan() -> dict:
    """The kabupaten's extra days off, cached until `lupakan_libur_tambahan` (every change)."""
    tambahan = cache.get(_CACHE_KEY)
    if tambahan is None:
        from .models import HariLibur

        tambahan = dict(HariLibur.objects.values_list("tanggal", "nama"))
        cache.set(_CACHE_KEY, tambahan, 3600)
    return tambahan


def lupakan_libur_tambahan():
    """Forget the cached extra days off; whatever changes `HariLibur` calls this. At once, for
    what the changing transaction reads itself, and again when it commits, for what another
    request may have cached from the old rows in between."""
    cache.delete(_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(_CACHE_KEY))


def nama_libur(tanggal: date) -> str | None:
    """Why `tanggal` is a holiday, or None when it is not one (weekends are not holidays)."""
    return _libur_tambahan().get(tanggal) or _libur_nasional(tanggal.year).get(tanggal)


def hari_kerja(tanggal: date) -> bool:
    return tanggal.weekday() < 5 and nama_libur(tanggal) is None


def tambah_hari_kerja(mulai: date, n: int) -> date:
    """The n-th working day after `mulai` (n >= 1); with n == 0, `mulai` itself."""
    if n < 0:
        raise ValueError("n tidak boleh negatif")
    hari = mulai
    while n:
        hari += timedelta(days=1)
        if hari_kerja(hari):
            n -= 1
    return hari


def hari_kerja_antara(awal: date, akhir: date) -> int:
    """How many working days lie after `awal` up to and including `akhir` (0 when akhir <= awal),
    so that `hari_kerja_antara(d, tambah_hari_kerja(d, n)) == n`."""
    jumlah, hari = 0, awal
    while hari < akhir:
        hari += timedelta(days=1)
        jumlah += hari_kerja(hari)
    return jumlah


def hari_kerja_dalam(awal: date, akhir: date) -> list[date]:
    """The working days from `awal` to `akhir`, both included (a month's attendance, say)."""
    jumlah = (akhir - awal).days + 1
    return [h for h in (awal + timedelta(days=i) for i in range(max(jumlah, 0))) if hari_kerja(h)]


def libur_setahun(tahun: int) -> list[dict]:
    """Every holiday of `tahun`, national and the kabupaten's own, in date order. Rows of the
    kabupaten's own carry their `HariLibur` as `libur` (so they can be removed)."""
    from .models import HariLibur

    baris = [{"tanggal": t, "nama": n, "libur": None} for t, n in _libur_nasional(tahun).items()]
    baris += [{"tanggal": h.tanggal, "nama": h.nama, "libur": h} for h in HariLibur.objects.filter(tanggal__year=tahun)]
    return sorted(baris, key=lambda b: (b["tanggal"], b["libur"] is not None))
