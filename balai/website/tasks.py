"""Background work of the village websites."""

from django_scopes import scope
from django_tasks import task

from balai.wilayah.models import Desa


@task()
def terbitkan_artikel_terjadwal(artikel_id: int, desa_id: int) -> bool:
    """Publish a scheduled article when its time has come. The service re-checks status and time,
    so an early, late or repeated run does nothing wrong."""
    from .services import terbitkan_jatuh_tempo

    desa = Desa.objects.select_related("kecamatan").get(pk=desa_id)
    with scope(desa=desa):
        return terbitkan_jatuh_tempo(artikel_id=artikel_id, desa=desa)


def enqueue_publication(task_, artikel):
    """Queue `task_` for the article's publication time. Backends that cannot defer (the
    immediate one in tests) get it now; the task then finds it not due, and the
    `terbitkan_terjadwal` command (run by a timer) publishes it later."""
    backend = task_.get_backend()
    if backend.supports_defer:
        task_ = task_.using(run_after=artikel.terbit_pada)
    task_.enqueue(artikel.pk, artikel.desa_id)
