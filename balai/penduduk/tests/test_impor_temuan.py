"""The import as operators met it: locking, failures halfway, valid-only imports, warnings,
sheets, templates, progress and messages, the full export, and emptying the register."""

import datetime
import io
import threading

import pytest
from django.db import connection, connections, transaction
from django_scopes import scope, scopes_disabled
from openpyxl import Workbook, load_workbook

from balai.core.models import AuditEntry
from balai.penduduk import impor, kode, services
from balai.penduduk.models import ImporPenduduk, Keluarga, Penduduk, Peristiwa
from balai.penduduk.opensid import KOLOM
from balai.penduduk.synth import opensid_row
from balai.wilayah.models import RT, RW, Dusun

from .factories import make_penduduk, nik_for
from .test_impor import count, csv_bytes, last_job, synth_rows, upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def client_a(desa_a, operator_a, client_for):
    return client_for(desa_a, operator_a)


def make_job(desa, content, name="penduduk.csv", mode=ImporPenduduk.Mode.SEMUA):
    from django.core.files.base import ContentFile

    with scope(desa=desa):
        job = ImporPenduduk(desa=desa, nama_berkas=name, mode=mode)
        job.berkas.save(name, ContentFile(content), save=False)
        job.save()
    return job


# Locking ------------------------------------------------------------------------------------


def test_another_villages_resident_save_is_not_blocked_during_a_long_check(desa_a, desa_b, monkeypatch):
    """While village A's file is being checked (held here at its first batch), village B saves
    a resident with a short lock_timeout: the kabupaten's NIK lock is free."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's advisory locks and lock_timeout")
    rows = synth_rows(20)
    job = make_job(desa_a, csv_bytes([opensid_row(r) for r in rows]))
    in_check, release = threading.Event(), threading.Event()
    asli = impor.periksa.Pemeriksaan.periksa_batch

    def periksa_batch(self, batch):
        in_check.set()
        assert release.wait(20)
        return asli(self, batch)

    monkeypatch.setattr(impor.periksa.Pemeriksaan, "periksa_batch", periksa_batch)
    errors = []

    def run():
        try:
            impor.jalankan_untuk(job.pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert in_check.wait(20)
        tanggal = datetime.date(1990, 5, 1)
        with scope(desa=desa_b), transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SET LOCAL lock_timeout = '300ms'")
            p = Penduduk(
                nik=nik_for(desa_b, tanggal),
                nama="Warga Desa Lain",
                tempat_lahir="Purbalingga",
                tanggal_lahir=tanggal,
                jenis_kelamin=kode.LAKI_LAKI,
                agama=1,
                pendidikan_kk=5,
                pekerjaan=9,
                status_kawin=1,
                shdk=4,
                warganegara=1,
            )
            services.simpan_penduduk(desa=desa_b, actor=None, penduduk=p)
    finally:
        release.set()
        thread.join(30)
    assert not errors
    assert last_job().status == "selesai" and count(desa_a) == len(rows)
    assert count(desa_b) == 1


def _advisory_locks():
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
        return cur.fetchone()[0]


@pytest.mark.parametrize("where", ["menulis", "terkunci"])
def test_an_import_failing_halfway_leaves_no_lock_and_nothing_written(desa_a, monkeypatch, where):
    rows = synth_rows(40)
    job = make_job(desa_a, csv_bytes([opensid_row(r) for r in rows]))
    if where == "menulis":
        asli = impor.writer._baris_tulis

        def _baris_tulis(*args):
            for i, row in enumerate(asli(*args)):
                if i == 20:
                    raise RuntimeError("disk penuh")
                yield row

        monkeypatch.setattr(impor.writer, "_baris_tulis", _baris_tulis)
    else:
        asli_lock = services.lock_nik

        def lock_nik(nik=None):
            asli_lock(nik)
            raise RuntimeError("koneksi putus")

        monkeypatch.setattr(services, "lock_nik", lock_nik)
    with pytest.raises(RuntimeError):
        impor.jalankan_untuk(job.pk)
    job.refresh_from_db()
    assert job.status == "gagal" and "register tidak berubah" in job.pesan
    with scopes_disabled():
        assert not Penduduk.objects.exists() and not Keluarga.objects.exists()
        assert not Dusun.objects.exists() and not RW.objects.exists() and not RT.objects.exists()
        assert not AuditEntry.objects.filter(action="penduduk.diimpor").exists()
    if connection.vendor == "postgresql":
        assert _advisory_locks() == 0
        # Another session takes the kabupaten's NIK lock at once.
        other = connections.create_connection("default")
        try:
            with other.cursor() as cur:
                cur.execute("SELECT pg_try_advisory_lock(%s)", [services.KUNCI_NIK])
                assert cur.fetchone()[0] is True
                cur.execute("SELECT pg_advisory_unlock(%s)", [services.KUNCI_NIK])
        finally:
            other.close()


# "Impor baris yang valid saja" -----------------------------------------------------------


def families(rows):
    out = {}
    for i, r in enumerate(rows):
        out.setdefault(r["no_kk"], []).append(i)
    return out


def col(name):
    return KOLOM.index(name)


def test_valid_only_writes_exactly_the_valid_rows_and_counts_them_once(desa_a, client_a):
    rows = synth_rows(25)
    cells = [opensid_row(r) for r in rows]
    kks = list(families(rows).items())
    # A whole family in a place that cannot be made (RW 001 belongs to Dusun Krajan), and one
    # member of another family with a bad code.
    bad_kk, bad_rows = kks[-1]
    for i in bad_rows:
        cells[i][col("dusun")], cells[i][col("rw")] = "Lain", "001"
    member = next(i for i, r in enumerate(rows) if r["shdk"] != 1 and r["no_kk"] != bad_kk)
    cells[member][col("agama_id")] = "x"
    upload(client_a, csv_bytes(cells), mode="uji")
    job = last_job()
    buruk = len(bad_rows) + 1
    assert (job.jumlah_galat, job.baris_valid) == (2, len(rows) - buruk)
    assert f"2 masalah pada {buruk} dari {len(rows)} baris" in job.pesan
    body = client_a.get(f"/admin-desa/penduduk/impor/{job.pk}/").content.decode()
    assert f"Masalah: 2 pada {buruk} baris" in body and "pertama" not in body
    assert f"Impor {len(rows) - buruk} baris yang valid saja" in body
    upload(client_a, csv_bytes(cells), mode="valid_saja")
    job = last_job()
    assert job.status == "selesai" and job.jumlah_baru == len(rows) - buruk == count(desa_a)
    with scopes_disabled():
        assert set(Keluarga.objects.filter(desa=desa_a).values_list("no_kk", flat=True)) == {k for k, _ in kks[:-1]}
        assert not Keluarga.objects.filter(desa=desa_a, anggota=None).exists(), "no empty KK"
        assert not Dusun.objects.filter(desa=desa_a, nama="Lain").exists()


def test_a_kk_left_without_head_is_warned_before_confirming(desa_a, client_a):
    rows = synth_rows(12)
    cells = [opensid_row(r) for r in rows]
    head = next(i for i, r in enumerate(rows) if r["shdk"] == 1 and len(families(rows)[r["no_kk"]]) > 1)
    no_kk = rows[head]["no_kk"]
    cells[head][col("agama_id")] = "x"
    upload(client_a, csv_bytes(cells), mode="uji")
    job = last_job()
    assert job.jumlah_peringatan == 1 and f"KK {no_kk} tidak punya kepala keluarga" in job.peringatan[0]["pesan"]
    body = client_a.get(f"/admin-desa/penduduk/impor/{job.pk}/").content.decode()
    assert body.index("Sebelum mengimpor") < body.index("baris yang valid saja")
    assert f"KK {no_kk} tidak punya kepala keluarga" in body


def test_a_kk_without_head_is_warned_on_a_normal_import(desa_a, client_a):
    rows = synth_rows(12)
    head = next(i for i, r in enumerate(rows) if r["shdk"] == 1)
    no_kk = rows[head]["no_kk"]
    cells = [opensid_row(r) for i, r in enumerate(rows) if i != head]
    upload(client_a, csv_bytes(cells))
    job = last_job()
    assert job.status == "selesai" and job.jumlah_galat == 0 and job.jumlah_baru == len(cells)
    assert [p["pesan"].split(" tidak")[0] for p in job.peringatan] == [f"KK {no_kk}"]
    assert "1 peringatan" in job.pesan


def test_valid_only_is_not_offered_when_no_row_is_valid(desa_a, client_a):
    cells = [opensid_row(r) for r in synth_rows(4)]
    for c in cells:
        c[col("agama_id")] = "x"
    upload(client_a, csv_bytes(cells), mode="uji")
    job = last_job()
    body = client_a.get(f"/admin-desa/penduduk/impor/{job.pk}/").content.decode()
    assert "valid saja" not in body and "Tidak ada baris yang valid" in body
    client_a.post(f"/admin-desa/penduduk/impor/{job.pk}/lanjut/", {"mode": "valid_saja"})
    assert last_job().pk == job.pk and count(desa_a) == 0
    upload(client_a, csv_bytes(cells))
    assert "tidak ada baris yang valid" in last_job().pesan and "valid saja" not in last_job().pesan


# Sheets, template, kind of file, progress ----------------------------------------------------


def workbook(sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_sheet_with_opensids_header_is_read_whatever_its_place(desa_a, client_a):
    rows = synth_rows(6)
    content = workbook(
        [("Petunjuk", [["Cara mengisi"], ["Satu baris per penduduk"]]), ("Data", [KOLOM, *map(opensid_row, rows)])]
    )
    upload(client_a, content, name="penduduk.xlsx")
    job = last_job()
    assert job.status == "selesai" and job.lembar == "Data" and count(desa_a) == len(rows)
    assert "lembar yang dibaca: “Data”" in client_a.get(f"/admin-desa/penduduk/impor/{job.pk}/").content.decode()
    upload(client_a, workbook([("Petunjuk", [["Cara mengisi"]]), ("Catatan", [["a", "b"]])]), name="x.xlsx")
    assert "Tidak ada lembar yang baris pertamanya berisi nama kolom OpenSID (lembar: Petunjuk, Catatan)" in (
        last_job().pesan
    )


def test_template_download_can_be_filled_and_imported(desa_a, client_a):
    response = client_a.get("/admin-desa/penduduk/impor/templat/")
    assert response.status_code == 200 and "templat-impor-penduduk" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["penduduk", "petunjuk"]
    assert [c.value for c in wb["penduduk"][1]] == KOLOM
    assert "kk_level" in " ".join(str(r[0].value) for r in wb["petunjuk"].iter_rows())
    rows = synth_rows(5)
    for r in rows:
        wb["penduduk"].append(opensid_row(r))
    out = io.BytesIO()
    wb.save(out)
    upload(client_a, out.getvalue(), name="templat.xlsx")
    assert last_job().status == "selesai" and count(desa_a) == len(rows)
    assert "Unduh templat" in client_a.get("/admin-desa/penduduk/impor/").content.decode()


def test_a_csv_named_xlsx_is_read_as_csv(desa_a, client_a):
    rows = synth_rows(5)
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]), name="penduduk.xlsx")
    job = last_job()
    assert job.status == "selesai", job.pesan
    assert count(desa_a) == len(rows)


def test_a_failed_job_shows_no_full_bar_nor_zero_rows(desa_a, client_a):
    upload(client_a, b"PK\x03\x04 bukan zip", name="rusak.xlsx")
    job = last_job()
    body = client_a.get(f"/admin-desa/penduduk/impor/{job.pk}/").content.decode()
    assert job.status == "gagal" and "tidak dapat dibuka" in body
    assert "<progress" not in body and "0 dari 0 baris" not in body


def test_progress_moves_through_checking_and_writing(desa_a, client_a, monkeypatch):
    seen = []
    for name in ("periksa", "tulis"):
        asli = getattr(impor.job.Progress, name)

        def wrapped(self, selesai, total, asli=asli):
            asli(self, selesai, total)
            seen.append((self.job.kemajuan, self.job.pesan))

        monkeypatch.setattr(impor.job.Progress, name, wrapped)
    monkeypatch.setattr(impor.job, "KEMAJUAN_DETIK", 0)
    monkeypatch.setattr(impor.periksa, "BATCH", 5)
    monkeypatch.setattr(impor.writer, "BATCH", 5)
    rows = synth_rows(40)
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    values = [v for v, _ in seen]
    assert values == sorted(values) and values[-1] == 100
    assert len({v for v in values if 0 < v < 50}) >= 3, "checking moves the first half"
    assert len({v for v in values if 50 < v < 100}) >= 3, "writing moves the second half"
    pesan = [p for _, p in seen]
    assert f"Memeriksa baris 20 dari {len(rows)}…" in pesan
    assert any(p.startswith("Menyimpan ke register: ") for p in pesan)


# The export ---------------------------------------------------------------------------------


def test_export_holds_the_whole_register_by_default(desa_a, client_a):
    with scopes_disabled():
        make_penduduk(desa_a, nama="Masih Hidup")
        make_penduduk(desa_a, nama="Sudah Meninggal", status_dasar=kode.MATI)
        make_penduduk(desa_a, nama="Sudah Pindah", status_dasar=kode.PINDAH)
    page = client_a.get("/admin-desa/penduduk/ekspor/").content.decode()
    assert "seluruh register" in page and '<option value="0" selected>Semua status</option>' in page
    content = b"".join(client_a.post("/admin-desa/penduduk/ekspor/", {"format": "csv"}).streaming_content).decode()
    assert "Masih Hidup" in content and "Sudah Meninggal" in content and "Sudah Pindah" in content
    content = b"".join(
        client_a.post("/admin-desa/penduduk/ekspor/", {"format": "csv", "status_dasar": ""}).streaming_content
    ).decode()
    assert "Masih Hidup" in content and "Sudah Meninggal" not in content


# Emptying the register ---------------------------------------------------------------------


def test_admin_desa_empties_the_register_after_typing_the_village_name(desa_a, desa_b, admin_a, client_a, client_for):
    rows = synth_rows(10)
    upload(client_a, csv_bytes([opensid_row(r) for r in rows]))
    with scopes_disabled():
        lain = make_penduduk(desa_b, nama="Warga Karangpetir")
    assert client_a.get("/admin-desa/penduduk/kosongkan/").status_code == 403, "operators may not"
    admin = client_for(desa_a, admin_a)
    page = admin.get("/admin-desa/penduduk/kosongkan/").content.decode()
    assert f"{len(rows)} penduduk" in page and 'href="/admin-desa/penduduk/ekspor/"' in page
    assert "Kosongkan register desa" in admin.get("/admin-desa/penduduk/impor/").content.decode()
    response = admin.post("/admin-desa/penduduk/kosongkan/", {"konfirmasi": "Karangpetir"})
    assert "tidak sama dengan nama desa" in response.content.decode() and count(desa_a) == len(rows)
    response = admin.post("/admin-desa/penduduk/kosongkan/", {"konfirmasi": " selakambang "}, follow=True)
    assert f"Register dikosongkan: {len(rows)} penduduk" in response.content.decode()
    with scopes_disabled():
        assert count(desa_a) == 0 and not Keluarga.objects.filter(desa=desa_a).exists()
        assert not Peristiwa.objects.filter(desa=desa_a).exists()
        assert Penduduk.objects.filter(pk=lain.pk).exists(), "another village is untouched"
        entry = AuditEntry.objects.get(action="penduduk.register_dikosongkan")
        assert entry.actor == admin_a and entry.desa == desa_a and entry.changes["penduduk"] == [len(rows), 0]


def test_a_nik_registered_elsewhere_during_the_import_is_caught_under_the_lock(desa_a, desa_b, client_a, monkeypatch):
    rows = synth_rows(8)
    r = next(r for r in rows if r["status_dasar"] == kode.HIDUP)
    asli = impor.job.tulis

    def tulis_bersamaan(state, **kw):
        # After the check, before the write: another village registers one of the file's NIKs.
        with scopes_disabled():
            make_penduduk(desa_b, nik=r["nik"], tanggal_lahir=r["tanggal_lahir"], jenis_kelamin=r["jenis_kelamin"])
        return asli(state, **kw)

    monkeypatch.setattr(impor.job, "tulis", tulis_bersamaan)
    upload(client_a, csv_bytes([opensid_row(x) for x in rows]))
    job = last_job()
    assert job.status == "gagal" and "desa lain mendaftarkan NIK" in job.pesan and r["nik"] not in job.pesan
    # (The other village's row was made inside the import's transaction here, so it went too.)
    assert count(desa_a) == 0 and count(desa_b) == 0
