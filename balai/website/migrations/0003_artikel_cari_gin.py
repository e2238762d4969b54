"""A GIN index for the article full-text search, on PostgreSQL only.

The index is over the same expression `balai.website.selectors.vektor_cari()` builds, frozen
here. It is not declared in Artikel.Meta.indexes: SQLite cannot create a GIN expression index
(nor to_tsvector), and a model-state index would also be re-created by SQLite's table rebuilds.
So this operation touches the database on PostgreSQL only and leaves the migration state alone,
which keeps `makemigrations --check` clean on both databases. Built CONCURRENTLY so a kabupaten's
article table is not locked for writes while it is built.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

NAMA = "artikel_cari_gin"


def _index():
    vector = SearchVector("judul", weight="A", config="simple") + SearchVector(
        "ringkasan", "isi", weight="B", config="simple"
    )
    return GinIndex(vector, name=NAMA)


class IndeksCariPostgres(migrations.operations.base.Operation):
    """Create (drop on reverse) the search GIN index on PostgreSQL; no-op elsewhere and in state."""

    reduces_to_sql = False
    reversible = True

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, "artikel")
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, _index(), concurrently=True)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, "artikel")
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, _index(), concurrently=True)

    def describe(self):
        return f"Create GIN index {NAMA} for article search (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return NAMA


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("website", "0002_menu_url_backslash"),
    ]

    operations = [IndeksCariPostgres()]
