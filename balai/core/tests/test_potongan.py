"""Pieces of back-office pages kept per village version (balai.core.potongan)."""

from django.test import RequestFactory

from balai.core import potongan, sitecache
from balai.wilayah.models import Dusun


def _request(desa):
    request = RequestFactory().get("/", HTTP_HOST=f"{desa.slug}.localhost")
    request.desa = desa
    return request


def _templat(settings, folder, isi):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], folder]}, *settings.TEMPLATES[1:]]
    (folder / "potongan_uji.html").write_text(isi)


def _tampil(desa, varian, isi, **kw):
    return potongan.tampilkan(_request(desa), "uji", varian, "potongan_uji.html", lambda: {"isi": isi}, **kw)


def test_a_piece_is_kept_per_variant_and_village_until_the_site_changes(desa_a, desa_b, tmp_path, settings):
    _templat(settings, tmp_path, "<form>{% csrf_token %}{{ isi }}</form>")
    dibuat = _tampil(desa_a, ("boleh",), "<b>satu</b>")
    assert "&lt;b&gt;satu&lt;/b&gt;" in dibuat and 'name="csrfmiddlewaretoken"' in dibuat
    assert "dua" in _tampil(desa_a, ("tidak",), "dua")
    assert "satu" in _tampil(desa_a, ("boleh",), "lain")  # kept
    assert "tiga" in _tampil(desa_b, ("boleh",), "tiga")  # never another village's
    sitecache.bump_kantor(desa_a.pk)
    assert "satu" in _tampil(desa_a, ("boleh",), "lain")  # the site did not change
    sitecache.bump(desa_a.pk)
    assert "baru" in _tampil(desa_a, ("boleh",), "baru")
    assert "tiga" in _tampil(desa_b, ("boleh",), "lain")


def test_a_back_office_piece_follows_any_change_of_the_village(
    desa_a, desa_b, tmp_path, settings, django_capture_on_commit_callbacks
):
    _templat(settings, tmp_path, "{{ isi }}")
    assert "satu" in _tampil(desa_a, (), "satu", kantor=True)
    assert "b" in _tampil(desa_b, (), "b", kantor=True)
    with django_capture_on_commit_callbacks(execute=True):
        Dusun.objects.create(desa=desa_a, nama="Krajan")  # any row of the village, through its signal
    assert "dua" in _tampil(desa_a, (), "dua", kantor=True)
    assert "b" in _tampil(desa_b, (), "lain", kantor=True)


def test_each_request_gets_its_own_csrf_token(desa_a, tmp_path, settings):
    _templat(settings, tmp_path, "{% csrf_token %}")
    tokens = {_tampil(desa_a, (), "") for _ in range(3)}
    assert len(tokens) == 3 and not any("balaiPotongan" in t for t in tokens)
