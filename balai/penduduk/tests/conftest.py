import pytest


@pytest.fixture(autouse=True)
def privat_root(settings, tmp_path):
    settings.BALAI_PRIVAT_ROOT = str(tmp_path / "privat")
    return tmp_path / "privat"
