"""Background work of the village websites."""

from balai.core.tasks import desa_task


@desa_task()
def terbitkan_artikel_terjadwal(desa, artikel_id: int) -> bool:
    """Publish a scheduled article when its time has come. The service re-checks status and time,
    so an early, late or repeated run does nothing wrong (backends that cannot defer run it at
    once; the `terbitkan_terjadwal` command, run by a timer, publishes it later)."""
    from .services import terbitkan_jatuh_tempo

    return terbitkan_jatuh_tempo(artikel_id=artikel_id, desa=desa)
