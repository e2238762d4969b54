from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.core.registry import ActivityMeasure
from balai.pengawasan import selectors, services
from balai.pengawasan.models import KecamatanSipande, SkorDesa
from balai.website.models import Artikel
from balai.wilayah.models import Desa

pytestmark = pytest.mark.django_db


def terbit(desa, hari_lalu, n=1):
    with scopes_disabled():
        for i in range(n):
            Artikel.objects.create(
                desa=desa,
                judul=f"Kabar {hari_lalu} {i}",
                slug=f"kabar-{hari_lalu}-{i}",
                isi="<p>x</p>",
                status=Artikel.Status.TERBIT,
                terbit_pada=timezone.now() - timedelta(days=hari_lalu, hours=i),
            )


def skor_dari(desa):
    with scopes_disabled():
        return SkorDesa.objects.get(desa=desa)


@pytest.mark.parametrize(
    ("angka", "penuh", "nol", "nilai"),
    [
        (8, 8, 0, 100),
        (12, 8, 0, 100),
        (4, 8, 0, 50),
        (0, 8, 0, 0),
        (None, 8, 0, 0),
        (3, 3, 60, 100),
        (1, 3, 60, 100),
        (60, 3, 60, 0),
        (90, 3, 60, 0),
        (31.5, 3, 60, 50),
    ],
)
def test_a_measure_earns_full_marks_at_penuh_and_none_at_nol(angka, penuh, nol, nilai):
    ukuran = ActivityMeasure("x", "x", "konten", "x", penuh=penuh, nol=nol)
    assert services.nilai_ukuran(ukuran, angka) == nilai


def test_unmeasured_parts_do_not_pull_the_score_down():
    bobot = {"konten": 50, "ppid": 50}
    assert services.skor_total({"konten": 80, "ppid": None}, bobot) == 80
    assert services.skor_total({"konten": 80, "ppid": 40}, bobot) == 60
    assert services.skor_total({"konten": None, "ppid": None}, bobot) == 0


def test_a_village_that_publishes_scores_higher_than_one_that_does_not(kabupaten, desa_a, desa_b):
    terbit(desa_a, 1, n=8)
    assert services.hitung_skor(kabupaten=kabupaten) == 2
    a, b = skor_dari(desa_a), skor_dari(desa_b)
    assert a.ukuran["konten.artikel"] == [8, 100]
    assert a.ukuran["konten.hari_sejak_terbit"][1] == 100
    assert b.ukuran["konten.artikel"] == [None, 0]
    assert a.bagian["konten"] > b.bagian["konten"] == 0
    assert a.total > b.total
    # Computing again the same month updates the month's row instead of adding one.
    services.hitung_skor(kabupaten=kabupaten)
    with scopes_disabled():
        assert SkorDesa.objects.count() == 2


def test_scoring_costs_the_same_queries_for_two_or_twenty_villages(
    kabupaten, desa_a, desa_b, kaligondang, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        services.hitung_skor(kabupaten=kabupaten)
    for i in range(18):
        Desa.objects.create(kecamatan=kaligondang, kode=f"33.03.04.29{i:02d}", nama=f"Uji {i}", slug=f"uji-{i}")
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        assert services.hitung_skor(kabupaten=kabupaten) == 20


def test_weights_must_add_up_to_100(kabupaten, make_user):
    admin = make_user(Peran.ADMIN_KABUPATEN)
    bobot = {"konten": 50, "ppid": 20, "layanan": 20, "register": 5, "transparansi": 5, "keamanan": 5}
    with pytest.raises(ValidationError, match="Jumlah bobot harus 100; sekarang 105"):
        services.simpan_pengaturan(kabupaten=kabupaten, bobot=bobot, ambang_aktif=60, actor=admin)
    bobot["konten"] = 45
    atur = services.simpan_pengaturan(kabupaten=kabupaten, bobot=bobot, ambang_aktif=70, actor=admin)
    assert atur.bobot["konten"] == 45 and atur.ambang_aktif == 70
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="pengawasan.bobot_diubah").exists()


def test_the_weights_form_says_what_is_wrong(client_for, kabupaten, make_user):
    client = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN))
    data = {
        "ambang_aktif": 60,
        "bobot_konten": 30,
        "bobot_ppid": 30,
        "bobot_layanan": 30,
        "bobot_register": 30,
        "bobot_transparansi": 0,
        "bobot_keamanan": 0,
        "bobot_pembinaan": 0,
    }
    jawab = client.post("/dasbor/skor/pengaturan/", data)
    assert jawab.status_code == 200
    assert "Jumlah bobot harus 100; sekarang 120" in jawab.content.decode()
    data["bobot_register"] = 10
    assert client.post("/dasbor/skor/pengaturan/", data).status_code == 302


def test_the_ranking_page_and_export(client_for, kabupaten, desa_a, desa_b, make_user, django_assert_max_num_queries):
    terbit(desa_a, 2, n=3)
    services.hitung_skor(kabupaten=kabupaten)
    client = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN))
    with django_assert_max_num_queries(20):
        halaman = client.get("/dasbor/skor/").content.decode()
    assert halaman.index(desa_a.nama) < halaman.index(desa_b.nama)
    wb = load_workbook(BytesIO(client.get("/dasbor/skor/unduh/").content))
    baris = list(wb.active.iter_rows(values_only=True))
    assert baris[2][2] == desa_a.nama and baris[3][2] == desa_b.nama
    assert client.get(f"/dasbor/skor/desa/{desa_b.pk}/").status_code == 200


def test_sipande_status_names_the_villages_that_hold_a_kecamatan_back(
    client_for, kabupaten, kaligondang, desa_a, make_user
):
    tertinggal = Desa.objects.create(kecamatan=kaligondang, kode="33.03.04.2999", nama="Tertinggal", slug="tertinggal")
    terbit(desa_a, 1, n=8)
    services.hitung_skor(kabupaten=kabupaten)
    # Active from the score the publishing village earned (its news, nothing else yet).
    assert skor_dari(desa_a).total > skor_dari(tertinggal).total
    atur = services.pengaturan(kabupaten)
    atur.ambang_aktif = skor_dari(desa_a).total
    atur.save()
    KecamatanSipande.objects.create(kecamatan=kaligondang)
    status, _ = selectors.status_sipande(
        kabupaten=kabupaten, bulan=selectors.bulan_terakhir(kabupaten=kabupaten), kecamatan=kaligondang
    )
    [st] = status
    assert st.punya_sipande and st.jumlah_desa == 2 and not st.semua_aktif
    assert [d for d, _total, _alasan in st.penahan] == [tertinggal]
    operator = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    halaman = client_for(kaligondang, operator).get("/dasbor/sipande/").content.decode()
    assert "Tertinggal" in halaman and "memakai Sipande" in halaman


def test_a_kecamatan_sees_only_its_own_villages(client_for, kabupaten, kaligondang, desa_a, desa_b, make_user):
    services.hitung_skor(kabupaten=kabupaten)
    client = client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang))
    assert client.get(f"/dasbor/skor/desa/{desa_a.pk}/").status_code == 200
    assert client.get(f"/dasbor/skor/desa/{desa_b.pk}/").status_code == 404
    assert desa_b.nama not in client.get("/dasbor/sipande/").content.decode()
    # The ranking of the whole kabupaten is the kabupaten's page only.
    assert client.get("/dasbor/skor/").status_code == 404


def test_the_kabupaten_marks_a_kecamatan_as_running_sipande(client_for, kabupaten, kaligondang, make_user):
    client = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN))
    assert client.post(f"/dasbor/sipande/{kaligondang.pk}/atur/", {"punya": "1"}).status_code == 302
    assert KecamatanSipande.objects.filter(kecamatan=kaligondang).exists()
    assert client.post(f"/dasbor/sipande/{kaligondang.pk}/atur/", {"punya": "0"}).status_code == 302
    assert not KecamatanSipande.objects.exists()


def test_dashboards_show_active_villages_from_the_same_scores(
    client_for, kabupaten, kaligondang, desa_a, desa_b, make_user
):
    services.hitung_skor(kabupaten=kabupaten)
    kab = client_for(kabupaten, make_user(Peran.ADMIN_KABUPATEN)).get("/dasbor/").content.decode()
    kec = client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)).get("/dasbor/")
    assert "0/2</strong> desa aktif" in kab
    assert "0/1</strong> desa aktif" in kec.content.decode()
    assert "desa tertinggal" in kec.content.decode()
