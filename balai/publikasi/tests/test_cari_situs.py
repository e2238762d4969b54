"""The village site search (/cari/ on a village host) over every registered source."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import pencarian
from balai.core.registry import SearchSource, extensions
from balai.website.models import Artikel, Halaman


def _artikel(desa, judul, *, status=Artikel.Status.TERBIT, **kw):
    from django.utils.text import slugify

    with scopes_disabled():
        return Artikel.objects.create(
            desa=desa,
            judul=judul,
            slug=slugify(judul)[:200],
            ringkasan=kw.pop("ringkasan", "Ringkasan."),
            isi="<p>Isi.</p>",
            status=status,
            terbit_pada=None if status == Artikel.Status.DRAFT else timezone.now() - timedelta(hours=1),
            **kw,
        )


@pytest.fixture
def isi_desa(buat, desa_a, desa_b):
    """One published item of every kind about "posyandu" in village A, and unpublished ones."""
    _artikel(desa_a, "Posyandu balita Dusun Krajan")
    _artikel(desa_a, "Draf posyandu", status=Artikel.Status.DRAFT)
    _artikel(desa_b, "Posyandu di desa lain")
    with scopes_disabled():
        Halaman.objects.create(desa=desa_a, judul="Layanan", slug="layanan", isi="<p>Jadwal posyandu tiap bulan</p>")
        Halaman.objects.create(desa=desa_a, judul="Rahasia posyandu", slug="rahasia", isi="x", terbit=False)
    buat.pengumuman(judul="Posyandu pindah ke balai desa")
    buat.pengumuman(
        judul="Posyandu lama",
        mulai_tayang=timezone.now() - timedelta(days=9),
        berlaku_sampai=timezone.now() - timedelta(days=1),
    )
    buat.pengumuman(judul="Posyandu draf", terbit=False)
    buat.agenda(judul="Posyandu lansia", lokasi="Balai Desa")
    buat.agenda(judul="Posyandu rencana", status="draft")
    buat.dokumen(judul="Daftar posyandu 2026")
    buat.dokumen(judul="Posyandu belum terbit", terbit=False)


def test_village_search_finds_every_kind_published_only(client_for, desa_a, isi_desa):
    body = client_for(desa_a).get("/cari/?q=posyandu").content.decode()
    for judul in (
        "Posyandu balita Dusun Krajan",
        "Layanan",
        "Posyandu pindah ke balai desa",
        "Posyandu lansia",
        "Daftar posyandu 2026",
    ):
        assert judul in body
    for tersembunyi in (
        "Draf posyandu",
        "Posyandu di desa lain",
        "Rahasia posyandu",
        "Posyandu lama",
        "Posyandu draf",
        "Posyandu rencana",
        "Posyandu belum terbit",
    ):
        assert tersembunyi not in body
    assert "<strong>5</strong> hasil untuk “posyandu”" in body
    assert "Berita (1)" in body and "Dokumen (1)" in body


def test_village_search_box_is_in_the_header_of_every_page(client_for, desa_a):
    for path in ("/", "/artikel/", "/agenda/", "/statistik/"):
        body = client_for(desa_a).get(path).content.decode()
        assert re.search(r'<form class="site-search" method="get" action="/cari/" role="search">', body), path


def test_village_search_pages_one_kind(client_for, desa_a):
    for i in range(23):
        _artikel(desa_a, f"Kerja bakti nomor {i}")
    c = client_for(desa_a)
    ringkas = c.get("/cari/?q=kerja+bakti").content.decode()
    assert "<strong>23</strong> hasil" in ringkas
    assert ringkas.count('class="card-artikel"') == 5 and "Lihat semua 23 berita" in ringkas
    hal3 = c.get("/cari/?q=kerja+bakti&jenis=artikel&halaman=3").content.decode()
    assert hal3.count('class="card-artikel"') == 3 and "Halaman 3 dari 3" in hal3
    assert "jenis=artikel&amp;halaman=2" in hal3
    # an unknown kind shows the overview; an absurd page number the last page
    assert "Lihat semua 23 berita" in c.get("/cari/?q=kerja+bakti&jenis=tidak-ada").content.decode()
    jauh = c.get("/cari/?q=kerja+bakti&jenis=artikel&halaman=99999999999999999999")
    assert "Halaman 3 dari 3" in jauh.content.decode()


@pytest.mark.parametrize(
    "q",
    ["a" * 5000, "%", "_", "' OR 1=1 --", "\u0001\u200b", "<script>alert(1)</script>", "  ", "posyandu\tbalita\n"],
)
def test_village_search_takes_odd_input(client_for, desa_a, isi_desa, q):
    r = client_for(desa_a).get("/cari/", {"q": q})
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.content.decode()


def test_village_search_queries_are_bounded(client_for, desa_a, isi_desa, django_assert_max_num_queries):
    for i in range(30):
        _artikel(desa_a, f"Posyandu kabar {i}")
    c = client_for(desa_a)
    # the host, site settings and menu, then a count and a page for each source
    with django_assert_max_num_queries(8 + 2 * len(extensions(SearchSource))):
        assert c.get("/cari/?q=posyandu").status_code == 200
    with django_assert_max_num_queries(8 + len(extensions(SearchSource)) + 1):
        assert c.get("/cari/?q=posyandu&jenis=artikel&halaman=2").status_code == 200


def test_search_text_is_cleaned():
    assert pencarian.bersihkan("  posyandu\x00 \n balita\u200b ") == "posyandu balita"
    assert len(pencarian.bersihkan("x" * 1000)) == pencarian.MAKS_PANJANG
    assert pencarian.bersihkan(None) == ""
