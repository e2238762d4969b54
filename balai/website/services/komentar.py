import hashlib
import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from balai.core import audit

from ..models import Komentar
from .common import site_changed

# Words that mark a comment as likely spam, judi online first (the commonest spam on village sites).
SPAM_WORDS = (
    "slot",
    "gacor",
    "togel",
    "maxwin",
    "judi",
    "casino",
    "kasino",
    "poker",
    "toto",
    "scatter",
    "jackpot",
    "zeus",
    "rtp live",
    "deposit",
    "bandar",
    "sbobet",
    "pragmatic",
    "pinjol",
    "viagra",
    "bitcoin",
)
LINK_RE = re.compile(
    r"https?://|www\.|\b[\w-]+\.(com|net|org|id|xyz|info|biz|top|site|online|link|ly|io|co|me)\b", re.I
)
SPAM_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in SPAM_WORDS) + r")\w*", re.I)
# At most this many comments per address and village per window.
BATAS_KOMENTAR, JENDELA_DETIK = 3, 600


class KomentarDibatasi(ValidationError):
    pass


def alasan_ditahan(nama, isi):
    """Why a comment must wait for a moderator ("" when it looks clean)."""
    text = f"{nama}\n{isi}"
    if LINK_RE.search(text):
        return "berisi tautan"
    match = SPAM_RE.search(text)
    if match:
        return f"kata mencurigakan: {match.group(1).lower()}"
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
    audit.record(action="komentar.dikirim", desa=artikel.desa, obj=komentar, label=f"Komentar pada {artikel}")
    if status == Komentar.Status.DISETUJUI:
        site_changed(artikel.desa_id)
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
    site_changed(komentar.desa_id)
    return komentar
