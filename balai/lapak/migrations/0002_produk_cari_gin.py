"""A GIN index for the market's full-text search, on PostgreSQL only (as website 0003 does
for articles): over the very expression `balai.lapak.selectors.vektor_cari()` builds, frozen
here; SQLite has no to_tsvector, so the operation leaves SQLite and the migration state alone."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

NAMA = "lapak_produk_cari_gin"


def _index():
    vector = SearchVector("nama", weight="A", config="simple") + SearchVector(
        "deskripsi", weight="B", config="simple"
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
        model = to_state.apps.get_model(app_label, "produk")
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, _index(), concurrently=True)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, "produk")
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, _index(), concurrently=True)

    def describe(self):
        return f"Create GIN index {NAMA} for the market search (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return NAMA


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("lapak", "0001_initial"),
    ]

    operations = [IndeksCariPostgres()]
