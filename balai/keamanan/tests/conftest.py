import pytest

from balai.akun.models import Peran


@pytest.fixture
def admin_kab(make_user):
    return make_user(Peran.ADMIN_KABUPATEN, username="dinkominfo")
