import re
from pathlib import Path

import pytest
from django.db import transaction
from django_scopes import scopes_disabled
from django_tasks import task

from balai.core import tasks
from balai.wilayah.models import Dusun

DIJALANKAN = []


@tasks.desa_task()
def catat_dusun(desa, nama):
    """Runs in the village's scope: the scoped manager answers without an explicit scope."""
    DIJALANKAN.append((desa.pk, nama, sorted(Dusun.objects.values_list("nama", flat=True))))
    return desa.pk


@task()
def tugas_biasa(desa_id):
    return desa_id


@pytest.fixture(autouse=True)
def _kosong():
    DIJALANKAN.clear()


@pytest.fixture
def dusun(desa_a, desa_b):
    with scopes_disabled():
        Dusun.objects.create(desa=desa_a, nama="Krajan")
        Dusun.objects.create(desa=desa_b, nama="Lain")


def test_a_village_task_gets_its_village_inside_its_scope(desa_a, dusun):
    assert catat_dusun.call(desa_a.pk, "x") == desa_a.pk
    assert DIJALANKAN == [(desa_a.pk, "x", ["Krajan"])]  # never the other village's rows


def test_a_switched_off_village_runs_nothing(desa_a):
    desa_a.aktif = False
    desa_a.save()
    with pytest.raises(tasks.DesaNonaktif):
        catat_dusun.call(desa_a.pk, "x")
    with pytest.raises(tasks.DesaNonaktif):
        catat_dusun.call(10**9, "x")  # gone
    assert DIJALANKAN == []


def test_enqueue_waits_for_the_commit(desa_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            tasks.enqueue(catat_dusun, desa_a, "nanti")
        assert DIJALANKAN == []
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the (immediate) backend runs it
    assert [nama for _desa, nama, _rows in DIJALANKAN] == ["nanti"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_service_sends_nothing(desa_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.enqueue(catat_dusun, desa_a, "batal")
        raise RuntimeError
    assert DIJALANKAN == []
    with transaction.atomic():
        tasks.enqueue(catat_dusun, desa_a, "jadi")
    assert [nama for _desa, nama, _rows in DIJALANKAN] == ["jadi"]


def test_only_village_tasks_are_queued_this_way(desa_a):
    with pytest.raises(TypeError):
        tasks.enqueue(tugas_biasa, desa_a)


def test_views_never_queue_tasks():
    """Tasks are queued by services, after their commit; a view or API endpoint calls the service."""
    root = Path(__file__).resolve().parents[2]
    web = [
        path
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and (path.stem.startswith("views") or path.parent.name == "views" or path.name == "api.py")
    ]
    assert len(web) > 5
    assert [str(path.relative_to(root)) for path in web if re.search(r"\benqueue\(", path.read_text())] == []
