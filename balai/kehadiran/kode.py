"""The office screen's rotating code: a signed payload of the village, a 30-second time slot and
a random nonce. Signed with Django's signing (SECRET_KEY) and a salt that names the village, so a
code shown in another village's office fails its signature here; read back only within its slot
and a short grace, so a screenshot sent to someone at home is useless a minute later."""

import math
import secrets
import time
from dataclasses import dataclass

from django.core import signing

SLOT_DETIK = 30
# After its slot ends a code still counts this long: the phone needs a moment to open the link,
# find its location and send the form.
TENGGANG_DETIK = 30


class KodeDitolak(Exception):
    """Why a screen code cannot be used, in words for the person holding the phone."""


@dataclass(frozen=True)
class Kode:
    desa_id: int
    slot: int
    nonce: str


def _salt(desa_id):
    return f"balai.kehadiran.layar.desa-{int(desa_id)}"


def slot_pada(detik: float) -> int:
    return math.floor(detik / SLOT_DETIK)


def buat(desa_id, *, sekarang=None) -> tuple[str, int]:
    """A fresh code for the screen and the seconds until its slot ends (when it should change)."""
    sekarang = time.time() if sekarang is None else sekarang
    slot = slot_pada(sekarang)
    payload = {"d": int(desa_id), "s": slot, "n": secrets.token_urlsafe(12)}
    sisa = (slot + 1) * SLOT_DETIK - sekarang
    return signing.dumps(payload, salt=_salt(desa_id)), max(1, math.ceil(sisa))


def baca(teks, desa_id, *, sekarang=None) -> Kode:
    """The code `teks` as shown on this village's screen; raises KodeDitolak saying why not."""
    sekarang = time.time() if sekarang is None else sekarang
    teks = (teks or "").strip()
    if not teks:
        raise KodeDitolak("Kode QR belum ada. Pindai kode di layar kantor desa dengan kamera ponsel.")
    try:
        data = signing.loads(teks, salt=_salt(desa_id))
    except signing.BadSignature:
        raise KodeDitolak(
            "Kode QR ini bukan kode kantor desa ini (tanda tangannya tidak cocok). "
            "Pindai kode di layar kantor desa Anda."
        ) from None
    try:
        kode = Kode(int(data["d"]), int(data["s"]), str(data["n"]))
    except (KeyError, TypeError, ValueError):
        raise KodeDitolak("Kode QR tidak lengkap. Pindai lagi kode di layar kantor.") from None
    if kode.desa_id != int(desa_id) or not 8 <= len(kode.nonce) <= 32:
        raise KodeDitolak("Kode QR ini bukan kode kantor desa ini. Pindai kode di layar kantor desa Anda.")
    berakhir = (kode.slot + 1) * SLOT_DETIK + TENGGANG_DETIK
    if sekarang >= berakhir:
        umur = int(sekarang - kode.slot * SLOT_DETIK)
        raise KodeDitolak(
            f"Kode QR sudah kedaluwarsa (dibuat {_lama(umur)} lalu; kode berlaku {SLOT_DETIK + TENGGANG_DETIK} detik). "
            "Pindai kode terbaru di layar kantor."
        )
    if kode.slot * SLOT_DETIK > sekarang + 5:  # a clock far ahead: never a code from the future
        raise KodeDitolak("Kode QR belum berlaku. Periksa jam layar kantor, lalu pindai lagi.")
    return kode


def _lama(detik):
    if detik < 120:
        return f"{detik} detik"
    if detik < 7200:
        return f"{detik // 60} menit"
    return f"{detik // 3600} jam"
