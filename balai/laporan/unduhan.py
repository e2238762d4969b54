"""PDFs of long books are rendered by a background task (about 0.5 ms a row: half a minute
for a 50,000-resident Buku Induk, too long for a request) into private storage, under the
village and the requesting user:

    desa/<desa_id>/laporan/<user_id>/<kunci>.pdf      (kunci = "<buku>-<yyyymm>-<random>")

The download page polls until the file exists; only the same user on the same village host
can fetch it (the path is built from request.desa and request.user, never from the URL alone),
and the file is deleted once served; files never fetched are deleted after a day, when the same
user asks for the next one. A failure leaves "<kunci>.gagal" with the reason.
"""

import datetime
import re
import secrets

from django.core.files.base import ContentFile
from django.utils import timezone

from balai.core.storage import path_for, private_storage

KUNCI = re.compile(r"^[a-z0-9-]{1,40}-\d{6}-[a-f0-9]{16}$")


def kunci_baru(buku):
    return f"{buku.slug}-{buku.periode.tahun}{buku.periode.bulan:02d}-{secrets.token_hex(8)}"


def file_path(desa_id, user_id, kunci, ext="pdf"):
    return path_for(desa_id, "laporan", f"{int(user_id)}/{kunci}.{ext}")


def storage():
    return private_storage()


def buat(*, desa, slug, tahun, bulan, user_id, kunci):
    """Render the book into its file; runs in the village's scope (the `buat_pdf` task)."""
    from balai.akun.models import User

    from . import ekspor
    from .buku import BUKU, Periode

    remove_stale(desa.pk, user_id)
    user = User.objects.get(pk=user_id)
    try:
        buku = BUKU[slug](desa=desa, periode=Periode(tahun, bulan), user=user)
        content = ekspor.pdf_bytes(buku)
        storage().save(file_path(desa.pk, user_id, kunci), ContentFile(content))
    except Exception as exc:  # the page shows that it failed; details stay in the server log
        storage().save(file_path(desa.pk, user_id, kunci, "gagal"), ContentFile(type(exc).__name__.encode()))
        raise


def remove_stale(desa_id, user_id, *, umur=datetime.timedelta(days=1)):
    """Delete this user's files that were never fetched and are older than `umur`."""
    s = storage()
    folder = path_for(desa_id, "laporan", str(int(user_id)))
    try:
        _dirs, files = s.listdir(folder)
    except FileNotFoundError:
        return
    batas = timezone.now() - umur
    for name in files:
        path = f"{folder}/{name}"
        if s.get_modified_time(path) < batas:
            s.delete(path)


def status(desa_id, user_id, kunci):
    s = storage()
    if s.exists(file_path(desa_id, user_id, kunci)):
        return "selesai"
    if s.exists(file_path(desa_id, user_id, kunci, "gagal")):
        return "gagal"
    return "menunggu"
