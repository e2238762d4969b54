"""Pieces of back-office pages kept per village site version (balai.core.potongan)."""

from django.test import RequestFactory

from balai.core import potongan, sitecache


def _request(desa):
    request = RequestFactory().get("/", HTTP_HOST=f"{desa.slug}.localhost")
    request.desa = desa
    return request


def _templat(settings, folder):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], folder]}, *settings.TEMPLATES[1:]]


def test_a_piece_is_kept_per_variant_and_village_until_the_village_changes(desa_a, desa_b, tmp_path, settings):
    _templat(settings, tmp_path)
    (tmp_path / "potongan_uji.html").write_text("<form>{% csrf_token %}{{ isi }}</form>")
    a = _request(desa_a)
    assert potongan.ambil(a, "uji", ("boleh",)) is None
    dibuat = potongan.buat(a, "uji", ("boleh",), "potongan_uji.html", {"isi": "<b>satu</b>"})
    assert "&lt;b&gt;satu&lt;/b&gt;" in dibuat and 'name="csrfmiddlewaretoken"' in dibuat
    potongan.buat(a, "uji", ("tidak",), "potongan_uji.html", {"isi": "dua"})
    assert "satu" in potongan.ambil(_request(desa_a), "uji", ("boleh",))
    assert "dua" in potongan.ambil(_request(desa_a), "uji", ("tidak",))
    assert potongan.ambil(_request(desa_b), "uji", ("boleh",)) is None  # never another village's
    sitecache.bump(desa_a.pk)
    assert potongan.ambil(_request(desa_a), "uji", ("boleh",)) is None
    potongan.buat(a, "uji", ("boleh",), "potongan_uji.html", {"isi": "tiga"})
    potongan.lupakan("uji", desa_a.pk)
    assert potongan.ambil(_request(desa_a), "uji", ("boleh",)) is None


def test_each_request_gets_its_own_csrf_token(desa_a, tmp_path, settings):
    _templat(settings, tmp_path)
    (tmp_path / "potongan_uji.html").write_text("{% csrf_token %}")
    potongan.buat(_request(desa_a), "uji", (), "potongan_uji.html", {})
    tokens = {potongan.ambil(_request(desa_a), "uji", ()) for _ in range(3)}
    assert len(tokens) == 3 and not any("balaiPotongan" in t for t in tokens)
