from balai.core.tasks import desa_task

from .models import ImporPenduduk


@desa_task()
def impor_penduduk(desa, impor_id, actor_id=None):
    """Check or import an uploaded OpenSID sheet (see the impor package)."""
    from .impor import jalankan_untuk

    ImporPenduduk.objects.get(pk=impor_id)  # inside the village's scope: another village's job raises
    return jalankan_untuk(impor_id, actor_id)
