from django.db import transaction

from balai.core import audit, tasks

from . import unduhan
from .tasks import buat_pdf


def catat_unduh(*, desa, actor, buku, format, request=None):
    """Audit one download of a population book (personal data): which book, period and format,
    never its contents."""
    with transaction.atomic():
        return audit.record(
            action="laporan.diunduh",
            actor=actor,
            desa=desa,
            changes={"buku": buku.judul, "periode": str(buku.periode) if buku.berperiode else "", "format": format},
            request=request,
            label=f"{buku.kode} {buku.judul}",
        )


def catat_dilihat(*, desa, actor, buku, request=None):
    with transaction.atomic():
        return audit.record(
            action="laporan.dilihat",
            actor=actor,
            desa=desa,
            changes={"buku": buku.judul, "periode": str(buku.periode) if buku.berperiode else ""},
            request=request,
            label=f"{buku.kode} {buku.judul}",
        )


def minta_pdf(*, desa, actor, buku):
    """Queue the PDF of a long book for `actor`; returns the key its download page polls."""
    kunci = unduhan.kunci_baru(buku)
    p = buku.periode
    with transaction.atomic():
        tasks.enqueue(buat_pdf, desa, buku.slug, p.tahun, p.bulan, actor.pk, kunci)
    return kunci
