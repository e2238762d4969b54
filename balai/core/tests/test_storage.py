from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage

from balai.core import storage


def test_village_files_live_under_the_village_and_the_app():
    assert storage.path_for(7, "laporan", "3/induk.pdf") == "desa/7/laporan/3/induk.pdf"


@pytest.mark.parametrize(
    "app, name",
    [("Laporan", "a.pdf"), ("../x", "a.pdf"), ("laporan", "../../etc/passwd"), ("laporan", "/a"), ("laporan", "")],
)
def test_paths_outside_the_layout_are_refused(app, name):
    with pytest.raises(ValueError):
        storage.path_for(7, app, name)


def test_private_files_stay_outside_the_served_media(settings, tmp_path):
    settings.BALAI_PRIVAT_ROOT = str(tmp_path / "privat")
    s = storage.private_storage()
    name = s.save(storage.path_for(1, "penduduk", "impor/x.csv"), ContentFile(b"nik"))
    assert (tmp_path / "privat" / "desa" / "1" / "penduduk" / "impor" / "x.csv").read_bytes() == b"nik"
    assert not Path(settings.MEDIA_ROOT, name).exists()


def test_a_configured_private_storage_wins(settings):
    settings.STORAGES = {**settings.STORAGES, "privat": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    assert isinstance(storage.private_storage(), InMemoryStorage)
