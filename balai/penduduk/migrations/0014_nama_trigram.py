"""A trigram index for searching residents by part of a name, on PostgreSQL only.

The list's search is `nama__icontains`, which PostgreSQL runs as `UPPER(nama::text) LIKE
UPPER('%...%')`. Without this index a name that few residents share is found by reading every
living resident of the village in name order (55 ms for a 50,000-resident village); with a GIN
trigram index over the same expression, beside `desa_id` (btree_gin) so a kabupaten-wide index
narrows to one village, it takes well under a millisecond. Common fragments still walk the
list's own index in name order and stop after one page, as the planner judges best.

pg_trgm and btree_gin are trusted extensions (PostgreSQL 13+): the database owner may create
them. The operation leaves the migration state alone (SQLite has neither), which keeps
`makemigrations --check` clean on both databases."""

from django.db import migrations

NAMA = "penduduk_nama_trigram"


class NamaTrigramPostgres(migrations.operations.base.Operation):
    reduces_to_sql = False
    reversible = True

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        # Built CONCURRENTLY so the register stays writable while it is built.
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {NAMA} ON penduduk_penduduk "
            "USING gin (desa_id, upper(nama::text) gin_trgm_ops)"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {NAMA}")

    def describe(self):
        return f"Add the trigram index {NAMA} for name search (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return NAMA


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("penduduk", "0013_indeks_daftar_nama"),
    ]

    operations = [NamaTrigramPostgres()]
