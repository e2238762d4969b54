"""Who sees full NIK and KK numbers, and how they are masked for everyone else.

The village roles that keep the register or sign for it (admin desa, operator desa, kepala
desa, sekdes) see full numbers; every other role (perangkat, PPID, kecamatan, kabupaten)
sees `3303••••••••0012` - everywhere: lists and records, the number search (whole 16 digits
only, see forms.cari_nomor_penuh), the edit forms (numbers of existing records read-only and
masked) and the export (refused: it carries full numbers). The admin kabupaten may work in a
village's back office but is held to the same rule. Those roles also don't see health data
and document numbers on a record (FIELD_KHUSUS). Viewing a full record or exporting personal data is audit-logged by
the services (`services.catat_dilihat`, `services.catat_ekspor`).
"""

from balai.akun.models import Peran

PERAN_LIHAT_NIK = frozenset({Peran.ADMIN_DESA, Peran.OPERATOR_DESA, Peran.KEPALA_DESA, Peran.SEKDES})
PERAN_KELOLA = frozenset({Peran.ADMIN_DESA, Peran.OPERATOR_DESA})
PERAN_BACA = PERAN_LIHAT_NIK | {Peran.PERANGKAT_DESA}

# Fields beyond balai.core.audit.SENSITIVE_FIELDS whose values the audit log must not keep.
FIELD_PRIBADI = frozenset(
    {
        "alamat_sekarang",
        "tanggal_lahir",
        "akta_lahir",
        "dokumen_pasport",
        "dokumen_kitas",
        "akta_perkawinan",
        "akta_perceraian",
        "cacat",
        "sakit_menahun",
        "cara_kb",
        "hamil",
        "golongan_darah",
        "no_asuransi",
        "tag_id_card",
        "lat",
        "lng",
    }
)

# Shown on a resident's record only to PERAN_LIHAT_NIK: health data ("data pribadi yang
# bersifat spesifik", UU 27/2022 PDP art. 4) and identity-document numbers.
FIELD_KESEHATAN = frozenset({"cacat", "sakit_menahun", "cara_kb", "hamil", "asuransi", "no_asuransi"})
FIELD_DOKUMEN = frozenset(
    {"akta_lahir", "dokumen_pasport", "tanggal_akhir_paspor", "dokumen_kitas", "akta_perkawinan", "akta_perceraian"}
)
FIELD_KHUSUS = FIELD_KESEHATAN | FIELD_DOKUMEN

TITIK = "•"


def samarkan(nomor):
    """'3303040703850012' -> '3303••••••••0012'."""
    if not nomor:
        return ""
    if len(nomor) <= 8:
        return TITIK * len(nomor)
    return nomor[:4] + TITIK * (len(nomor) - 8) + nomor[-4:]


def boleh_lihat_nik(user):
    return getattr(user, "peran", None) in PERAN_LIHAT_NIK


def tampil_nomor(nomor, user):
    return nomor if boleh_lihat_nik(user) else samarkan(nomor)
