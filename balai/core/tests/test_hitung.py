import pytest
from django.db.models import Count, Max
from django_scopes import scope, scopes_disabled

from balai.core.hitung import hitung_per_desa
from balai.core.models import AuditEntry
from balai.wilayah.models import Dusun

pytestmark = pytest.mark.django_db


@pytest.fixture
def catatan(desa_a, desa_b, kaligondang):
    with scopes_disabled():
        for desa, aksi in [(desa_a, "x.a"), (desa_a, "x.b"), (desa_a, "y.a"), (desa_b, "x.a"), (None, "x.a")]:
            AuditEntry.objects.create(desa=desa, kecamatan=kaligondang, action=aksi)
        Dusun.objects.create(desa=desa_a, nama="Karanganyar")
        Dusun.objects.create(desa=desa_b, nama="Krajan")
        Dusun.objects.create(desa=desa_b, nama="Kulon")


def test_counts_rows_per_village_of_the_list(desa_a, desa_b, catatan):
    """Counted per village despite the model's ordering, only for the villages asked."""
    with scopes_disabled():
        assert hitung_per_desa(AuditEntry.objects.all(), [desa_a.pk, desa_b.pk]) == {desa_a.pk: 3, desa_b.pk: 1}
        assert hitung_per_desa(AuditEntry.objects.filter(action__startswith="x."), [desa_a.pk]) == {desa_a.pk: 2}
        assert hitung_per_desa(AuditEntry.objects.filter(action="z"), [desa_a.pk, desa_b.pk]) == {}


def test_one_aggregate_gives_its_value_several_give_a_dict(desa_a, desa_b, catatan):
    ids = [desa_a.pk, desa_b.pk]
    with scopes_disabled():
        waktu = hitung_per_desa(AuditEntry.objects.all(), ids, t=Max("waktu"))
        assert set(waktu) == set(ids) and all(waktu.values())
        rinci = hitung_per_desa(AuditEntry.objects.all(), ids, n=Count("pk"), aksi=Count("action", distinct=True))
    assert rinci == {desa_a.pk: {"n": 3, "aksi": 3}, desa_b.pk: {"n": 1, "aksi": 1}}


def test_several_tables_are_added_up_in_one_query(desa_a, desa_b, catatan, django_assert_num_queries):
    with scopes_disabled(), django_assert_num_queries(1):
        jumlah = hitung_per_desa([AuditEntry.objects.all(), Dusun.objects.all()], [desa_a.pk, desa_b.pk])
    assert jumlah == {desa_a.pk: 4, desa_b.pk: 3}


def test_the_callers_scope_applies(desa_a, desa_b, catatan):
    with scope(desa=desa_a):
        assert hitung_per_desa(Dusun.objects.all(), [desa_a.pk, desa_b.pk]) == {desa_a.pk: 1}
