"""The scan of one village's public site as a background task (a timer queues one per village
with `manage.py pindai_situs --antre`; `db_worker` processes run them)."""

from django_scopes import scopes_disabled

from balai.core.tasks import desa_task


@desa_task()
def pindai_desa_task(desa, pemindaian_id):
    from . import pindai, services
    from .models import Pemindaian

    hasil = pindai.pindai_desa(desa)
    with scopes_disabled():
        pemindaian = Pemindaian.objects.get(pk=pemindaian_id)
        services.catat_hasil(pemindaian=pemindaian, desa=desa, hasil=hasil)
        pemindaian.refresh_from_db()
        if pemindaian.desa_selesai >= pemindaian.jumlah_desa:
            services.selesaikan_pemindaian(pemindaian)
