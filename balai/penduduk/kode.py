"""Reference codes (agama, SHDK, pendidikan, ...) with OpenSID's numeric codes.

The codes are data: one table `Kode(jenis, kode, nama)` filled by a data migration from
`data/kode.csv`, so villages move their registers from and to OpenSID without translation.
Residents store the bare small-integer code in one column per dimension; this module gives
the cached `{jenis: {kode: nama}}` lookup used to validate, display and label statistics.

The lookup is read once per process (about 200 rows) and dropped when a Kode row is saved or
deleted (see apps.py); reference codes only change by migration.
"""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Dimensions, as stored in Kode.jenis. Each maps to the OpenSID table it comes from.
JENIS = {
    "jenis_kelamin": "tweb_penduduk_sex",
    "agama": "tweb_penduduk_agama",
    "pendidikan_kk": "tweb_penduduk_pendidikan_kk",
    "pendidikan_sedang": "tweb_penduduk_pendidikan",
    "pekerjaan": "tweb_penduduk_pekerjaan",
    "status_kawin": "tweb_penduduk_kawin",
    "shdk": "tweb_penduduk_hubungan",
    "warganegara": "tweb_penduduk_warganegara",
    "bahasa": "tweb_penduduk_bahasa",
    "golongan_darah": "tweb_golongan_darah",
    "cacat": "tweb_cacat",
    "status_dasar": "tweb_status_dasar",
    "cara_kb": "tweb_cara_kb",
    "ktp_el": "tweb_status_ktp (ktp_el)",
    "status_rekam": "tweb_status_ktp (status_rekam)",
    "asuransi": "tweb_penduduk_asuransi",
    "sakit_menahun": "tweb_sakit_menahun",
    "status_penduduk": "tweb_penduduk_status",
}

# Codes the code base relies on by meaning.
LAKI_LAKI, PEREMPUAN = 1, 2
HIDUP, MATI, PINDAH, HILANG = 1, 2, 3, 4
KEPALA_KELUARGA = 1
WNI = 1
BELUM_KAWIN, KAWIN = 1, 2
TETAP = 1

_cache = None


def semua():
    """{jenis: {kode: nama}} for every reference code, cached per process."""
    global _cache
    if _cache is None:
        from .models import Kode

        table = {jenis: {} for jenis in JENIS}
        for jenis, kode, nama in Kode.objects.values_list("jenis", "kode", "nama"):
            table.setdefault(jenis, {})[kode] = nama
        _cache = table
    return _cache


def muat(Kode):
    """Load the codes of data/kode.csv that `Kode` (the model, or its historical version in a
    migration) does not have yet."""
    import csv
    from pathlib import Path

    with open(Path(__file__).resolve().parent / "data" / "kode.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    have = set(Kode.objects.values_list("jenis", "kode"))
    Kode.objects.bulk_create(
        Kode(jenis=r["jenis"], kode=int(r["kode"]), nama=r["nama"])
        for r in rows
        if (r["jenis"], int(r["kode"])) not in have
    )


def reset():
    global _cache
    _cache = None


def nama(jenis, kode, default=""):
    """The label of a code, e.g. nama("agama", 1) == "ISLAM"; `default` when unknown or empty."""
    if kode is None:
        return default
    return semua().get(jenis, {}).get(kode, default)


def pilihan(jenis, *, kosong=None):
    """Form choices for one dimension, with an optional empty entry labelled `kosong`."""
    choices = sorted(semua().get(jenis, {}).items())
    return ([("", kosong)] if kosong is not None else []) + choices


def jenis_field(field):
    """The dimension a model field holds codes of, or None."""
    return next((v.jenis for v in field.validators if isinstance(v, KodeValidator)), None)


@deconstructible
class KodeValidator:
    """Rejects a value that is not a known code of `jenis`."""

    def __init__(self, jenis):
        self.jenis = jenis

    def __call__(self, value):
        if value is None:
            return
        if value not in semua().get(self.jenis, {}):
            raise ValidationError(
                "Kode %(kode)s bukan kode %(jenis)s yang dikenal.",
                code="kode_tidak_dikenal",
                params={"kode": value, "jenis": self.jenis.replace("_", " ")},
            )

    def __eq__(self, other):
        return isinstance(other, KodeValidator) and other.jenis == self.jenis
