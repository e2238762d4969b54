from django_tasks import task


@task()
def buat_pdf(desa_id, buku, tahun, bulan, user_id, kunci):
    """Render a long book to PDF in the background (see unduhan.py); opens the village's scope."""
    from .unduhan import buat

    buat(desa_id=desa_id, slug=buku, tahun=tahun, bulan=bulan, user_id=user_id, kunci=kunci)
