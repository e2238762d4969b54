import csv
import datetime
import io
import logging
import random
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled
from openpyxl import Workbook

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.penduduk import ekspor, kode
from balai.penduduk.models import ImporPenduduk, Keluarga, Penduduk
from balai.penduduk.opensid import KOLOM
from balai.penduduk.synth import Generator, opensid_row
from balai.wilayah.models import RT, RW, Dusun

from .factories import make_penduduk, nik_for

# A writing import on PostgreSQL saves its progress through a second connection, which sees only
# committed rows (impor.job.Progress): these tests commit instead of rolling back.
pytestmark = pytest.mark.django_db(transaction=True)

TEMPAT = [("Krajan", 1, 1), ("Krajan", 1, 2), ("Sindang", 2, 1)]


def synth_rows(n=25, seed=3):
    gen = Generator(random.Random(seed), today=datetime.date(2025, 6, 1))
    return list(gen.penduduk("330304", TEMPAT, n))


def csv_bytes(rows, header=KOLOM, delimiter=","):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows, header=KOLOM, merge=None, row=1, column=1):
    """The rows under the header, the header's first cell at (row, column)."""
    wb = Workbook()
    ws = wb.active
    for i, values in enumerate([header, *rows]):
        for j, value in enumerate(values):
            ws.cell(row=row + i, column=column + j, value=value)
    if merge:
        ws.merge_cells(merge)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, content, name="penduduk.csv", mode="semua"):
    if mode == "valid_saja":  # offered only after a check
        upload(client, content, name, mode="uji")
        return client.post(f"/admin-desa/penduduk/impor/{last_job().pk}/lanjut/", {"mode": mode}, follow=True)
    return client.post(
        "/admin-desa/penduduk/impor/", {"berkas": SimpleUploadedFile(name, content), "mode": mode}, follow=True
    )


def last_job():
    with scopes_disabled():
        return ImporPenduduk.objects.latest("dibuat")


def count(desa):
    with scopes_disabled():
        return Penduduk.objects.filter(desa=desa).count()


def messages_of(job):
    return " | ".join(g["pesan"] for g in job.galat)


@pytest.fixture
def client_a(desa_a, operator_a, client_for):
    return client_for(desa_a, operator_a)


def test_csv_import_creates_register_with_regions_and_families(desa_a, client_a, monkeypatch):
    from balai.penduduk import impor

    monkeypatch.setattr(impor.job, "ANALYZE_SETELAH", 10)  # PostgreSQL: analyse after this import too
    rows = synth_rows(40)
    response = upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    job = last_job()
    assert job.status == "selesai", job.pesan
    assert job.jumlah_baru == len(rows) and job.jumlah_galat == 0
    assert "Selesai" in response.content.decode()
    with scopes_disabled():
        assert Penduduk.objects.filter(desa=desa_a).count() == len(rows)
        assert set(Dusun.objects.filter(desa=desa_a).values_list("nama", flat=True)) >= {"Krajan"}
        kks = {r["no_kk"] for r in rows}
        assert Keluarga.objects.filter(desa=desa_a).count() == len(kks)
        heads = Penduduk.objects.filter(desa=desa_a, shdk=1).count()
        assert heads == len(kks)
        p = Penduduk.objects.get(desa=desa_a, nik=rows[0]["nik"])
        assert p.rt is not None and p.dusun_id == p.rt.rw.dusun_id
        assert AuditEntry.objects.filter(action="penduduk.diimpor").count() == 1
        assert not job.berkas, "the uploaded file is removed once imported"


def _snapshot(desa):
    fields = [f.name for f in Penduduk._meta.concrete_fields if f.name not in ("id", "dibuat", "diperbarui")]
    with scopes_disabled():
        return {
            p["nik"]: p
            for p in Penduduk.objects.filter(desa=desa).values(*fields, "keluarga__no_kk", "rt__nomor", "rw__nomor")
        }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_round_trips_without_loss(desa_a, client_a, fmt):
    rows = synth_rows(30)
    rows[0].update(
        lat=None, dokumen_pasport="X123456", tanggal_akhir_paspor=datetime.date(2030, 1, 31), tag_id_card="ABC"
    )
    rows[1]["alamat_sekarang"] = 'Jl. Mawar, Gang 2 "Baru"'
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    with scopes_disabled():
        p = Penduduk.objects.get(desa=desa_a, nik=rows[2]["nik"])
        p.lat, p.lng = "-7.39123456", "109.36123456"
        p.save()
        make_penduduk(desa_a, nama="Sudah Meninggal", status_dasar=kode.MATI)
    before = _snapshot(desa_a)
    response = client_a.post("/admin-desa/penduduk/ekspor/", {"format": fmt, "status_dasar": "0"})
    content = b"".join(response.streaming_content) if fmt == "csv" else b"".join(response.streaming_content)
    # Scramble the register, then import the export: every value comes back, nothing is duplicated.
    with scopes_disabled():
        Penduduk.objects.filter(desa=desa_a).update(nama="X", pekerjaan=1, tanggal_lahir=datetime.date(2000, 1, 1))
    upload(client_a, content, name=f"ekspor.{fmt}")
    job = last_job()
    assert job.status == "selesai" and job.jumlah_galat == 0, messages_of(job)
    assert job.jumlah_diubah == len(before) and job.jumlah_baru == 0
    after = _snapshot(desa_a)
    for nik in before:
        assert after[nik] == before[nik], {f: (v, after[nik][f]) for f, v in before[nik].items() if after[nik][f] != v}
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="penduduk.diekspor").exists()


def test_dates_in_the_forms_spreadsheets_hold(desa_a, client_a):
    rows = synth_rows(4, seed=5)
    cells = [opensid_row(r) for r in rows]
    i = KOLOM.index("tanggallahir")
    forms = [
        lambda d: d.strftime("%d/%m/%Y"),
        lambda d: d.isoformat(),
        lambda d: str((d - datetime.date(1899, 12, 30)).days),
        lambda d: d.strftime("%d-%m-%Y"),
    ]
    for c, r in zip(cells, rows, strict=False):
        c[i] = forms[rows.index(r) % 4](r["tanggal_lahir"])
    upload(client_a, csv_bytes(cells))
    job = last_job()
    assert job.jumlah_galat == 0, messages_of(job)
    # Excel: real date cells and serial numbers.
    rows2 = synth_rows(4, seed=6)
    cells2 = [opensid_row(r, untuk_excel=True) for r in rows2]
    cells2[0][i] = (rows2[0]["tanggal_lahir"] - datetime.date(1899, 12, 30)).days
    upload(client_a, xlsx_bytes(cells2), name="data.xlsx")
    job = last_job()
    assert job.jumlah_galat == 0, messages_of(job)
    with scopes_disabled():
        for r in rows + rows2:
            assert Penduduk.objects.get(desa=desa_a, nik=r["nik"]).tanggal_lahir == r["tanggal_lahir"]


def test_reimport_updates_by_nik(desa_a, client_a):
    rows = synth_rows(20)
    content = csv_bytes([opensid_row(r) for r in rows])
    upload(client_a, content)
    rows[3]["nama"] = "Nama Sudah Diperbaiki"
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    job = last_job()
    assert (job.jumlah_baru, job.jumlah_diubah) == (0, len(rows))
    assert count(desa_a) == len(rows)
    with scopes_disabled():
        assert Penduduk.objects.get(desa=desa_a, nik=rows[3]["nik"]).nama == "Nama Sudah Diperbaiki"


def test_reimport_can_move_the_head_of_a_family(desa_a, client_a):
    rows = [r for r in synth_rows(30) if True]
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    family = [r for r in rows if r["no_kk"] == rows[0]["no_kk"]]
    assert len(family) >= 2
    family[0]["shdk"], family[1]["shdk"] = 3 if family[1]["jenis_kelamin"] == 1 else 2, 1
    family[0]["shdk"] = 2 if family[0]["jenis_kelamin"] == 1 else 3
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    job = last_job()
    assert job.jumlah_galat == 0, messages_of(job)
    with scopes_disabled():
        head = Penduduk.objects.get(desa=desa_a, keluarga__no_kk=rows[0]["no_kk"], shdk=1, status_dasar=1)
    assert head.nik == family[1]["nik"]


def test_dry_run_writes_nothing_and_can_then_import(desa_a, client_a):
    rows = synth_rows(10)
    response = upload(client_a, csv_bytes([opensid_row(r) for r in rows]), mode="uji")
    job = last_job()
    assert job.status == "selesai" and "semuanya valid" in job.pesan
    assert count(desa_a) == 0
    assert "Impor berkas ini sekarang" in response.content.decode()
    client_a.post(f"/admin-desa/penduduk/impor/{job.pk}/lanjut/", {"mode": "semua"})
    assert count(desa_a) == len(rows)


def test_progress_partial_for_htmx(desa_a, client_a):
    upload(client_a, csv_bytes([opensid_row(r) for r in synth_rows(5)]), mode="uji")
    job = last_job()
    body = client_a.get(f"/admin-desa/penduduk/impor/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "5 baris diperiksa: 5 valid" in body and "<html" not in body
    # While running: the bar, with the share done.
    with scopes_disabled():
        ImporPenduduk.objects.filter(pk=job.pk).update(
            status="berjalan", kemajuan=37, pesan="Memeriksa baris 2 dari 5…"
        )
    body = client_a.get(f"/admin-desa/penduduk/impor/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert '<progress max="100" value="37"' in body and "Memeriksa baris 2 dari 5" in body


# Bad input: each case gets a clear message and the register is unchanged. -------------------


def test_wrong_column_set(desa_a, client_a):
    header = [c for c in KOLOM if c != "agama_id"] + ["agama"]
    upload(client_a, csv_bytes([opensid_row(r) for r in synth_rows(3)], header=header))
    job = last_job()
    assert job.status == "gagal"
    assert "kolom yang tidak ada: agama_id" in job.pesan and "tidak dikenal: agama" in job.pesan
    assert count(desa_a) == 0


def test_merged_cells(desa_a, client_a):
    upload(client_a, xlsx_bytes([opensid_row(r, untuk_excel=True) for r in synth_rows(3)], merge="A2:A3"), "a.xlsx")
    job = last_job()
    assert job.status == "gagal" and "sel gabungan" in job.pesan and "A2:A3" in job.pesan
    assert count(desa_a) == 0


def test_merged_cells_after_rows_in_error(desa_a, client_a):
    cells = [opensid_row(r, untuk_excel=True) for r in synth_rows(3)]
    cells[0][KOLOM.index("nik")] = "123"
    upload(client_a, xlsx_bytes(cells, merge="B3:B4"), "a.xlsx", mode="valid_saja")
    job = last_job()
    # Excel lists merged ranges after the rows: known once they are checked, before any is written.
    assert job.status == "gagal" and "1 sel gabungan (merge), mis. B3:B4" in job.pesan
    assert count(desa_a) == 0


def test_sheet_starting_elsewhere_keeps_its_letters_and_row_numbers(desa_a, client_a):
    cells = [opensid_row(r, untuk_excel=True) for r in synth_rows(4)]
    cells[1][KOLOM.index("agama_id")] = "ISLAM"
    upload(client_a, xlsx_bytes(cells, row=3, column=3), "geser.xlsx")
    job = last_job()
    assert job.status == "selesai" and job.jumlah_galat == 1
    # Header in row 3 from column C: the second resident is row 5, agama_id (K from A) is M.
    assert (job.galat[0]["baris"], job.galat[0]["sel"]) == (5, "M5")
    upload(client_a, xlsx_bytes(cells, row=3, column=3), "geser.xlsx", mode="valid_saja")
    assert last_job().jumlah_baru == len(cells) - 1 and count(desa_a) == len(cells) - 1


def test_value_left_of_a_table_is_refused(desa_a, client_a):
    cells = [["catatan", *opensid_row(r, untuk_excel=True)] for r in synth_rows(2)]
    upload(client_a, xlsx_bytes(cells, header=["", *KOLOM], column=2), "kiri.xlsx")
    job = last_job()
    assert job.status == "gagal" and "Sel B2 berisi nilai di kiri tabel, yang mulai di kolom C" in job.pesan
    assert count(desa_a) == 0


def test_text_in_code_columns(desa_a, client_a):
    cells = [opensid_row(r) for r in synth_rows(5)]
    cells[1][KOLOM.index("agama_id")] = "ISLAM"
    cells[2][KOLOM.index("pekerjaan_id")] = "999"
    upload(client_a, csv_bytes(cells))
    job = last_job()
    text = messages_of(job)
    assert "Berisi teks 'ISLAM'" in text and "1 = ISLAM" in text and "Kode 999 tidak dikenal" in text
    cells_by_row = {g["baris"]: g for g in job.galat}
    assert cells_by_row[3]["sel"] == "K3" and cells_by_row[3]["kolom"] == "agama_id"
    assert count(desa_a) == 0


def test_bad_niks(desa_a, client_a):
    cells = [opensid_row(r) for r in synth_rows(5)]
    n = KOLOM.index("nik")
    cells[0][n] = "12345"
    cells[1][n] = "9903040101900001"
    cells[2][n] = cells[2][n][:6] + "010101" + cells[2][n][12:]  # date part disagrees
    upload(client_a, csv_bytes(cells))
    text = messages_of(last_job())
    assert "NIK harus 16 angka" in text and "provinsi 99" in text and "Tanggal lahir pada NIK" in text
    assert count(desa_a) == 0


def test_duplicate_niks_within_the_file(desa_a, client_a):
    rows = synth_rows(5)
    twin = dict(rows[2], nama="Kembar", shdk=9, no_kk="")
    cells = [opensid_row(r) for r in rows + [twin]]
    upload(client_a, csv_bytes(cells))
    job = last_job()
    # Only the later row is the problem; the first with the NIK stays valid.
    assert [(g["baris"], g["sel"]) for g in job.galat] == [(len(cells) + 1, f"G{len(cells) + 1}")]
    assert messages_of(job) == "NIK sama dengan baris 4; baris 4 yang dipakai."
    assert job.baris_valid == len(rows) and count(desa_a) == 0
    upload(client_a, csv_bytes(cells), mode="valid_saja")
    job = last_job()
    assert job.jumlah_baru == len(rows) and count(desa_a) == len(rows)
    with scopes_disabled():
        assert Penduduk.objects.get(desa=desa_a, nik=rows[2]["nik"]).nama == rows[2]["nama"]


def test_family_with_two_heads(desa_a, client_a):
    rows = synth_rows(8)
    member = next(r for r in rows if r["shdk"] != 1 and r["no_kk"] == rows[0]["no_kk"])
    member["shdk"] = 1
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    job = last_job()
    assert "punya dua kepala keluarga" in messages_of(job)
    assert count(desa_a) == 0


def test_dates_in_the_future(desa_a, client_a):
    cells = [opensid_row(r) for r in synth_rows(3)]
    cells[0][KOLOM.index("tanggalperkawinan")] = "01-01-2999"
    upload(client_a, csv_bytes(cells))
    assert "01-01-2999 ada di masa depan" in messages_of(last_job())
    assert count(desa_a) == 0


def test_file_over_the_size_limit(desa_a, client_a, settings):
    big = csv_bytes([]) + b"x" * (50 * 1024 * 1024)
    response = upload(client_a, big)
    assert "Berkas terlalu besar (50.0 MB); batasnya 40 MB. Pecah berkas per dusun" in response.content.decode()
    response = upload(client_a, b"PK\x03\x04" + b"x" * (41 * 1024 * 1024), name="besar.xlsx")
    assert "Berkas terlalu besar (41.0 MB); batasnya 40 MB." in response.content.decode()
    with scopes_disabled():
        assert not ImporPenduduk.objects.exists()
    # Excel is streamed like CSV, so it has the same limit (it was 25 MB when loaded whole).
    upload(client_a, b"PK\x03\x04" + b"x" * (30 * 1024 * 1024), name="besar.xlsx")
    assert "tidak dapat dibuka" in last_job().pesan
    assert count(desa_a) == 0


def test_file_that_is_not_excel_or_csv(desa_a, client_a):
    response = upload(client_a, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 bukan lembar kerja", name="penduduk.pdf")
    assert "bukan Excel (.xlsx, .xls) atau CSV" in response.content.decode()
    response = upload(client_a, b"PK\x03\x04 not really a zip", name="penduduk.xlsx")
    job = last_job()
    assert job.status == "gagal" and "tidak dapat dibuka" in job.pesan
    # A zip that is no workbook, and a workbook whose sheet breaks off after its rows.
    upload(client_a, zip_of({"a.txt": b"halo"}), name="penduduk.xlsx")
    assert "tidak dapat dibuka" in last_job().pesan
    content = xlsx_bytes([opensid_row(r, untuk_excel=True) for r in synth_rows(3)])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet][: parts[sheet].index(b"</sheetData>")]
    upload(client_a, zip_of(parts), name="penduduk.xlsx", mode="valid_saja")
    job = last_job()
    assert job.status == "gagal" and "tidak dapat dibuka" in job.pesan
    assert count(desa_a) == 0


def zip_of(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_only_valid_rows_when_the_operator_chooses_it(desa_a, client_a):
    rows = synth_rows(12)
    cells = [opensid_row(r) for r in rows]
    loner = next(i for i, r in enumerate(rows) if r["shdk"] == 4)
    cells[loner][KOLOM.index("agama_id")] = "x"
    upload(client_a, csv_bytes(cells), mode="valid_saja")
    job = last_job()
    assert job.jumlah_baru == len(rows) - 1 and job.jumlah_galat == 1
    assert count(desa_a) == len(rows) - 1


def test_nik_living_in_another_village(desa_a, desa_b, client_a, make_user, client_for):
    rows = synth_rows(4)
    with scopes_disabled():
        theirs = make_penduduk(
            desa_b, nik=rows[0]["nik"], tanggal_lahir=rows[0]["tanggal_lahir"], jenis_kelamin=rows[0]["jenis_kelamin"]
        )
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    text = messages_of(last_job())
    assert "desa lain" in text and "Karangpetir" not in text
    admin_kab = make_user(Peran.ADMIN_KABUPATEN)
    upload(client_for(desa_a, admin_kab), csv_bytes([opensid_row(r) for r in rows]))
    assert "Karangpetir" in messages_of(last_job())
    assert count(desa_a) == 0
    assert theirs.pk


def test_export_is_scoped_and_semicolon_csv_reads(desa_a, desa_b, client_a):
    with scopes_disabled():
        make_penduduk(desa_b, nama="Orang Desa Lain")
        mine = make_penduduk(desa_a, nama="Orang Sini")
    with scope(desa=desa_a):
        content = "".join(ekspor.csv_stream(Penduduk.objects.filter(desa=desa_a)))
    assert "Orang Sini" in content and "Orang Desa Lain" not in content
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0] == KOLOM and len(rows[1]) == 43
    semicolon = csv_bytes(rows[1:], delimiter=";")
    with scopes_disabled():
        Penduduk.objects.filter(pk=mine.pk).update(nama="Ganti")
    upload(client_a, semicolon)
    with scopes_disabled():
        assert Penduduk.objects.get(pk=mine.pk).nama == "Orang Sini"


def test_region_conflicts_are_reported(desa_a, client_a):
    with scopes_disabled():
        du = Dusun.objects.create(desa=desa_a, nama="Pesantren")
        RT.objects.create(desa=desa_a, rw=RW.objects.create(desa=desa_a, dusun=du, nomor=1), nomor=1)
    rows = synth_rows(5)  # places RW 1 in Dusun Krajan
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    assert "RW 001 sudah tercatat di Dusun Pesantren" in messages_of(last_job())
    assert count(desa_a) == 0
    assert nik_for  # factories stay importable


def test_stale_dry_run_files_are_deleted(desa_a, client_a, privat_root):
    upload(client_a, csv_bytes([opensid_row(r) for r in synth_rows(3)]), mode="uji")
    old = last_job()
    path = privat_root / old.berkas.name
    assert path.exists()
    with scopes_disabled():
        ImporPenduduk.objects.filter(pk=old.pk).update(dibuat=old.dibuat - datetime.timedelta(days=2))
    upload(client_a, csv_bytes([opensid_row(r) for r in synth_rows(3)]), mode="uji")
    with scopes_disabled():
        old.refresh_from_db()
    assert not old.berkas and not path.exists()
    assert last_job().berkas, "the fresh dry run keeps its file for the follow-up import"


def test_excel_that_unpacks_too_large(desa_a, client_a, monkeypatch):
    from balai.penduduk import impor

    monkeypatch.setattr(impor.reader, "MAKS_XLSX_TERURAI", 1000)
    upload(client_a, xlsx_bytes([opensid_row(r, untuk_excel=True) for r in synth_rows(3)]), name="bom.xlsx")
    job = last_job()
    assert job.status == "gagal" and "terlalu besar setelah dibuka" in job.pesan
    assert count(desa_a) == 0


def test_new_head_of_family_replacing_an_old_one_named_later_in_the_file(desa_a, client_a):
    rows = synth_rows(12)
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    family = [r for r in rows if r["no_kk"] == rows[0]["no_kk"]]
    old_head = family[0]
    lahir = datetime.date(1980, 2, 3)
    newcomer = dict(
        old_head, nama="Kepala Baru", nik=f"330304{lahir:%d%m%y}7777", tanggal_lahir=lahir, shdk=1, jenis_kelamin=1
    )
    old_head["shdk"] = 9
    # The new head comes first, the demoted one last: written in one go, the one-head index
    # would refuse the new head, so the import writes former heads first.
    rows_out = [newcomer] + [r for r in rows if r is not old_head] + [old_head]
    upload(client_a, csv_bytes([opensid_row(r) for r in rows_out]))
    job = last_job()
    assert job.status == "selesai" and job.jumlah_galat == 0, messages_of(job)
    assert (job.jumlah_baru, job.jumlah_diubah) == (1, len(rows))
    with scopes_disabled():
        heads = list(Penduduk.objects.filter(desa=desa_a, keluarga__no_kk=rows[0]["no_kk"], shdk=1))
    assert [h.nama for h in heads] == ["Kepala Baru"]


def test_import_bumps_the_public_site_cache_once_committed(desa_a, client_a, monkeypatch):
    from django.db import connection

    from balai.core import sitecache

    bumped = []
    # Recorded with whether a transaction is still open: the bump must come after the commit.
    monkeypatch.setattr(sitecache, "bump", lambda desa_id: bumped.append((desa_id, connection.in_atomic_block)))
    rows = synth_rows(6)
    content = csv_bytes([opensid_row(r) for r in rows])
    upload(client_a, content, mode="uji")
    assert bumped == [], "a dry run writes nothing"
    upload(client_a, content)
    assert last_job().jumlah_baru == len(rows)
    assert bumped and set(bumped) == {(desa_a.pk, False)}  # its places bump too, all after the commit


def test_write_refused_by_the_database_fails_cleanly_without_nik_in_logs(desa_a, client_a, monkeypatch, caplog):
    from balai.penduduk import impor

    rows = synth_rows(8)
    r = next(r for r in rows if r["status_dasar"] == kode.HIDUP)
    asli = impor.job.tulis

    def tulis_bersamaan(state, **kw):
        # Between the check and the write, someone registers one of the file's residents.
        make_penduduk(desa_a, nik=r["nik"], tanggal_lahir=r["tanggal_lahir"], jenis_kelamin=r["jenis_kelamin"])
        return asli(state, **kw)

    monkeypatch.setattr(impor.job, "tulis", tulis_bersamaan)
    with caplog.at_level(logging.INFO):
        upload(client_a, csv_bytes([opensid_row(x) for x in rows]))
    job = last_job()
    assert job.status == "gagal"
    assert "Register berubah selama impor" in job.pesan and r["nik"] not in job.pesan
    assert count(desa_a) == 0, "nothing written, not even the concurrent row of this transaction"
    assert "ditolak basis data" in caplog.text
    assert all(x["nik"] not in caplog.text for x in rows)
    with scopes_disabled():
        assert not AuditEntry.objects.filter(action="penduduk.diimpor").exists()


def test_reimport_with_new_and_known_residents(desa_a, client_a):
    rows = synth_rows(30)
    first = [r for r in rows if r["no_kk"] != rows[-1]["no_kk"]]
    upload(client_a, csv_bytes([opensid_row(r) for r in first]))
    assert count(desa_a) == len(first)
    first[0]["nama"] = "Nama Baru Sekali"
    head = next(r for r in first if r["shdk"] == kode.KEPALA_KELUARGA)
    head["alamat"] = "Jl. Baru Pindah No. 9"
    upload(client_a, csv_bytes([opensid_row(r) for r in rows if r not in first] + [opensid_row(r) for r in first]))
    job = last_job()
    assert job.status == "selesai", job.pesan
    assert (job.jumlah_baru, job.jumlah_diubah) == (len(rows) - len(first), len(first))
    assert count(desa_a) == len(rows)
    with scopes_disabled():
        assert Penduduk.objects.get(desa=desa_a, nik=first[0]["nik"]).nama == "Nama Baru Sekali"
        assert Penduduk.objects.filter(desa=desa_a, nik=rows[-1]["nik"]).exists()
        assert Keluarga.objects.get(desa=desa_a, no_kk=head["no_kk"]).alamat == "Jl. Baru Pindah No. 9"


def test_progress_is_visible_while_the_writing_import_runs(desa_a, client_a, monkeypatch):
    """On PostgreSQL the write's progress goes through a side connection, so another session
    (the progress bar's) sees it moving, while the residents stay invisible until the commit."""
    from django.db import connection

    from balai.penduduk import impor

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer: the write's progress shows when it commits")
    import psycopg

    params = {k: v for k, v in connection.get_connection_params().items() if k not in ("cursor_factory", "context")}
    dilihat = []
    asli = impor.writer.kunci_dan_periksa_ulang

    def kunci_dan_periksa_ulang(state):
        # Every row written, not yet committed.
        with psycopg.connect(**params, autocommit=True) as other:
            job = other.execute(
                "SELECT pesan, kemajuan FROM penduduk_imporpenduduk ORDER BY id DESC LIMIT 1"
            ).fetchone()
            warga = other.execute("SELECT COUNT(*) FROM penduduk_penduduk WHERE desa_id = %s", [desa_a.pk]).fetchone()
        dilihat.append((job, warga[0]))
        return asli(state)

    monkeypatch.setattr(impor.writer, "kunci_dan_periksa_ulang", kunci_dan_periksa_ulang)
    monkeypatch.setattr(impor.periksa, "BATCH", 10)  # several spooled batches, so progress is saved on the way
    monkeypatch.setattr(impor.job, "KEMAJUAN_DETIK", 0)
    rows = synth_rows(40)
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    (pesan, kemajuan), warga = dilihat[0]
    assert pesan == f"Menyimpan ke register: {len(rows)} dari {len(rows)} baris…" and kemajuan == 100
    assert warga == 0, "nothing visible before the commit"
    assert last_job().status == "selesai" and count(desa_a) == len(rows) and last_job().kemajuan == 100
