from django_tasks import task


@task()
def impor_penduduk(impor_id, actor_id=None):
    """Check or import an uploaded OpenSID sheet (see the impor package); opens the village's scope itself."""
    from .impor import jalankan_untuk

    return jalankan_untuk(impor_id, actor_id)
