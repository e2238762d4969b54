"""Which roles may do what in the panel, named once so the views, the menu and the dashboard
agree (and the named-permission model can take each set over as one permission)."""

from balai.akun.models import Peran

# Permission `audit.lihat`: read the village's audit log (it names whose records were opened and
# changed). Admin kabupaten always may.
PERAN_LOG = frozenset({Peran.ADMIN_DESA, Peran.OPERATOR_DESA, Peran.KEPALA_DESA, Peran.SEKDES})
