import io
import stat
from pathlib import Path

from django.conf import settings

from balai.demo.management.commands.seed_demo import Command


def test_demo_logins_file_is_readable_by_its_owner_only(kabupaten, desa_a):
    command = Command(stdout=io.StringIO())
    command._print(kabupaten, desa_a, [("operator.selakambang", "Rahasia123", "Operator desa", "Desa Selakambang", "")])
    path = Path(settings.BALAI_DEMO_LOGINS_FILE)
    assert "Rahasia123" in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Written again (make demo is re-runnable): still private.
    path.chmod(0o644)
    command._print(kabupaten, desa_a, [])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
