"""The market's full-text search document, on PostgreSQL only: a stored generated column
`dokumen_cari` (name weight A, description weight B, 'simple' configuration: no stemming,
which suits Indonesian and Javanese product names) and a GIN index over it.

PostgreSQL keeps the column up to date itself on every insert and update (bulk ones too), and a
search reads the stored vector for matching and ranking instead of parsing every matching
description again. The model does not declare the column (SQLite has no tsvector; Django never
writes or selects it); `balai.lapak.selectors.cari` names it in SQL. So this operation touches
the database on PostgreSQL only and leaves the migration state alone, which keeps
`makemigrations --check` clean on both databases."""

from django.db import migrations

KOLOM = "dokumen_cari"
NAMA = "lapak_produk_cari_gin"
DOKUMEN = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(nama, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(deskripsi, '')), 'B')"
)


class DokumenCariPostgres(migrations.operations.base.Operation):
    """Add (drop on reverse) the generated search column and its GIN index on PostgreSQL."""

    reduces_to_sql = False
    reversible = True

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(
            f"ALTER TABLE lapak_produk ADD COLUMN {KOLOM} tsvector GENERATED ALWAYS AS ({DOKUMEN}) STORED"
        )
        # Built CONCURRENTLY so a kabupaten's market stays writable while it is built.
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY {NAMA} ON lapak_produk USING gin ({KOLOM})")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {NAMA}")
        schema_editor.execute(f"ALTER TABLE lapak_produk DROP COLUMN IF EXISTS {KOLOM}")

    def describe(self):
        return f"Add the generated search column {KOLOM} and its GIN index {NAMA} (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return NAMA


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("lapak", "0001_initial"),
    ]

    operations = [DokumenCariPostgres()]
