import hashlib
import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from balai.core import audit, konten, sitecache

from ..models import Komentar

LINK_RE = re.compile(
    r"https?://|www\.|\b[\w-]+\.(com|net|org|id|xyz|info|biz|top|site|online|link|ly|io|co|me)\b", re.I
)
# At most this many comments per address and village per window.
BATAS_KOMENTAR, JENDELA_DETIK = 3, 600


class KomentarDibatasi(ValidationError):
    pass


def alasan_ditahan(nama, isi):
    """Why a comment must wait for a moderator ("" when it looks clean). Gambling spam is told
    apart by the content check (balai.core.konten) in kirim_komentar."""
    if LINK_RE.search(f"{nama}\n{isi}"):
        return "berisi tautan"
    return ""


def _throttle(desa_id, ip):
    """Count a comment from `ip` (only its hash is kept, in the cache) and refuse past the limit."""
    digest = hashlib.sha256(f"{desa_id}:{ip}".encode()).hexdigest()[:32]
    key = f"website:komentar:{digest}"
    cache.add(key, 0, JENDELA_DETIK)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, JENDELA_DETIK)
        count = 1
    if count > BATAS_KOMENTAR:
        raise KomentarDibatasi("Terlalu banyak komentar dari alamat Anda. Coba lagi beberapa menit lagi.")


@transaction.atomic
def kirim_komentar(*, artikel, nama, isi, ip, otomatis=False):
    """A visitor's comment on a published article. Held for moderation when it contains a link
    or spam words, and always unless the village allows automatic approval."""
    _throttle(artikel.desa_id, ip or "-")
    nama, isi = " ".join(nama.split())[:80], isi.strip()[:2000]
    alasan = alasan_ditahan(nama, isi)
    if not alasan and not otomatis:
        alasan = "menunggu moderasi"
    status = Komentar.Status.MENUNGGU if alasan else Komentar.Status.DISETUJUI
    komentar = Komentar(desa=artikel.desa, artikel=artikel, nama=nama, isi=isi, status=status, alasan=alasan)
    komentar.full_clean()
    komentar.save()
    if konten.periksa(desa=artikel.desa, obj=komentar, terbitkan="balai.website.services.terbitkan_setelah_tinjau"):
        komentar.status, komentar.alasan = Komentar.Status.MENUNGGU, "ditahan pemeriksaan judi online"
        komentar.save(update_fields=["status", "alasan"])
    audit.record(action="komentar.dikirim", desa=artikel.desa, obj=komentar, label=f"Komentar pada {artikel}")
    if komentar.status == Komentar.Status.DISETUJUI:
        sitecache.bump_on_commit(artikel.desa_id)
    return komentar


@transaction.atomic
def moderasi_komentar(*, komentar, actor, status, request=None):
    before = komentar.status
    komentar.status = status
    komentar.full_clean()
    komentar.save(update_fields=["status"])
    action = "komentar.disetujui" if status == Komentar.Status.DISETUJUI else "komentar.ditolak"
    audit.record(
        action=action,
        actor=actor,
        desa=komentar.desa,
        obj=komentar,
        request=request,
        changes={"status": [before, status]},
        label=f"Komentar pada {komentar.artikel}",
    )
    sitecache.bump_on_commit(komentar.desa_id)
    return komentar
