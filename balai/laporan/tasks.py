from balai.core.tasks import desa_task


@desa_task()
def buat_pdf(desa, buku, tahun, bulan, user_id, kunci):
    """Render a long book to PDF in the background (see unduhan.py)."""
    from .unduhan import buat

    buat(desa=desa, slug=buku, tahun=tahun, bulan=bulan, user_id=user_id, kunci=kunci)
