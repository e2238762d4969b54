import pytest
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from balai.penduduk import kode
from balai.penduduk.models import Kode, Penduduk

from .factories import make_keluarga, make_penduduk


def test_reference_codes_carry_opensid_numbers(db):
    assert kode.nama("agama", 1) == "ISLAM"
    assert kode.nama("shdk", 1) == "KEPALA KELUARGA"
    assert kode.nama("pekerjaan", 89) == "LAINNYA"
    assert kode.nama("cara_kb", 100) == "TIDAK MENGGUNAKAN"
    assert kode.nama("status_dasar", 2) == "MATI"
    assert set(kode.semua()) == set(kode.JENIS)
    assert all(kode.semua()[j] for j in kode.JENIS), "every dimension has codes"


def test_lookup_cache_follows_changes(db):
    assert kode.nama("agama", 42) == ""
    Kode.objects.create(jenis="agama", kode=42, nama="UJI")
    assert kode.nama("agama", 42) == "UJI"


def test_a_family_has_one_living_head(desa_a, no_scopes):
    kk = make_keluarga(desa_a)
    make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA)
    # A dead former head does not count.
    make_penduduk(desa_a, keluarga=kk, shdk=kode.KEPALA_KELUARGA, status_dasar=kode.MATI)


def test_living_nik_unique_within_village(desa_a, desa_b):
    with scopes_disabled():
        p = make_penduduk(desa_a)
        make_penduduk(desa_a, nik=p.nik, status_dasar=kode.MATI)
        with pytest.raises(IntegrityError), transaction.atomic():
            make_penduduk(desa_a, nik=p.nik)


@pytest.mark.django_db
def test_family_order_of_the_books_has_its_index():
    """Buku Induk and the other family-ordered books page through the living residents of a
    village by (keluarga, shdk, tanggal_lahir, id)."""
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Penduduk._meta.db_table)
    index = constraints["penduduk_desa_status_kk"]
    assert index["index"] and index["columns"] == [
        "desa_id",
        "status_dasar",
        "keluarga_id",
        "shdk",
        "tanggal_lahir",
        "id",
    ]
