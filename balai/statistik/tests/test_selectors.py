import datetime

import pytest
from django_scopes import scope, scopes_disabled

from balai.penduduk import kode
from balai.penduduk.tests.factories import make_penduduk
from balai.statistik import samar, selectors
from balai.statistik.dimensi import DAFTAR, DIMENSI, mundur_tahun, untuk

pytestmark = pytest.mark.django_db


def row(tabel, label):
    return next(b for b in tabel.baris if b.label == label)


def test_at_least_twenty_dimensions_per_level():
    assert len(untuk("desa")) >= 20
    assert len(untuk("kecamatan")) >= 20
    assert {"umur", "jenis_kelamin", "agama", "pendidikan_kk", "pekerjaan", "cacat", "rt"} <= set(DIMENSI)


def test_mundur_tahun_leap_day():
    assert mundur_tahun(datetime.date(2024, 2, 29), 1) == datetime.date(2023, 2, 28)
    assert mundur_tahun(datetime.date(2024, 3, 1), 5) == datetime.date(2019, 3, 1)


def test_kelompok_umur_counts(desa_a, warga_a, warga_b):
    with scope(desa=desa_a):
        t = selectors.penduduk_stats(desa=desa_a, dimensi="umur")
    assert [b.label for b in t.baris][:2] == ["0–4 tahun", "5–9 tahun"]
    assert len(t.baris) == 16
    assert (row(t, "0–4 tahun").laki_laki, row(t, "0–4 tahun").perempuan) == (1, 1)
    assert row(t, "5–9 tahun").jumlah == 1
    assert row(t, "60–64 tahun").perempuan == 2
    assert row(t, "75 tahun ke atas").jumlah == 1  # the dead man of 80 is not counted
    assert (t.total.laki_laki, t.total.perempuan, t.total.jumlah) == (4, 8, 12)
    assert row(t, "0–4 tahun").persen == pytest.approx(16.67)


def test_age_boundary_is_the_birthday(desa_a):
    today = datetime.date(2026, 6, 15)
    with scopes_disabled():
        make_penduduk(desa_a, tanggal_lahir=datetime.date(2021, 6, 15))  # 5 today
        make_penduduk(desa_a, tanggal_lahir=datetime.date(2021, 6, 16))  # 5 tomorrow
    with scope(desa=desa_a):
        t = selectors.penduduk_stats(desa=desa_a, dimensi="umur", tanggal=today)
    assert row(t, "0–4 tahun").jumlah == 1
    assert row(t, "5–9 tahun").jumlah == 1


@pytest.mark.parametrize(
    "dimensi,label,expected",
    [
        ("agama", "ISLAM", 10),
        ("agama", "KRISTEN", 2),
        ("shdk", "KEPALA KELUARGA", 3),
        ("shdk", "FAMILI LAIN", 3),
        ("status_kawin", "CERAI MATI", 1),
        ("cacat", "CACAT NETRA/BUTA", 1),
        ("cacat", "BELUM MENGISI", 11),
        ("rt", "RT 001 / RW 001", 6),
        ("dusun", "Krajan", 12),
        ("keluarga_dusun", "Krajan", 3),
        ("akta_lahir", "PUNYA AKTA KELAHIRAN", 1),
        ("hamil", "SEDANG HAMIL", 1),
        ("hamil", "TIDAK HAMIL", 7),
        ("umur_produktif", "65 tahun ke atas", 2),
        ("status_dasar", "MATI", 1),
        ("status_dasar", "HIDUP", 12),
        ("bahasa", "ARAB DAN LATIN", 1),
        ("bahasa", "BELUM MENGISI", 11),
    ],
)
def test_dimension_counts(desa_a, warga_a, warga_b, dimensi, label, expected):
    with scope(desa=desa_a):
        t = selectors.penduduk_stats(desa=desa_a, dimensi=dimensi)
    assert row(t, label).jumlah == expected


def test_kepala_keluarga_by_sex(desa_a, warga_a):
    with scope(desa=desa_a):
        t = selectors.penduduk_stats(desa=desa_a, dimensi="kepala_keluarga")
    assert (row(t, "LAKI-LAKI").jumlah, row(t, "PEREMPUAN").jumlah, t.total.jumlah) == (2, 1, 3)


def test_every_dimension_runs_and_totals_agree(desa_a, warga_a):
    with scope(desa=desa_a):
        for dim in untuk("desa"):
            t = selectors.penduduk_stats(desa=desa_a, dimensi=dim)
            assert t.total.jumlah == sum(b.jumlah for b in t.baris), dim.key
            assert t.total.jumlah == t.total.laki_laki + t.total.perempuan, dim.key


def test_kecamatan_and_kabupaten_aggregates(desa_a, desa_b, warga_a, warga_b, kabupaten):
    t = selectors.penduduk_stats(kecamatan=desa_a.kecamatan, dimensi="jenis_kelamin")
    assert t.total.jumlah == 12
    t = selectors.penduduk_stats(kabupaten=kabupaten, dimensi="agama")
    assert t.total.jumlah == 15 and row(t, "HINDU").jumlah == 3
    r = selectors.per_desa(kabupaten=kabupaten, dimensi="agama")
    assert [(d.nama, total) for d, _v, total in r["baris"]] == [("Selakambang", 12), ("Karangpetir", 3)] or [
        (d.nama, total) for d, _v, total in r["baris"]
    ] == [("Karangpetir", 3), ("Selakambang", 12)]
    assert r["jumlah"] == 15
    r = selectors.per_desa(kecamatan=desa_a.kecamatan, dimensi="agama")
    assert [d.nama for d, _v, _t in r["baris"]] == ["Selakambang"]


def _bulk(desa, n):
    from balai.penduduk.models import Penduduk

    with scopes_disabled():
        proto = Penduduk.objects.filter(desa=desa).values().first()
    proto.pop("id")
    rows = []
    for i in range(n):
        d = dict(proto, nik=f"{3303040000000000 + i}", tanggal_lahir=datetime.date(1940 + i % 80, 1 + i % 12, 1))
        d.update(jenis_kelamin=1 + i % 2, agama=1 + i % 6, pekerjaan=1 + i % 80, suku=f"Suku {i % 7}")
        rows.append(Penduduk(**d))
    Penduduk.objects.bulk_create(rows, batch_size=500)
    # Village figures are cached per site version; a bulk load bumps it, as the importer does.
    from balai.core import sitecache

    sitecache.bump(desa.pk)


def test_query_count_does_not_grow(desa_a, warga_a, django_assert_max_num_queries):
    kode.semua()
    for size in (12, 2012):
        if size == 2012:
            _bulk(desa_a, 2000)
        with scope(desa=desa_a):
            for dim in untuk("desa"):
                with django_assert_max_num_queries(2 if dim.labels == "wilayah" else 1):
                    t = selectors.penduduk_stats(desa=desa_a, dimensi=dim)
                if dim.key == "jenis_kelamin":
                    assert t.total.jumlah == size


def test_samarkan_small_cells(desa_a, warga_banyak):
    with scope(desa=desa_a):
        exact = selectors.penduduk_stats(desa=desa_a, dimensi="cacat")
        t = samar.samarkan(exact)
    assert t.disamarkan and not exact.disamarkan  # the back-office table stays exact
    netra = row(t, "CACAT NETRA/BUTA")
    assert netra.sel_jumlah == "< 5" and netra.sel_lk is None and netra.persen_tampil is None
    assert row(t, "TIDAK CACAT").sel_jumlah == row(t, "BELUM MENGISI").sel_jumlah == selectors.SISA
    # Zeros are masked too, and no exact count is left in the public copy.
    assert all(b.sel_jumlah == "< 5" for b in t.baris if row(exact, b.label).jumlah < 5)
    assert all(b.laki_laki == b.perempuan == 0 for b in [*t.baris, t.total])
    assert t.total.sel_jumlah == samar.bulatkan(exact.total.jumlah) == 60


def test_samarkan_rounds_large_cells():
    from balai.statistik.selectors import Baris, Tabel

    counts = [(1, 40, 20, 60), (2, 6, 7, 13), (3, 0, 0, 0), (4, 3, 4, 7)]
    rows = [Baris(k, f"K{k}", lk, pr, n, tetap=True) for k, lk, pr, n in counts]
    t = samar.samarkan(Tabel(DIMENSI["cacat"], rows, Baris("", "JUMLAH", 49, 31, 80)))
    assert [(b.sel_lk, b.sel_pr, b.sel_jumlah) for b in t.baris] == [
        (None, None, selectors.SISA),  # at least 80 // 4 people
        (None, None, 15),
        (None, None, "< 5"),
        (None, None, 5),
    ]
    assert t.total.sel_jumlah == 80
    assert [b.jumlah for b in rows] == [60, 13, 0, 7]  # the exact table is left alone


def test_all_dimensions_have_titles():
    assert all(d.judul for d in DAFTAR)


def test_per_desa_table_matches_aggregate_and_is_cached(
    kabupaten, desa_a, desa_b, warga_a, warga_b, django_assert_max_num_queries
):
    kode.semua()
    for dim in ("agama", "umur", "cacat", "suku"):
        r = selectors.per_desa(kabupaten=kabupaten, dimensi=dim)
        direct = selectors.penduduk_stats(kabupaten=kabupaten, dimensi=dim)
        assert [(b.label, b.laki_laki, b.perempuan, b.jumlah) for b in r["tabel"].baris] == [
            (b.label, b.laki_laki, b.perempuan, b.jumlah) for b in direct.baris
        ], dim
        assert r["jumlah"] == direct.total.jumlah == 15
    with django_assert_max_num_queries(1):  # village names only; the counts come from the cache
        selectors.per_desa(kabupaten=kabupaten, dimensi="agama")
