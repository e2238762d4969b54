"""The audit log. Services call `record()` once per state change, inside their transaction.

Actions are namespaced codes (`penduduk.impor_diperiksa`). The people who read the log see
plain Indonesian instead: every app keeps the labels of its own actions next to the code that
records them and declares them in its AppConfig (balai.core.registry):

    AuditLabels("balai.penduduk.services.AUDIT_LABELS")

An action without a label still reads as words ("Penduduk: impor diperiksa"), and a test
checks that every action recorded anywhere has a label."""

from functools import cache

from django.db import models
from django.utils.module_loading import import_string
from django_scopes import scopes_disabled

from .models import AuditEntry
from .registry import AuditLabels, extensions

# Field names whose values are personal data: the log keeps that they changed, never the value.
# Identity numbers, birth data, addresses, parents (a mother's name is the usual bank security
# question), civil documents, health and location of residents, and credentials.
SENSITIVE_FIELDS = frozenset(
    {
        "nik", "no_kk", "nik_ayah", "nik_ibu", "ayah_nik", "ibu_nik", "nama_ayah", "nama_ibu",
        "tempat_lahir", "tanggal_lahir", "alamat", "alamat_sekarang", "asal_tujuan",
        "akta_lahir", "dokumen_pasport", "tanggal_akhir_paspor", "dokumen_kitas",
        "akta_perkawinan", "tanggal_perkawinan", "akta_perceraian", "tanggal_perceraian",
        "ktp_el", "status_rekam", "tag_id_card",
        "cacat", "sakit_menahun", "cara_kb", "hamil", "golongan_darah", "asuransi", "no_asuransi",
        "lat", "lng",
        "password", "pin",
    }
)  # fmt: skip
MASK = "••••"


@cache
def _labels():
    merged = {}
    for declared in extensions(AuditLabels):
        merged.update(import_string(declared.labels))
    return merged


def labels():
    """Every declared {action code: label}."""
    return dict(_labels())


def label(action):
    """The readable name of an action code; undeclared codes are turned into words."""
    if action in _labels():
        return _labels()[action]
    namespace, _, verb = action.partition(".")
    words = f"{namespace}: {verb}" if verb else namespace
    return words.replace("_", " ").replace(".", " ").capitalize()


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def diff(before: dict, after: dict) -> dict:
    """Field-by-field changes between two snapshots, personal data masked."""
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if name in SENSITIVE_FIELDS:
            changes[name] = [MASK, MASK]
        else:
            changes[name] = [_plain(old), _plain(new)]
    return changes


def snapshot(instance: models.Model, fields=None) -> dict:
    # Generated columns follow the others (and are stale on the instance until reloaded).
    names = fields or [
        f.name for f in instance._meta.concrete_fields if f.name not in ("id", "desa") and not f.generated
    ]
    return {name: _plain(getattr(instance, name)) for name in names}


def record(*, action, actor=None, desa=None, kecamatan=None, obj=None, changes=None, request=None, label=""):
    """Write one audit entry. `actor` may be None for system actions (tasks, commands)."""
    entry = AuditEntry(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=(actor.get_username() if getattr(actor, "pk", None) else "sistem")[:150],
        desa=desa,
        kecamatan=kecamatan or (desa.kecamatan if desa is not None else None),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_label=(label or (str(obj) if obj is not None else ""))[:200],
        changes={k: v for k, v in (changes or {}).items()},
        ip=client_ip(request) if request is not None else None,
    )
    # The entry is written whatever scope the caller is in; writing never leaks other rows.
    with scopes_disabled():
        entry.save()
    return entry


def client_ip(request):
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None
