"""Every village-owned model, found automatically, is isolated per village:

- in the ORM: outside a scope its manager raises; inside village A's scope, B's rows are absent;
- in the back office: every URL that takes a `pk` of a village-owned model answers 404 to A's
  staff for B's object (GET and POST), and A's staff on B's host get 403, never data.

A new model with a `desa` foreign key is picked up by these tests without editing them; it needs
a way to be built (model_bakery by default, or an entry in ISOLATION_RECIPES)."""

import random

import pytest
from django.apps import apps
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django_scopes import ScopeError, scope, scopes_disabled
from model_bakery import baker

from balai.akun.models import Peran, User
from balai.website.models import PengaturanSitus
from balai.wilayah.models import Desa

# Models that carry a `desa` link but are looked up before any tenant is known, with the reason.
UNSCOPED_BY_DESIGN = {
    User: "authentication finds users by username on any host; views filter by desa explicitly",
}


def _user_recipe(desa):
    user = baker.make(User, kabupaten=desa.kecamatan.kabupaten, kecamatan=desa.kecamatan, desa=desa)
    user.keanggotaan.create(peran=Peran.OPERATOR_DESA)
    return user


def _pengaturan_situs_recipe(desa):
    # The default greeting title is the same for every village; give this one its own.
    return baker.make(PengaturanSitus, desa=desa, judul_sambutan=f"Sambutan khusus {desa.slug}")


# Builders for models model_bakery cannot fill on its own: {Model: callable(desa) -> instance}.
ISOLATION_RECIPES = {User: _user_recipe, PengaturanSitus: _pengaturan_situs_recipe}


def village_owned_models():
    found = []
    for model in apps.get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "desa"), None)
        if field is not None and field.is_relation and field.related_model is Desa:
            found.append(model)
    return found


def make_for_desa(model, desa):
    """An instance of `model` owned by `desa`, with village-owned parents from the same village."""
    if model in ISOLATION_RECIPES:
        return ISOLATION_RECIPES[model](desa)
    parents = {}
    for f in model._meta.concrete_fields:
        if f.is_relation and f.name != "desa" and not f.null and f.related_model in village_owned_models():
            parents[f.name] = make_for_desa(f.related_model, desa)
    return baker.make(model, desa=desa, **parents, **_numbers_within_validators(model))


def _numbers_within_validators(model):
    """model_bakery draws positive integers from 0 up, which breaks `nomor >= 1` constraints
    once in a few thousand runs: draw them within the field's own minimum instead."""
    values = {}
    for f in model._meta.concrete_fields:
        if isinstance(f, models.PositiveIntegerField | models.PositiveSmallIntegerField) and not f.choices:
            minimum = max((v.limit_value for v in f.validators if isinstance(v, MinValueValidator)), default=None)
            if minimum is not None:
                values[f.name] = random.randint(minimum, 30000)
    return values


SCOPED_MODELS = [m for m in village_owned_models() if m not in UNSCOPED_BY_DESIGN]


def test_village_owned_models_are_found():
    names = {m._meta.label for m in village_owned_models()}
    assert {"wilayah.Dusun", "wilayah.RW", "wilayah.RT", "core.AuditEntry"} <= names


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m._meta.label)
def test_orm_scope_fails_closed_and_isolates(model, desa_a, desa_b):
    with scopes_disabled():
        mine, theirs = make_for_desa(model, desa_a), make_for_desa(model, desa_b)
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=theirs.pk).exists()
    with scope(desa=desa_a):
        assert list(model.objects.filter(pk__in=[mine.pk, theirs.pk])) == [mine]
        assert not model.objects.filter(pk=theirs.pk).exists()
        with pytest.raises(model.DoesNotExist):
            model.objects.get(pk=theirs.pk)
        assert model.objects.filter(pk=theirs.pk).update(desa=desa_a) == 0
        model.objects.filter(pk=theirs.pk).delete()
    with scopes_disabled():
        theirs.refresh_from_db()
        assert theirs.desa_id == desa_b.pk, "B's row must survive A's update and delete unchanged"


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def object_views():
    """Every back-office URL pattern that takes a `pk`, with the model its view declares."""
    views = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if "<int:pk>" in route and getattr(pattern.callback, "staff_kind", None) == "desa":
            views.append((route, pattern))
    return views


def test_every_village_object_view_declares_its_model():
    missing = [route for route, p in object_views() if p.callback.model is None]
    assert object_views(), "expected back-office object views"
    assert not missing, f"views with a pk but no model=: {missing}"


@pytest.mark.parametrize("route,pattern", object_views(), ids=[r for r, _ in object_views()])
def test_back_office_object_of_other_village_is_404(route, pattern, desa_a, desa_b, make_user, client_for):
    model = pattern.callback.model
    with scopes_disabled():
        theirs = make_for_desa(model, desa_b)
    path = "/" + route.replace("<int:pk>", str(theirs.pk))
    admin_a = make_user(Peran.ADMIN_DESA, desa=desa_a)
    client = client_for(desa_a, admin_a)
    assert client.get(path).status_code == 404
    assert client.post(path, {}).status_code == 404
    # A's session presented on B's host: refused before any data is read.
    other_host = client_for(desa_b, admin_a)
    assert other_host.get(path).status_code == 403
    assert other_host.post(path, {}).status_code == 403
    with scopes_disabled():
        assert model._base_manager.filter(pk=theirs.pk).exists()


def list_views():
    """Every village back-office page that takes no argument (dashboards, lists, exports)."""
    return [
        route
        for route, pattern in _walk(get_resolver().url_patterns)
        if getattr(pattern.callback, "staff_kind", None) == "desa" and "<" not in route
    ]


def _distinctive_texts(obj):
    """The object's own text values long enough not to appear by chance (bakery fills them randomly)."""
    # Fields with choices hold shared codes ("menunggu", "terjadwal"), not the object's own text.
    text_fields = [
        f for f in obj._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField)) and not f.choices
    ]
    values = [str(obj)] + [getattr(obj, f.attname) for f in text_fields]
    return {v for v in values if isinstance(v, str) and len(v) >= 8 and not v.isdigit()}


def test_village_pages_never_show_another_villages_rows(desa_a, desa_b, make_user, client_for):
    """One object of every village-owned model in village B; no page of A's back office shows
    a link to any of them or their distinctive text."""
    with scopes_disabled():
        theirs = [make_for_desa(model, desa_b) for model in SCOPED_MODELS]
    leaks = set()
    for route, pattern in object_views():
        for obj in theirs:
            if isinstance(obj, pattern.callback.model):
                leaks.add("/" + route.replace("<int:pk>", str(obj.pk)))
    texts = {text for obj in theirs for text in _distinctive_texts(obj)}
    client = client_for(desa_a, make_user(Peran.ADMIN_DESA, desa=desa_a))
    assert list_views()
    for route in list_views():
        response = client.get("/" + route)
        assert response.status_code == 200, route
        body = response.content.decode(errors="replace")
        assert not [leak for leak in leaks if f'"{leak}"' in body], route
        assert not [text for text in texts if text in body], route
