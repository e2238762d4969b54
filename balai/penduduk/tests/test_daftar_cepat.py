"""The resident and KK lists cost the same for any size of register: fixed query counts, no
COUNT(*) on page views, keyset pages, and bad pager or search input answered with a page."""

import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from balai.penduduk import kode, selectors
from balai.penduduk.forms import PendudukFilter
from balai.penduduk.models import Penduduk, nama_memuat
from balai.wilayah.models import RT, RW, Dusun

from .factories import make_keluarga, make_penduduk

LIST = "/admin-desa/penduduk/"
KK = "/admin-desa/penduduk/keluarga/"


@pytest.fixture
def tempat(desa_a, no_scopes):
    du = Dusun.objects.create(desa=desa_a, nama="Krajan")
    rw = RW.objects.create(desa=desa_a, dusun=du, nomor=1)
    return RT.objects.create(desa=desa_a, rw=rw, nomor=3)


def _isi(desa, n, rt, start=0):
    with scopes_disabled():
        for i in range(start, start + n):
            kk = make_keluarga(desa, rt=rt)
            make_penduduk(desa, nama=f"Warga {i:03d}", keluarga=kk, rt=rt, rw=rt.rw, dusun=rt.rw.dusun)


def _queries(client, method, path, data=None):
    with CaptureQueriesContext(connection) as q:
        response = getattr(client, method)(path, data or {})
    assert response.status_code == 200
    return len(q), [s["sql"] for s in q.captured_queries], response.content.decode()


PAGES = [
    ("get", LIST, None),
    ("get", LIST, {"hal": "akhir"}),
    ("get", LIST, {"hal": "3"}),
    ("post", LIST, {"q": "warga 0"}),
    ("post", LIST, {"status_dasar": "0"}),
    ("get", KK, None),
    ("get", KK, {"hal": "akhir"}),
]


def test_query_counts_do_not_grow_with_the_register(
    desa_a, operator_a, client_for, tempat, django_capture_on_commit_callbacks
):
    """Two sizes of register, the same queries on every list page, and no COUNT(*) at all."""
    client = client_for(desa_a, operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        _isi(desa_a, 3, tempat)
    client.get(LIST)  # fill the per-village caches (header counts, filter choices)
    kecil = [_queries(client, m, p, d)[0] for m, p, d in PAGES]
    with django_capture_on_commit_callbacks(execute=True):
        _isi(desa_a, 160, tempat, start=3)  # more than three pages
    client.get(LIST)  # the register changed: its cached counts are read again once
    besar = [_queries(client, m, p, d) for m, p, d in PAGES]
    assert kecil == [n for n, _sql, _body in besar]
    for _n, sql, _body in besar:
        assert not any("COUNT(" in s.upper() for s in sql)
    # The plain list shows its place and its total from the cached counts.
    assert "Halaman 1 dari 4 · 163 penduduk hidup" in besar[0][2]
    assert "Halaman 4 dari 4" in besar[1][2] and "Warga 162" in besar[1][2]


def test_next_and_previous_pages_follow_the_cursor(desa_a, operator_a, client_for, tempat):
    client = client_for(desa_a, operator_a)
    _isi(desa_a, 120, tempat)
    body = client.get(LIST).content.decode()
    assert "Warga 000" in body and "Warga 049" in body and "Warga 050" not in body
    after = re.search(r'name="setelah" value="([^"]+)"', body).group(1).replace("&quot;", '"')
    body = client.post(LIST, {"setelah": after}).content.decode()
    assert "Halaman 2 dari 3" in body and "Warga 050" in body and "Warga 099" in body and "Warga 049" not in body
    before = re.search(r'name="sebelum" value="([^"]+)"', body).group(1).replace("&quot;", '"')
    body = client.post(LIST, {"sebelum": before}).content.decode()
    assert "Halaman 1 dari 3" in body and "Warga 000" in body and "Warga 050" not in body
    # A filtered list is not counted: its pager says which page, not of how many.
    body = client.post(LIST, {"q": "warga"}).content.decode()
    assert "Halaman 1</span>" in body and " dari " not in body.split('class="pager"')[1]


@pytest.mark.parametrize(
    "data",
    [
        {"hal": "999999999"},
        {"hal": "10000001"},
        {"hal": "-5"},
        {"hal": "0"},
        {"hal": "abc"},
        {"hal": "1e9"},
        {"setelah": "bukan json"},
        {"setelah": '[1, "x"]'},
        {"setelah": '[1, {"a": 1}, 2]'},
        {"sebelum": "[" + "1," * 500 + "1]"},
        {"setelah": '[2, "a\\u0000b", 1]'},
        {"q": "x" * 5000},
        {"q": "%_\\'\"<script>; DROP TABLE --"},
        {"q": "Ñoño 李 ☺ \u202e"},
        {"q": "a\x00b"},
        {"dusun": "999999"},
        {"rt": "-1"},
        {"status_dasar": "x"},
    ],
)
def test_bad_pager_and_search_input_is_a_clear_page(desa_a, operator_a, client_for, tempat, data):
    _isi(desa_a, 60, tempat)
    client = client_for(desa_a, operator_a)
    normal, _sql, _ = _queries(client, "post", LIST, {})
    n, _sql, body = _queries(client, "post", LIST, data)
    assert n <= normal  # no slower: never more queries than the plain list
    assert "Halaman" in body or "Perbaiki isian" in body
    n, _sql, body = _queries(client, "post", KK, data)
    assert n <= normal


def test_bad_input_is_no_slower_than_a_normal_page(desa_a, operator_a, client_for, tempat):
    _isi(desa_a, 60, tempat)
    client = client_for(desa_a, operator_a)

    def biaya(data):
        client.post(LIST, data)
        with CaptureQueriesContext(connection) as queries:
            client.post(LIST, data)
        times = []
        for _ in range(7):
            start = time.perf_counter()
            client.post(LIST, data)
            times.append(time.perf_counter() - start)
        # the fastest run: other work on a shared machine only slows the rest
        return len(queries), min(times)

    normal_queries, normal_time = biaya({})
    for data in ({"hal": "999999999"}, {"q": "x" * 5000}, {"hal": "-1"}):
        queries, took = biaya(data)
        assert queries <= normal_queries, data
        assert took < normal_time * 3 + 0.02, data


def test_a_search_too_long_says_so_and_lists_nobody(desa_a, operator_a, client_for, tempat):
    _isi(desa_a, 3, tempat)
    body = client_for(desa_a, operator_a).post(LIST, {"q": "w" * 101}, HTTP_HX_REQUEST="true").content.decode()
    assert "Cari nama/NIK:" in body and "100" in body and "Warga 001" not in body


def test_header_counts_are_cached_and_follow_the_register(
    desa_a, tempat, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        with django_capture_on_commit_callbacks(execute=True):
            _isi(desa_a, 2, tempat)
        assert selectors.ringkasan(desa=desa_a)["hidup"] == 2
        with django_assert_num_queries(0):
            selectors.ringkasan(desa=desa_a)
        with django_capture_on_commit_callbacks(execute=True):
            make_penduduk(desa_a, nama="Bayi Baru")
        assert selectors.ringkasan(desa=desa_a)["hidup"] == 3
        p = Penduduk.objects.get(nama="Bayi Baru")
        with django_capture_on_commit_callbacks(execute=True):
            p.status_dasar = kode.MATI
            p.save()
        assert selectors.ringkasan(desa=desa_a)["hidup"] == 2


def test_filter_choices_follow_changes_to_the_places(
    desa_a, operator_a, client_for, tempat, django_capture_on_commit_callbacks
):
    client = client_for(desa_a, operator_a)
    assert "Dusun Krajan" in client.get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        Dusun.objects.create(desa=desa_a, nama="Karanganyar")
    body = client.get(LIST).content.decode()
    assert ">Karanganyar</option>" in body
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        RT.objects.create(desa=desa_a, rw=tempat.rw, nomor=7)
    assert "RT 007 / RW 001 · Dusun Krajan" in client.get(LIST).content.decode()


def test_rows_written_in_python_mask_and_escape(desa_a, operator_a, make_user, client_for, tempat):
    from balai.akun.models import Peran

    with scopes_disabled():
        p = make_penduduk(desa_a, nama="<b>Siti</b> & Co", rt=tempat, rw=tempat.rw, dusun=tempat.rw.dusun)
        make_penduduk(desa_a, nama="Almarhum", status_dasar=kode.MATI)
    body = client_for(desa_a, operator_a).get(LIST).content.decode()
    assert "&lt;b&gt;Siti&lt;/b&gt; &amp; Co" in body and "<b>Siti" not in body
    assert f"<code>{p.nik}</code>" in body and f'href="/admin-desa/penduduk/{p.pk}/"' in body
    assert "003/001" in body and ">Krajan<" in body
    perangkat = make_user(Peran.PERANGKAT_DESA, desa=desa_a)
    body = client_for(desa_a, perangkat).post(LIST, {"status_dasar": "0"}).content.decode()
    assert p.nik not in body and f"{p.nik[:4]}••••••••{p.nik[-4:]}" in body
    assert '<span class="badge off">MATI</span>' in body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def _rencana(qs, *matikan):
    """PostgreSQL's plan for `qs` with the given ways of reading switched off (tiny test tables
    are otherwise read whole, which says nothing about the indexes)."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        for cara in ("seqscan", *matikan):
            cursor.execute(f"SET LOCAL enable_{cara} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_a_search_by_part_of_a_name_can_use_the_trigram_index(desa_a, operator_a, tempat):
    """The index is over the very column every name search compares (`nama_memuat`, see
    PendudukFilter.filter), with the searched text capitalised into a constant the planner can
    look up; were they to drift apart, PostgreSQL would read every living resident of the village."""
    _isi(desa_a, 3, tempat)
    with scopes_disabled():
        qs = Penduduk.objects.filter(nama_memuat("arg")).values("id")
    plan = _rencana(qs, "indexscan", "indexonlyscan")
    assert "penduduk_nama_cari_trigram" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index-only scans are PostgreSQL's")
def test_a_search_for_a_common_fragment_walks_the_list_index_without_reading_rows(desa_a, tempat):
    """A fragment most names share is answered by walking the list's index in name order: the
    capitalised name kept in its entries lets PostgreSQL skip the rows that do not match without
    reading them (the page's own rows are read afterwards, by primary key)."""
    _isi(desa_a, 3, tempat)
    with scopes_disabled():
        saring = PendudukFilter({"q": "warga"}, desa=desa_a, user=None, tempat=selectors.untuk_daftar(desa=desa_a)[1])
        assert saring.is_valid()
        kunci = saring.filter(selectors.pilih_halaman(desa=desa_a)).order_by("nama", "id").values("pk")[:51]
    plan = _rencana(kunci, "bitmapscan", "sort")
    assert "Index Only Scan using penduduk_desa_status_nama" in plan, plan
    assert "nama_cari" in plan and "upper(" not in plan.lower(), plan


def test_a_name_search_ignores_case_and_takes_wildcards_literally(desa_a, tempat):
    with scopes_disabled():
        for nama in ("Sri Wahyuni", "SRIYATUN", "Asrimah", "Budi 100%", "Budi_1", "Budi\\2"):
            make_penduduk(desa_a, nama=nama)

        def cari(q):
            return sorted(Penduduk.objects.filter(nama_memuat(q), desa=desa_a).values_list("nama", flat=True))

        assert cari("sRi") == ["Asrimah", "SRIYATUN", "Sri Wahyuni"]
        assert cari("%") == ["Budi 100%"]
        assert cari("_") == ["Budi_1"]
        assert cari("\\") == ["Budi\\2"]
        assert cari("wahyuni") == ["Sri Wahyuni"]


def test_kk_rows_written_in_python_mask_and_escape(desa_a, operator_a, make_user, client_for, tempat):
    from balai.akun.models import Peran

    with scopes_disabled():
        kk = make_keluarga(desa_a, rt=tempat, rw=tempat.rw, dusun=tempat.rw.dusun, alamat="Jl. <Mawar> & Melati")
        make_penduduk(desa_a, nama="<i>Kepala</i>", keluarga=kk, shdk=kode.KEPALA_KELUARGA)
        make_penduduk(desa_a, keluarga=kk, shdk=3)
        kosong = make_keluarga(desa_a)
    body = client_for(desa_a, operator_a).get(KK).content.decode()
    assert "&lt;i&gt;Kepala&lt;/i&gt;" in body and "<i>Kepala" not in body
    assert "Jl. &lt;Mawar&gt; &amp; Melati" in body and "<td>2</td>" in body and "003/001" in body
    assert f'href="/admin-desa/penduduk/keluarga/{kk.pk}/"><code>{kk.no_kk}</code>' in body
    assert f'href="/admin-desa/penduduk/keluarga/{kosong.pk}/"' in body and "(belum ada)" in body
    perangkat = make_user(Peran.PERANGKAT_DESA, desa=desa_a)
    body = client_for(desa_a, perangkat).get(KK).content.decode()
    assert kk.no_kk not in body and f"{kk.no_kk[:4]}••••••••{kk.no_kk[-4:]}" in body


def test_plain_list_is_rendered_once_per_register_version(
    desa_a, operator_a, client_for, tempat, django_capture_on_commit_callbacks
):
    """The first page everyone opens is kept whole until the register changes."""
    with django_capture_on_commit_callbacks(execute=True):
        _isi(desa_a, 3, tempat)
    client = client_for(desa_a, operator_a)
    first = client.get(LIST).content.decode()
    n, sql, again = _queries(client, "get", LIST)
    assert not any("penduduk_penduduk" in s for s in sql), sql  # neither rows nor counts read
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    isi = [token.sub("", body.split("<main", 1)[1].split("</main>")[0]) for body in (first, again)]
    assert isi[0] == isi[1] and "Warga 002" in again
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        p = Penduduk.objects.get(nama="Warga 001")
        p.nama = "Warga Berganti Nama"
        p.save()
    body = client.get(LIST).content.decode()
    assert "Warga Berganti Nama" in body and "Warga 001" not in body
    with django_capture_on_commit_callbacks(execute=True):
        du = tempat.rw.dusun
        du.nama = "Karangsari"
        du.save()
    body = client.get(LIST).content.decode()
    assert ">Karangsari</option>" in body and ">Krajan</option>" not in body


def test_cached_list_gives_each_browser_its_own_working_csrf_token(desa_a, operator_a, make_user, tempat):
    """The cached page's forms carry the viewer's CSRF token: another browser's would be refused."""
    from django.test import Client

    from balai.akun.models import Peran

    _isi(desa_a, 3, tempat)
    kedua = make_user(Peran.OPERATOR_DESA, desa=desa_a, username="operator-dua")
    for user in (operator_a, kedua):  # the first fills the cache, the second is served from it
        client = Client(HTTP_HOST=f"{desa_a.slug}.localhost", enforce_csrf_checks=True)
        client.force_login(user)
        body = client.get(LIST).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        assert client.post(LIST, {"csrfmiddlewaretoken": token, "q": "warga"}).status_code == 200
        assert client.post(LIST, {"csrfmiddlewaretoken": "x" * 64, "q": "warga"}).status_code == 403


def test_cached_list_follows_the_viewers_rights(desa_a, operator_a, make_user, client_for, tempat):
    """Someone who may only look gets neither the operator's buttons nor whole NIKs from the cache."""
    from balai.akun.models import Peran

    _isi(desa_a, 2, tempat)
    with scopes_disabled():
        nik = Penduduk.objects.filter(desa=desa_a).values_list("nik", flat=True).first()
    operator = client_for(desa_a, operator_a).get(LIST).content.decode()
    assert "+ Kelahiran" in operator and nik in operator
    perangkat = make_user(Peran.PERANGKAT_DESA, desa=desa_a)
    body = client_for(desa_a, perangkat).get(LIST).content.decode()
    assert "Warga 001" in body and "+ Kelahiran" not in body and nik not in body


def test_history_names_who_recorded_each_mutation(desa_a, operator_a, client_for, tempat):
    from datetime import date

    from balai.penduduk.models import Peristiwa

    _isi(desa_a, 1, tempat)
    p = Penduduk.objects.get(nama="Warga 000")
    Peristiwa.objects.create(desa=desa_a, penduduk=p, jenis=Peristiwa.Jenis.LAHIR, tanggal=date(2020, 1, 2))
    Peristiwa.objects.create(
        desa=desa_a, penduduk=p, jenis=Peristiwa.Jenis.LAHIR, tanggal=date(2020, 1, 3), dicatat_oleh=operator_a
    )
    body = client_for(desa_a, operator_a).get(f"{LIST}{p.pk}/").content.decode()
    assert "oleh sistem)" in body and f"oleh {operator_a.username})" in body
    assert body.index("oleh sistem)") < body.index(f"oleh {operator_a.username})")  # oldest first


def test_pages_read_by_their_keys_are_the_pages_read_whole(desa_a, tempat):
    """keyset.paginate with `rows` (keys chosen first, rows read after) gives every page just as
    reading the rows directly does: first, after and before a cursor, a typed number, the last."""
    from balai.core import keyset

    _isi(desa_a, 23, tempat)
    with scopes_disabled():
        make_penduduk(desa_a, nama="Warga 005")  # a name twice: the id decides the order
        tampil = selectors.daftar_penduduk(desa=desa_a).filter(nama_memuat("warga 0"), status_dasar=kode.HIDUP)
        kunci = selectors.pilih_halaman(desa=desa_a).filter(nama_memuat("warga 0"), status_dasar=kode.HIDUP)

        def kedua(data):
            whole = keyset.paginate(tampil, data, fields=("nama", "id"), per_page=4)
            by_key = keyset.paginate(kunci, data, fields=("nama", "id"), per_page=4, rows=tampil)
            assert (by_key.rows, by_key.number, by_key.has_previous, by_key.has_next) == (
                whole.rows,
                whole.number,
                whole.has_previous,
                whole.has_next,
            )
            return by_key

        first = kedua({})
        assert [r["nama"] for r in first] == ["Warga 000", "Warga 001", "Warga 002", "Warga 003"]
        second = kedua({"setelah": first.after})
        assert [r["nama"] for r in second] == ["Warga 004", "Warga 005", "Warga 005", "Warga 006"]
        assert kedua({"sebelum": second.before}).rows == first.rows
        assert [r["nama"] for r in kedua({"hal": "3"})][0] == "Warga 007"
        assert [r["nama"] for r in kedua({"hal": "akhir"})] == ["Warga 019", "Warga 020", "Warga 021", "Warga 022"]
        assert kedua({"hal": "99"}).rows == kedua({"hal": "akhir"}).rows
