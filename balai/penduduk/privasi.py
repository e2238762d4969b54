"""Who sees full NIK and KK numbers, and how they are masked for everyone else.

Holders of the permission `penduduk.lihat_nik` (the village roles that keep the register or
sign for it: admin desa, operator desa, kepala desa, sekdes; see balai.akun.izin) see full
numbers; everyone else (perangkat, PPID, kecamatan) sees `3303••••••••0012` - everywhere:
lists and records, the number search (whole 16 digits only, see forms.cari_nomor_penuh), the
edit forms (numbers of existing records read-only and masked) and the export (refused: it
carries full numbers). Those without it also don't see health data and document numbers on a
record (FIELD_KHUSUS). Viewing a full record or exporting personal data is audit-logged by the
services (`services.catat_dilihat`, `services.catat_ekspor`).
"""

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

# Shown on a resident's record only to holders of `penduduk.lihat_nik`: health data ("data pribadi yang
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
    return getattr(user, "is_authenticated", False) and user.punya_izin("penduduk.lihat_nik")


def tampil_nomor(nomor, user):
    return nomor if boleh_lihat_nik(user) else samarkan(nomor)
