"""The audit log keeps that personal data changed, never the values."""

import datetime

import pytest

from balai.core import audit

PERSONAL = {
    "tempat_lahir": ("Purbalingga", "Banyumas"),
    "tanggal_lahir": (datetime.date(1980, 1, 2), datetime.date(1980, 2, 1)),
    "nama_ibu": ("Siti", "Sri"),
    "nama_ayah": ("Budi", "Bambang"),
    "alamat_sekarang": ("Jl. Mawar 1", "Jl. Melati 2"),
    "tanggal_perkawinan": (None, datetime.date(2001, 5, 6)),
    "tanggal_perceraian": (None, datetime.date(2010, 5, 6)),
    "tanggal_akhir_paspor": (None, datetime.date(2030, 1, 1)),
    "asuransi": (1, 2),
    "cacat": (None, 3),
    "status_rekam": (1, 4),
    "asal_tujuan": ("", "Jl. Kenanga 3, Bandung"),
}


@pytest.mark.parametrize("field", sorted(PERSONAL))
def test_personal_fields_are_masked(field):
    old, new = PERSONAL[field]
    changes = audit.diff({field: old}, {field: new})
    assert changes == {field: [audit.MASK, audit.MASK]}


def test_ordinary_fields_are_kept():
    assert audit.diff({"judul": "Lama"}, {"judul": "Baru"}) == {"judul": ["Lama", "Baru"]}
