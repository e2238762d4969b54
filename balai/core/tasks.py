"""Background work for one village, written and queued one way.

A task module declares its work with `desa_task`; the function receives the village (a `Desa`)
and runs inside its tenant scope:

    @desa_task()
    def buat_pdf(desa, buku, user_id): ...

A service queues it with `enqueue`, inside its transaction; the task goes out when the
transaction commits (so the worker finds what the service wrote, and a rollback sends nothing):

    tasks.enqueue(buat_pdf, desa, "induk", user.pk)

The queue carries `desa_id`, never the object, and the worker looks the village up again: a
village switched off in the meantime (`Desa.aktif`) runs nothing. Views never queue tasks.
"""

import functools
import logging

from django.db import transaction
from django_scopes import scope
from django_tasks import task

from balai.wilayah.models import Desa

logger = logging.getLogger(__name__)


class DesaNonaktif(Exception):
    """The village of a queued task is switched off (or gone): its work is refused."""


def desa_task(**options):
    """Decorator: a django-tasks task called with `desa_id` first, whose function receives the
    `Desa` and runs inside `scope(desa=...)`. `options` go to `django_tasks.task` (priority,
    queue_name, ...)."""

    def decorate(func):
        @functools.wraps(func)
        def run(desa_id, *args, **kwargs):
            desa = Desa.objects.select_related("kecamatan__kabupaten").filter(pk=desa_id).first()
            if desa is None or not desa.aktif:
                logger.warning("Tugas %s ditolak: desa %s nonaktif atau tidak ada.", func.__qualname__, desa_id)
                raise DesaNonaktif(f"Desa {desa_id} nonaktif atau tidak ada.")
            with scope(desa=desa):
                return func(desa, *args, **kwargs)

        run.desa_task = True
        return task(**options)(run)

    return decorate


def enqueue(task_, desa, *args, run_after=None, **kwargs):
    """Queue a `desa_task` for `desa` when the current transaction commits (at once outside
    one). `run_after` defers it where the backend can; a backend that cannot (the immediate
    one in tests) runs it now, so a deferred task must tolerate running early."""
    if not getattr(task_.func, "desa_task", False):
        raise TypeError(f"{task_.module_path} bukan tugas desa (pakai @desa_task).")
    desa_id = desa.pk

    def send():
        t = task_
        if run_after is not None and t.get_backend().supports_defer:
            t = t.using(run_after=run_after)
        t.enqueue(desa_id, *args, **kwargs)

    transaction.on_commit(send)
