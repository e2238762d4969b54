import pytest
from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.website import selectors
from balai.website.models import Artikel

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="GIN full-text index exists on PostgreSQL only; SQLite searches by substring",
)


def _banyak_artikel(desa_list, n):
    now = timezone.now() - timezone.timedelta(hours=1)
    rows = [
        Artikel(
            desa=desa_list[i % len(desa_list)],
            judul=f"Kabar desa nomor {i}",
            slug=f"kabar-{i}",
            ringkasan="Ringkasan kegiatan warga.",
            isi="<p>Gotong royong membersihkan saluran dan jalan dusun.</p>" * 5,
            status=Artikel.Status.TERBIT,
            terbit_pada=now,
        )
        for i in range(n)
    ]
    rows[7].judul = "Panen raya jagung hibrida"
    rows[11].isi = "<p>Bibit jagung dibagikan ke kelompok tani.</p>"
    with scopes_disabled():
        Artikel.objects.bulk_create(rows, batch_size=1000)


def test_kabupaten_search_plan_uses_the_gin_index(db, desa_a, desa_b):
    _banyak_artikel([desa_a, desa_b], 3000)
    with connection.cursor() as cur:
        cur.execute("ANALYZE website_artikel")
        cur.execute("SET enable_seqscan = off")
        cur.execute(f"REINDEX INDEX {selectors.INDEKS_CARI}")  # see the village search below
    try:
        with scopes_disabled():
            qs = selectors.cari(selectors.artikel_terbit().order_by("-terbit_pada"), "jagung")
            plan = qs.explain()
            found = list(qs.values_list("judul", flat=True))
    finally:
        with connection.cursor() as cur:
            cur.execute("RESET enable_seqscan")
    assert selectors.INDEKS_CARI in plan, plan
    # Ranked: the title match (weight A) before the body match (weight B), nothing else.
    assert found == ["Panen raya jagung hibrida", "Kabar desa nomor 11"]


def test_village_search_plan_uses_the_gin_index(db, desa_a, desa_b):
    _banyak_artikel([desa_a, desa_b], 3000)
    with connection.cursor() as cur:
        cur.execute("ANALYZE website_artikel")
        cur.execute("SET enable_seqscan = off")
        # Rows earlier tests rolled back stay in the full-text index until it is rebuilt, and make
        # it look dearer to the planner than it is on a live database.
        cur.execute(f"REINDEX INDEX {selectors.INDEKS_CARI}")
    try:
        with scopes_disabled():
            qs = selectors.daftar_artikel(desa=desa_b, q="jagung kelompok")
            plan = qs.explain()
            found = list(qs.values_list("judul", flat=True))
    finally:
        with connection.cursor() as cur:
            cur.execute("RESET enable_seqscan")
    assert selectors.INDEKS_CARI in plan, plan
    assert found == ["Kabar desa nomor 11"]
