"""What every module declares to the registry about its public text names real things: a field
that is not on the model would be skipped silently by the content check (balai.core.konten) and
by the scan of stored links (balai.keamanan.pindai)."""

import pytest
from django.apps import apps
from django_scopes import scope

from balai.core.registry import PublicTextSource, SearchSource, extensions

pytestmark = pytest.mark.django_db


def test_every_public_text_field_is_a_field_of_its_model():
    sources = extensions(PublicTextSource)
    assert len(sources) > 10
    salah = []
    for source in sources:
        model = apps.get_model(source.model)
        names = {f.name for f in model._meta.concrete_fields}
        salah += [f"{source.model}.{f}" for f in source.fields if f not in names]
        assert source.fields, source
    assert not salah, f"bidang teks publik yang tidak ada di modelnya: {salah}"


def test_every_search_source_answers_a_query_of_titled_linked_items(desa_a):
    sources = extensions(SearchSource)
    assert len(sources) > 5
    with scope(desa=desa_a):
        for source in sources:
            qs = source(desa=desa_a, q="jalan")
            list(qs)  # the query runs: every field it names exists
            nama = {f.name for f in qs.model._meta.get_fields()} | set(qs.query.annotations)
            assert "judul" in nama or hasattr(qs.model, "judul"), source.key
            assert hasattr(qs.model, "get_absolute_url"), source.key
