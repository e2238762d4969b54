"""Import of OpenSID's 43-column resident sheet (xlsx or csv), run as a background task.

Two passes, in memory that stays flat whatever the number of rows: CSV and xlsx are both
streamed (an xlsx sheet by balai.core.xlsx, which holds only its table of shared strings
whole). A legacy .xls (at most 65,536 rows by its format) is loaded whole by python-calamine.

1. *Check*: stream the file (csv module; balai.core.xlsx for xlsx), convert every cell, check
   every row against the reference codes, the NIK rules, the other rows (duplicate NIKs, two
   heads for one KK) and the register (NIKs living in another village, existing heads of
   family, RW numbers that belong to another dusun), batch by batch. Converted rows are
   spooled to a temporary file (pickled batches), problems are collected with row, column
   and an Indonesian message. Progress is written to the job row as it goes.
2. *Write*, only if the file is valid or the operator chose "impor baris yang valid saja":
   in one transaction, holding the kabupaten's NIK lock, create missing dusun/RW/RT and
   KKs, then read the spool back and write the residents: on PostgreSQL with one binary COPY
   of the new residents straight into the register and one of the residents already in the
   village (same NIK) into a temporary table, applied by one UPDATE ... FROM that leaves
   unchanged rows alone; elsewhere in batches with bulk_create and an executemany UPDATE.

On PostgreSQL, in mode "impor bila seluruh berkas valid", both passes share one transaction
(TulisSambil): new residents stream into the register while the rest of the file is still
being checked, so PostgreSQL's work overlaps Python's, and any problem rolls everything back.

Re-importing updates residents by NIK (within the village) instead of duplicating them.
"""

import csv
import datetime
import io
import itertools
import logging
import operator
import pickle
import tempfile
import time
import zipfile
from collections import defaultdict

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.core import audit, sitecache, xlsx
from balai.core.spreadsheet import FORMULA_START
from balai.wilayah.models import RT, RW, Dusun

from . import kode, opensid, services, validasi
from .kode import HIDUP, KEPALA_KELUARGA
from .models import ImporPenduduk, Keluarga, Penduduk
from .opensid import KOLOM, Salah

BATCH = 10000
ANALYZE_SETELAH = 5000  # rows written by one import, after which the tables are analysed
MAKS_GALAT = 1000  # problems kept for display; the count covers all of them
KEMAJUAN_DETIK = 0.5  # progress is saved at most this often (one UPDATE each)
FIELDS = list(opensid.FIELD.values())
I = {name: i for i, name in enumerate(FIELDS)}  # noqa: E741 - index of a field in a row tuple
PLACE = ["dusun_id", "rw_id", "rt_id", "keluarga_id"]
ambil_field = operator.itemgetter(*opensid.FIELD)  # values by column -> tuple in FIELDS order


logger = logging.getLogger(__name__)

try:  # COPY runs on psycopg's own cursor, whose errors Django does not wrap
    from psycopg import IntegrityError as _PgIntegrityError

    DITOLAK = (IntegrityError, _PgIntegrityError)
except ImportError:  # pragma: no cover - psycopg is a dependency
    DITOLAK = (IntegrityError,)


class BerkasTidakValid(Exception):
    """A problem with the whole file (not one row): nothing can be read."""


def _pg():
    return connection.vendor == "postgresql"


def _rows(sql, params):
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


P, K, D = Penduduk._meta.db_table, Keluarga._meta.db_table, "wilayah_desa"


def hidup_di_desa_lain(niks, desa):
    """{nik: village name} for NIKs living in another village of the kabupaten. Reads across
    villages on purpose (the rule spans the kabupaten)."""
    if not niks:
        return {}
    if _pg():
        return dict(
            _rows(
                f"SELECT p.nik, d.nama FROM {P} p JOIN {D} d ON d.id = p.desa_id "
                "WHERE p.nik = ANY(%s) AND p.status_dasar = %s AND p.desa_id <> %s",
                [list(niks), HIDUP, desa.pk],
            )
        )
    with scopes_disabled():
        return dict(
            Penduduk.objects.filter(nik__in=niks, status_dasar=HIDUP)
            .exclude(desa=desa)
            .values_list("nik", "desa__nama")
        )


def jenis_berkas(head, name):
    """'xlsx', 'xls' or 'csv' by content (and, for csv, the name), else None."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if name.lower().endswith((".csv", ".txt")) and b"\x00" not in head and head.strip():
        return "csv"
    return None


# Reading ---------------------------------------------------------------------------------


def _baca_csv(fileobj):
    raw = fileobj.read(65536)
    fileobj.seek(0)
    total = 0
    for chunk in iter(lambda: fileobj.read(1 << 20), b""):
        total += chunk.count(b"\n")
    fileobj.seek(0)
    try:
        raw.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start < len(raw) - 4:
            encoding = "cp1252"  # "CSV" saved by Excel on Windows
        else:
            encoding = "utf-8-sig"
    text = io.TextIOWrapper(fileobj, encoding=encoding, newline="", errors="strict")
    first = text.readline()
    delimiter = max([",", ";", "\t"], key=first.count)
    if first.count(delimiter) < 2:
        raise BerkasTidakValid("Baris pertama berkas CSV tidak berisi nama kolom yang dipisah koma atau titik koma.")
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)

    def rows():
        try:
            yield from enumerate(reader, start=1)
        except UnicodeDecodeError:
            raise BerkasTidakValid(
                "Berkas CSV berisi karakter yang tidak dapat dibaca; simpan sebagai CSV UTF-8."
            ) from None
        except csv.Error as exc:
            raise BerkasTidakValid(f"Berkas CSV rusak: {exc}.") from None

    return rows(), total, 0


# A 40 MB xlsx of real data unpacks to well under this; a zip bomb does not. The sheet is
# streamed, so what this bounds is time (inflating and reading 1 GB takes seconds), not memory.
MAKS_XLSX_TERURAI = 1024 * 1024 * 1024
TIDAK_DAPAT_DIBUKA = "Berkas Excel tidak dapat dibuka (rusak, terkunci sandi, atau bukan Excel)."


def _periksa_zip(fileobj):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            terurai = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise BerkasTidakValid(TIDAK_DAPAT_DIBUKA) from None
    finally:
        fileobj.seek(0)
    if terurai > MAKS_XLSX_TERURAI:
        raise BerkasTidakValid(
            f"Isi berkas Excel ini terlalu besar setelah dibuka ({terurai // 2**20} MB). "
            "Simpan sebagai CSV, atau pecah berkas per dusun."
        )


def _sel_gabungan(jumlah, contoh):
    return BerkasTidakValid(
        f"Lembar pertama berisi {jumlah} sel gabungan (merge), mis. {contoh}. "
        "Hapus penggabungan sel (Unmerge) lalu unggah lagi: satu baris per penduduk, satu nilai per sel."
    )


def _baca_xlsx(fileobj):
    """The first sheet, streamed (balai.core.xlsx). The table starts at the first filled cell
    of its first filled row (the header), so a sheet may start anywhere."""
    _periksa_zip(fileobj)
    try:
        sheet = xlsx.Sheet(fileobj)
    except xlsx.XlsxError as exc:
        logger.info("Impor penduduk: xlsx tidak terbaca (%s)", type(exc.__cause__).__name__)
        raise BerkasTidakValid(TIDAK_DAPAT_DIBUKA) from None
    rows = _terbaca(sheet)
    awal, offset = [], 0
    for nomor, cells in rows:
        awal.append((nomor, cells))
        terisi = [i for i, c in enumerate(cells) if opensid.teks(c)]
        if terisi:
            offset = terisi[0]
            break
    rows = itertools.chain(awal, rows)
    return (_geser(rows, offset) if offset else rows), sheet.estimated_rows(), offset


def _terbaca(sheet):
    """The sheet's rows; a damaged workbook, or merged cells (listed after the rows, so known
    once they are read, before anything is written), end them with BerkasTidakValid."""
    try:
        yield from sheet.rows()
    except xlsx.XlsxError as exc:
        logger.info("Impor penduduk: xlsx rusak (%s)", type(exc.__cause__).__name__)
        raise BerkasTidakValid(TIDAK_DAPAT_DIBUKA) from None
    if sheet.merged[0]:
        raise _sel_gabungan(*sheet.merged)


def _geser(rows, offset):
    """Rows without the empty columns left of the table; a value there is refused, not lost."""
    for nomor, cells in rows:
        for i, c in enumerate(cells[:offset]):
            if opensid.teks(c):
                huruf = xlsx.huruf_kolom
                raise BerkasTidakValid(
                    f"Sel {huruf(i)}{nomor} berisi nilai di kiri tabel, yang mulai di kolom {huruf(offset)}. "
                    "Hapus isi di luar tabel (atau geser tabel ke kolom A) lalu unggah lagi."
                )
        yield nomor, cells[offset:]


def _baca_xls(fileobj):
    """A legacy .xls workbook (at most 65,536 rows by its format), loaded whole by
    python-calamine."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(fileobj)
        sheet = workbook.get_sheet_by_index(0)
    except Exception:
        raise BerkasTidakValid(TIDAK_DAPAT_DIBUKA) from None
    merged = sheet.merged_cell_ranges or []
    if merged:
        (r1, c1), (r2, c2) = merged[0]
        huruf = xlsx.huruf_kolom
        raise _sel_gabungan(len(merged), f"{huruf(c1)}{r1 + 1}:{huruf(c2)}{r2 + 1}")
    # iter_rows() starts at row 1 (empty rows above the data included) and at the sheet's
    # first used column.
    start_col = sheet.start[1] if sheet.start else 0
    last_row = sheet.end[0] + 1 if sheet.end else 0
    return enumerate(sheet.iter_rows(), start=1), last_row, start_col


def baca(fileobj, jenis):
    """(rows, estimated number of rows, column offset); rows yields (row number, cells)."""
    return {"csv": _baca_csv, "xlsx": _baca_xlsx, "xls": _baca_xls}[jenis](fileobj)


def peta_kolom(header, offset):
    names = [opensid.teks(c).lower() for c in header]
    while names and not names[-1]:
        names.pop()
    position = {}
    doubles = []
    for i, name in enumerate(names):
        if name in position:
            doubles.append(name)
        position[name] = i
    missing = [k for k in KOLOM if k not in position]
    extra = [n or f"(kolom {xlsx.huruf_kolom(i + offset)} tanpa nama)" for i, n in enumerate(names) if n not in KOLOM]
    if missing or extra or doubles:
        parts = []
        if missing:
            parts.append(f"kolom yang tidak ada: {', '.join(missing[:10])}" + (" …" if len(missing) > 10 else ""))
        if extra:
            parts.append(f"kolom yang tidak dikenal: {', '.join(extra[:10])}" + (" …" if len(extra) > 10 else ""))
        if doubles:
            parts.append(f"kolom ganda: {', '.join(doubles)}")
        raise BerkasTidakValid(
            "Susunan kolom tidak sesuai format OpenSID (43 kolom, baris pertama berisi nama kolom): "
            + "; ".join(parts)
            + "."
        )
    return position


# Converting one row ------------------------------------------------------------------------


def _rencana(position, offset):
    """[(column name, index, letter, converter)] for every column.

    Each converter has a fast path for the plain text cells of a well-formed file and falls
    back to the general parser in opensid.py, which also words the error."""
    today = timezone.localdate()
    plan = []
    for name in KOLOM:
        index = position[name]
        letter = xlsx.huruf_kolom(index + offset)
        if name in opensid.KODE_KOLOM:
            jenis, wajib, default = opensid.KODE_KOLOM[name]
            table = kode.semua()[jenis]

            def conv(v, jenis=jenis, wajib=wajib, default=default, table=table):
                t = type(v)
                if t is str:
                    if v.isdigit() and v.isascii():
                        code = int(v)
                        if code in table:
                            return code
                    elif not v and not wajib:
                        return default
                elif t is float and v.is_integer() and int(v) in table:  # Excel numbers
                    return int(v)
                return opensid.angka_kode(v, jenis, wajib, default)

            conv.table = table
        elif name in opensid.TANGGAL_KOLOM:
            lampau = name in opensid.TANGGAL_LAMPAU

            def conv(v, lampau=lampau):
                value = None
                if v == "" or v is None:
                    return None
                if type(v) is str and len(v) == 10 and v[2] == "-" and v[5] == "-":
                    try:
                        value = datetime.date(int(v[6:]), int(v[3:5]), int(v[:2]))
                    except ValueError:
                        pass
                if value is None:
                    value = opensid.tanggal(v)
                if lampau and value is not None and value > today:
                    raise Salah(f"Tanggal {value:%d-%m-%Y} ada di masa depan.")
                return value
        elif name in ("nik", "no_kk", "ayah_nik", "ibu_nik"):

            def conv(v):
                if type(v) is str and (len(v) == 16 and v.isdigit() or not v):
                    return v
                return opensid.nomor(v)
        elif name in ("rw", "rt"):

            def conv(v):
                if type(v) is str and 0 < len(v) <= 3 and v.isdigit() and v.isascii():
                    return int(v) or None
                return opensid.nomor_wilayah(v)
        elif name == "hamil":

            def conv(v):
                if v == "0" or v == "":
                    return False
                text = opensid.teks(v)
                if text in ("", "0", "-"):
                    return False
                if text == "1":
                    return True
                raise Salah(f"Isi '{text[:20]}' tidak dikenal; tulis 1 bila hamil, 0 bila tidak.")
        elif name in ("lat", "lng"):
            batas = 90 if name == "lat" else 180

            def conv(v, batas=batas):
                if v == "" or v is None:
                    return None
                return opensid.koordinat(v, batas)
        else:
            limit = opensid.PANJANG.get(name, 255)

            def conv(v, limit=limit):
                text = v.strip() if type(v) is str else opensid.teks(v)
                if "\x00" in text:
                    raise Salah("Berisi karakter kendali (NUL) yang tidak diizinkan.")
                if text[:1] == "'" and text[1:2] and text[1] in FORMULA_START:
                    text = text[1:]  # the apostrophe our CSV export puts before formula-like text
                if len(text) > limit:
                    raise Salah(f"Terlalu panjang ({len(text)} karakter; maksimal {limit}).")
                return text

            conv.limit = limit
        plan.append((name, index, letter, conv))
    return Rencana(plan, today)


class Rencana(list):
    """The converters, with the columns also listed by kind: ubah_baris handles the plain
    cells of a well-formed file inline (no call per cell) and calls the converter only for
    the others, which also words the error."""

    NOMOR = ("nik", "no_kk", "ayah_nik", "ibu_nik")

    def __init__(self, plan, today):
        super().__init__(plan)
        self.today = today
        self.urutan = {item[0]: i for i, item in enumerate(plan)}
        self.teks, self.kode, self.nomor, self.tanggal, self.wilayah, self.lain = [], [], [], [], [], []
        for item in plan:
            name, conv = item[0], item[3]
            if hasattr(conv, "limit"):
                self.teks.append((*item, conv.limit))
            elif hasattr(conv, "table"):
                self.kode.append((*item, conv.table))
            elif name in self.NOMOR:
                self.nomor.append(item)
            elif name in opensid.TANGGAL_KOLOM:
                self.tanggal.append((*item, name in opensid.TANGGAL_LAMPAU))
            elif name in ("rw", "rt"):
                self.wilayah.append(item)
            else:  # hamil, lat, lng
                self.lain.append(item)


def ubah_baris(cells, plan, date=datetime.date):
    """(values by column name, [(column, letter, message)])."""
    values = {}
    errors = []
    n = len(cells)
    if n < len(plan):  # a short row: every column through its converter
        lambat = list(plan)
    else:
        # The fast paths below accept exactly what the converters' own fast paths accept.
        # Cells they leave go through the converters in the same order as before they
        # existed: the other columns in sheet order, then text, then code columns.
        lambat, teks_lambat, lain_lambat = [], [], []
        for item in plan.teks:
            v = cells[item[1]]
            if type(v) is str:
                v = v.strip()
                if len(v) <= item[4] and v[:1] != "'" and "\x00" not in v:
                    values[item[0]] = v
                    continue
            teks_lambat.append(item[:4])
        for item in plan.kode:
            v = cells[item[1]]
            t = type(v)
            if t is str and v.isdigit() and v.isascii() or t is float and v.is_integer():  # float: Excel numbers
                code = int(v)
                if code in item[4]:
                    values[item[0]] = code
                    continue
            lambat.append(item[:4])
        for item in plan.nomor:
            v = cells[item[1]]
            if type(v) is str and (len(v) == 16 and v.isdigit() or not v):
                values[item[0]] = v
                continue
            lain_lambat.append(item)
        today = plan.today
        for item in plan.tanggal:
            v = cells[item[1]]
            if v == "":
                values[item[0]] = None
                continue
            value = None
            if type(v) is date:  # an Excel date cell
                value = v
            elif type(v) is str and len(v) == 10 and v[2] == "-" and v[5] == "-":
                try:
                    value = date(int(v[6:]), int(v[3:5]), int(v[:2]))
                except ValueError:
                    pass
            if value is not None and not (item[4] and value > today):
                values[item[0]] = value
                continue
            lain_lambat.append(item[:4])
        for item in plan.wilayah:
            v = cells[item[1]]
            if type(v) is str and 0 < len(v) <= 3 and v.isdigit() and v.isascii():
                values[item[0]] = int(v) or None
                continue
            lain_lambat.append(item)
        if lain_lambat:
            lain_lambat = sorted(lain_lambat + plan.lain, key=lambda item: plan.urutan[item[0]])
        else:
            lain_lambat = plan.lain
        lambat = lain_lambat + teks_lambat + lambat
    for name, index, letter, conv in lambat:
        try:
            values[name] = conv(cells[index] if index < n else None)
        except Salah as exc:
            values[name] = None
            errors.append((name, letter, str(exc)))
    bad = {e[0] for e in errors} if errors else ()
    nik, lahir, sex = values["nik"], values["tanggallahir"], values["sex"]
    if "nik" not in bad:
        if not nik:
            errors.append(("nik", plan[6][2], "NIK wajib diisi."))
        elif lahir is not None or sex is not None:
            pesan = validasi.galat_nik(nik, tanggal_lahir=lahir, jenis_kelamin=sex)
            if pesan:
                errors.append(("nik", plan[6][2], pesan))
    if not values["nama"] and "nama" not in bad:
        errors.append(("nama", plan[4][2], "Nama wajib diisi."))
    if lahir is None and "tanggallahir" not in bad:
        errors.append(("tanggallahir", plan[9][2], "Tanggal lahir wajib diisi."))
    if values["no_kk"]:
        pesan = validasi.galat_no_kk(values["no_kk"])
        if pesan:
            errors.append(("no_kk", plan[5][2], pesan))
    for name, letter_index in (("ayah_nik", 17), ("ibu_nik", 19)):
        if values[name]:
            pesan = validasi.galat_nik_orang_tua(values[name])
            if pesan:
                errors.append((name, plan[letter_index][2], pesan))
    if values["hamil"] and sex == kode.LAKI_LAKI:
        errors.append(("hamil", plan[32][2], "Laki-laki tidak dapat tercatat hamil."))
    return values, errors


# The job -----------------------------------------------------------------------------------


class Pemeriksaan:
    """State of pass 1 for one file."""

    def __init__(self, job, desa, actor, cari=None):
        self.job, self.desa, self.actor = job, desa, actor
        # Register lookups (PostgreSQL): `_rows` on the job's connection, or a side connection's
        # while the job's connection streams rows into the register (TulisSambil).
        self.cari = cari or _rows
        self.galat = []
        self.jumlah_galat = 0
        self.baris_buruk = set()
        self.nik_baris = {}  # nik -> first row number
        self.kepala_file = {}  # no_kk -> (row, nik)
        self.kepala_db = {}  # no_kk -> (nik, nama)
        self.ada = {}  # nik -> (id, shdk, status_dasar, no_kk) of this village's record
        self.demosi = {}  # row -> (id, new shdk, new status_dasar) of a head who stops being one
        self.wilayah = {}  # (dusun, rw, rt) -> [first row, number of rows]
        self.keluarga = {}  # no_kk -> (alamat, wilayah key, from the head's row)
        self.kk_baris = defaultdict(list)  # no_kk -> rows naming it
        self.nik_desa_lain = 0  # rows whose NIK lives in another village (audited, see jalankan)
        self.nik_hidup = {}  # nik -> row, for rows of living residents
        self.wilayah_buruk = {}  # (dusun, rw, rt) -> message, for places that cannot be made
        self.rw_file = {}  # RW number -> dusun (lower case) as the file first places it
        # RW number -> its dusun (lower case) in the register as the check begins
        self.rw_db = {
            nomor: nama.lower()
            for nomor, nama in self.cari(
                f"SELECT rw.nomor, d.nama FROM {RW._meta.db_table} rw "
                f"JOIN {Dusun._meta.db_table} d ON d.id = rw.dusun_id WHERE rw.desa_id = %s",
                [desa.pk],
            )
        }
        self.baris = 0
        self.ada_baru = False  # a row whose NIK is not yet in the village (to insert)
        self.buruk_wilayah = 0
        self.spool = tempfile.TemporaryFile()

    def tambah_galat(self, baris, kolom, huruf, pesan):
        self.jumlah_galat += 1
        if baris is not None:
            self.baris_buruk.add(baris)
        if len(self.galat) < MAKS_GALAT:
            self.galat.append(
                {"baris": baris, "kolom": kolom, "sel": f"{huruf}{baris}" if baris else "", "pesan": pesan}
            )

    def periksa_batch(self, batch):
        """Cross-row and register checks for converted rows [(row, no_kk, alamat, key, values)]."""
        niks = [r[4][I["nik"]] for r in batch if r[4][I["nik"]]]
        kks = list({r[1] for r in batch if r[1]})
        hidup = [r[4][I["nik"]] for r in batch if r[4][I["status_dasar"]] == HIDUP]
        hidup_set = set(hidup)
        if _pg():  # = ANY(array): one parameter instead of thousands
            # One lookup by NIK across the kabupaten: this village's records (to update), and
            # living residents of other villages (a clash).
            elsewhere, ada = {}, []
            for nik, pk, shdk, status, no_kk, desa_id, desa_nama in self.cari(
                f"SELECT p.nik, p.id, p.shdk, p.status_dasar, k.no_kk, p.desa_id, d.nama FROM {P} p "
                f"LEFT JOIN {K} k ON k.id = p.keluarga_id JOIN {D} d ON d.id = p.desa_id "
                "WHERE p.nik = ANY(%s) ORDER BY p.id",
                [niks],
            ):
                if desa_id == self.desa.pk:
                    ada.append((nik, pk, shdk, status, no_kk))
                elif status == HIDUP:
                    elsewhere[nik] = desa_nama
            elsewhere = {nik: nama for nik, nama in elsewhere.items() if nik in hidup_set}
            kepala = self.cari(
                f"SELECT k.no_kk, p.nik, p.nama FROM {P} p JOIN {K} k ON k.id = p.keluarga_id "
                "WHERE p.desa_id = %s AND k.desa_id = %s AND p.shdk = %s AND p.status_dasar = %s AND k.no_kk = ANY(%s)",
                [self.desa.pk, self.desa.pk, KEPALA_KELUARGA, HIDUP, kks],
            )
        else:
            ada = (
                Penduduk.objects.filter(desa=self.desa, nik__in=niks)
                .order_by("id")
                .values_list("nik", "id", "shdk", "status_dasar", "keluarga__no_kk")
            )
            kepala = Penduduk.objects.filter(
                desa=self.desa, shdk=KEPALA_KELUARGA, status_dasar=HIDUP, keluarga__no_kk__in=kks
            ).values_list("keluarga__no_kk", "nik", "nama")
            elsewhere = hidup_di_desa_lain(hidup, self.desa)
        for nik, pk, shdk, status, no_kk in ada:
            current = self.ada.get(nik)
            if current is None or current[2] != HIDUP:
                self.ada[nik] = (pk, shdk, status, no_kk)
        for no_kk, nik, nama in kepala:
            self.kepala_db[no_kk] = (nik, nama)
        for baris, no_kk, alamat, key, v in batch:
            nik = v[I["nik"]]
            first = self.nik_baris.get(nik)
            if first is not None:
                self.tambah_galat(baris, "nik", self.huruf["nik"], f"NIK sama dengan baris {first}.")
                self.tambah_galat(first, "nik", self.huruf["nik"], f"NIK sama dengan baris {baris}.")
            else:
                self.nik_baris[nik] = baris
            if nik in elsewhere:
                self.nik_desa_lain += 1
                if getattr(self.actor, "is_admin_kabupaten", False):
                    pesan = f"NIK ini terdaftar sebagai penduduk hidup di Desa {elsewhere[nik]}."
                else:
                    pesan = "NIK ini terdaftar sebagai penduduk hidup di desa lain; desa asal harus mencatat pindahnya."
                self.tambah_galat(baris, "nik", self.huruf["nik"], pesan)
            kepala = v[I["shdk"]] == KEPALA_KELUARGA and v[I["status_dasar"]] == HIDUP
            if kepala and no_kk:
                other = self.kepala_file.get(no_kk)
                if other is not None:
                    pesan = f"KK {no_kk} punya dua kepala keluarga (SHDK 1): baris {other[0]} dan baris {baris}."
                    self.tambah_galat(baris, "kk_level", self.huruf["kk_level"], pesan)
                    self.tambah_galat(other[0], "kk_level", self.huruf["kk_level"], pesan)
                else:
                    self.kepala_file[no_kk] = (baris, nik)
            elif kepala and not no_kk:
                self.tambah_galat(baris, "no_kk", self.huruf["no_kk"], "Kepala keluarga harus punya nomor KK.")
            lama = self.ada.get(nik)
            if lama is None:
                self.ada_baru = True
            if lama and lama[1] == KEPALA_KELUARGA and lama[2] == HIDUP and not (kepala and no_kk == lama[3]):
                self.demosi[baris] = (lama[0], v[I["shdk"]], v[I["status_dasar"]])
            if key is not None:
                entry = self.wilayah.get(key)
                if entry is None:
                    self.wilayah[key] = [baris, 1]
                    self.periksa_wilayah(key)
                else:
                    entry[1] += 1
            if no_kk:
                self.kk_baris[no_kk].append(baris)
                if kepala or no_kk not in self.keluarga:
                    self.keluarga[no_kk] = (alamat, key, kepala)
            if v[I["status_dasar"]] == HIDUP:
                self.nik_hidup[nik] = baris

    def periksa_wilayah(self, key):
        """A place (dusun, rw, rt) at the row that first names it: can it be made? Places are
        judged in the order of the file, against the register as it was when the check began."""
        dusun, rw, rt = key
        pesan = None
        if rt is not None and rw is None:
            pesan = "RT diisi tetapi RW kosong."
        elif rw is not None and not dusun and rw not in self.rw_db:
            pesan = f"RW {rw:03d} belum ada di desa ini; isi kolom dusun agar dapat dibuat."
        elif rw is not None and dusun:
            pemilik = self.rw_db.get(rw) or self.rw_file.setdefault(rw, dusun.lower())
            if pemilik != dusun.lower():
                pesan = f"RW {rw:03d} sudah tercatat di Dusun {pemilik.title()}, bukan Dusun {dusun}."
        if pesan:
            self.wilayah_buruk[key] = pesan

    def periksa_akhir(self):
        """Checks that need the whole file: heads of family already in the register; and the
        problems with places, reported once per place with the number of rows naming it."""
        for no_kk, (baris, nik) in self.kepala_file.items():
            lama = self.kepala_db.get(no_kk)
            if lama and lama[0] != nik and lama[0] not in self.nik_baris:
                self.tambah_galat(
                    baris,
                    "kk_level",
                    self.huruf["kk_level"],
                    f"KK {no_kk} sudah punya kepala keluarga {lama[1]} di register, yang tidak ada di berkas ini. "
                    "Ubah dulu SHDK-nya, atau sertakan barisnya di berkas.",
                )
        for key, pesan in self.wilayah_buruk.items():
            baris, jumlah = self.wilayah[key]
            lain = f" ({jumlah - 1} baris lain dengan wilayah yang sama)" if jumlah > 1 else ""
            self.tambah_galat(baris, "rw", self.huruf["rw"], pesan + lain)
            self.jumlah_galat += jumlah - 1
            self.buruk_wilayah += jumlah - 1

    @property
    def jumlah_valid(self):
        return self.baris - len(self.baris_buruk) - self.buruk_wilayah

    def baris_valid(self, baris, key):
        return baris not in self.baris_buruk and key not in self.wilayah_buruk


def _simpan_kemajuan(job, **fields):
    ImporPenduduk.objects.filter(pk=job.pk).update(**fields)
    for k, v in fields.items():
        setattr(job, k, v)


def periksa(job, fileobj, jenis, *, desa, actor, kemajuan=None, cari=None, sambil=None):
    """Pass 1. Returns the Pemeriksaan (its spool holds the converted rows, but for those
    `sambil`, a TulisSambil, wrote already). `kemajuan` saves progress (default: on the job's
    connection) and `cari` runs register lookups (default: `_rows`)."""
    kemajuan = kemajuan or _simpan_kemajuan
    rows, total, offset = baca(fileobj, jenis)
    state = Pemeriksaan(job, desa, actor, cari=cari)
    header, baris_header = None, 0
    for nomor_baris, cells in rows:
        if any(opensid.teks(c) for c in cells):
            header, baris_header = cells, nomor_baris
            break
    if header is None:
        raise BerkasTidakValid("Berkas kosong: tidak ada baris nama kolom.")
    position = peta_kolom(header, offset)
    plan = _rencana(position, offset)
    state.huruf = {name: letter for name, _i, letter, _c in plan}
    kemajuan(job, baris_total=max(total - baris_header, 0), pesan="Memeriksa berkas…")
    batch = []
    kemajuan_berikut = time.monotonic() + KEMAJUAN_DETIK
    for nomor, cells in rows:
        if not any(cells):  # blank rows (Excel keeps formatted empty rows)
            continue
        state.baris += 1
        values, errors = ubah_baris(cells, plan)
        for kolom, huruf, pesan in errors:
            state.tambah_galat(nomor, kolom, huruf, pesan)
        if errors:
            continue
        dusun = "" if values["dusun"] in opensid.KOSONG else values["dusun"]
        key = (dusun, values["rw"], values["rt"]) if (dusun or values["rw"] or values["rt"]) else None
        batch.append((nomor, values["no_kk"], values["alamat"], key, ambil_field(values)))
        if len(batch) >= BATCH:
            state.periksa_batch(batch)
            _simpan_batch(state.spool, sambil.saring(state, batch) if sambil else batch)
            batch = []
            if time.monotonic() >= kemajuan_berikut:
                kemajuan(job, baris_selesai=state.baris, baris_total=max(job.baris_total, state.baris))
                kemajuan_berikut = time.monotonic() + KEMAJUAN_DETIK
    if batch:
        state.periksa_batch(batch)
        _simpan_batch(state.spool, sambil.saring(state, batch) if sambil else batch)
    if state.baris == 0:
        raise BerkasTidakValid("Berkas hanya berisi baris nama kolom, tanpa data penduduk.")
    state.periksa_akhir()
    kemajuan(job, baris_selesai=state.baris, baris_total=state.baris)
    return state


def _simpan_batch(spool, batch):
    # Without the memo ("fast" mode) pickling is about four times faster: the rows hold no
    # shared or recursive objects, so the memo only costs a dictionary entry per string.
    pickler = pickle.Pickler(spool, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(batch)


def _batches(state):
    state.spool.seek(0)
    while True:
        try:
            yield pickle.load(state.spool)
        except EOFError:
            return


# Writing -----------------------------------------------------------------------------------


class Tempat:
    """The village's dusun, RW and RT by the file's (dusun, rw, rt) keys, made when missing."""

    def __init__(self, desa):
        self.desa = desa
        self.dusun = {d.nama.lower(): d for d in Dusun.objects.filter(desa=desa)}
        self.rws = {rw.nomor: rw for rw in RW.objects.filter(desa=desa).select_related("dusun")}
        self.rts = {(rt.rw_id, rt.nomor): rt for rt in RT.objects.filter(desa=desa)}
        self.ids = {}  # key -> (dusun_id, rw_id, rt_id)

    def buat(self, keys):
        """{key: (dusun_id, rw_id, rt_id)} for `keys` (places that passed the check)."""
        for key in keys:
            if key not in self.ids:
                self.ids[key] = self._buat(*key)
        return self.ids

    def _buat(self, nama, nomor_rw, nomor_rt):
        desa = self.desa
        rw = self.rws.get(nomor_rw) if nomor_rw is not None else None
        if nama:
            d = self.dusun.get(nama.lower())
            if d is None:
                d = self.dusun[nama.lower()] = Dusun.objects.create(desa=desa, nama=nama)
        else:
            d = rw.dusun if rw is not None else None
        if nomor_rw is not None and rw is None:
            rw = self.rws[nomor_rw] = RW.objects.create(desa=desa, dusun=d, nomor=nomor_rw)
        rt = None
        if nomor_rt is not None:
            rt = self.rts.get((rw.pk, nomor_rt))
            if rt is None:
                rt = self.rts[(rw.pk, nomor_rt)] = RT.objects.create(desa=desa, rw=rw, nomor=nomor_rt)
        return (d.pk if d else None, rw.pk if rw else None, rt.pk if rt else None)


def _buat_keluarga(state, wilayah, kk_dipakai):
    desa = state.desa
    kks = [k for k in state.keluarga if k in kk_dipakai]
    if _pg():
        return _buat_keluarga_copy(state, wilayah, kks)
    ada = {}
    for i in range(0, len(kks), 900):
        ada.update((k.no_kk, k) for k in Keluarga.objects.filter(desa=desa, no_kk__in=kks[i : i + 900]).order_by())
    baru, ubah = [], []
    for no_kk in kks:
        alamat, key, _kepala = state.keluarga[no_kk]
        dusun_id, rw_id, rt_id = wilayah.get(key, (None, None, None))
        k = ada.get(no_kk)
        if k is None:
            baru.append(Keluarga(desa=desa, no_kk=no_kk, alamat=alamat, dusun_id=dusun_id, rw_id=rw_id, rt_id=rt_id))
        elif (k.alamat, k.dusun_id, k.rw_id, k.rt_id) != (alamat, dusun_id, rw_id, rt_id):
            k.alamat, k.dusun_id, k.rw_id, k.rt_id = alamat, dusun_id, rw_id, rt_id
            ubah.append(k)
    Keluarga.objects.bulk_create(baru, batch_size=1000)
    Keluarga.objects.bulk_update(ubah, ["alamat", "dusun", "rw", "rt"], batch_size=1000)
    for k in baru:
        ada[k.no_kk] = k
    return {no_kk: k.pk for no_kk, k in ada.items()}


def _buat_keluarga_copy(state, wilayah, kks):
    """PostgreSQL: the village's KKs of the file read as plain rows (no model instances),
    changed ones updated, new ones COPied, then their ids in one query."""
    desa = state.desa
    now = timezone.now()
    ada = {}  # no_kk -> (id, (alamat, dusun_id, rw_id, rt_id))
    for i in range(0, len(kks), 50000):
        for no_kk, pk, *rest in _rows(
            f"SELECT no_kk, id, alamat, dusun_id, rw_id, rt_id FROM {K} WHERE desa_id = %s AND no_kk = ANY(%s)",
            [desa.pk, kks[i : i + 50000]],
        ):
            ada[no_kk] = (pk, tuple(rest))
    ubah, baru = [], []
    for no_kk in kks:
        alamat, key, _kepala = state.keluarga[no_kk]
        place = wilayah.get(key, (None, None, None))
        k = ada.get(no_kk)
        if k is None:
            baru.append((desa.pk, no_kk, alamat, *place, now, now))
        elif k[1] != (alamat, *place):
            dusun_id, rw_id, rt_id = place
            ubah.append(Keluarga(pk=k[0], desa=desa, alamat=alamat, dusun_id=dusun_id, rw_id=rw_id, rt_id=rt_id))
    Keluarga.objects.bulk_update(ubah, ["alamat", "dusun", "rw", "rt"], batch_size=1000)
    ids = {no_kk: k[0] for no_kk, k in ada.items()}
    if baru:
        with connection.cursor() as cur:
            columns = "desa_id, no_kk, alamat, dusun_id, rw_id, rt_id, dibuat, diperbarui"
            with cur.cursor.copy(f"COPY {K} ({columns}) FROM STDIN") as copy:
                for row in baru:
                    copy.write_row(row)
        ids.update(
            _rows(f"SELECT no_kk, id FROM {K} WHERE desa_id = %s AND no_kk = ANY(%s)", [desa.pk, [r[1] for r in baru]])
        )
    return ids


class PenulisORM:
    """bulk_create / bulk_update (SQLite and other databases)."""

    def __init__(self, desa):
        self.desa = desa

    def tulis(self, rows):
        now = timezone.now()
        baru, ubah = [], []
        for pk, values, place in rows:
            if pk:
                ubah.append((pk, values, place))
                continue
            p = Penduduk(
                desa=self.desa, **dict(zip(FIELDS, values, strict=True)), **dict(zip(PLACE, place, strict=True))
            )
            baru.append(p)
        if ubah:
            self._ubah(ubah, now)
        if baru:
            Penduduk.objects.bulk_create(baru, batch_size=500)
        return len(baru), len(ubah)

    def _ubah(self, rows, now):
        """One prepared UPDATE run for many rows (executemany): far faster than bulk_update's
        CASE WHEN over 45 columns."""
        meta = Penduduk._meta
        fields = [meta.get_field(f) for f in FIELDS] + [meta.get_field(c.removesuffix("_id")) for c in PLACE]
        fields.append(meta.get_field("diperbarui"))
        sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
        sql = f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {sets} WHERE id = %s AND desa_id = %s"
        params = []
        for pk, values, place in rows:
            row = [f.get_db_prep_save(v, connection) for f, v in zip(fields, (*values, *place, now), strict=True)]
            params.append((*row, pk, self.desa.pk))
        with connection.cursor() as cur:
            cur.executemany(sql, params)


class PenulisCopy:
    """PostgreSQL: new residents are COPied straight into the table; residents already in the
    village (same NIK) are COPied into a temporary table and updated by one UPDATE ... FROM."""

    def __init__(self, desa):
        self.desa = desa
        meta = Penduduk._meta
        self.table = meta.db_table
        self.columns = [meta.get_field(f).column for f in FIELDS] + PLACE
        self.cursor = connection.cursor()
        self.raw = self.cursor.cursor  # the psycopg cursor under Django's wrapper
        self.now = timezone.now()
        # status_penduduk is not in OpenSID's sheet: new residents are "tetap".
        self.insert_columns = ["desa_id", "status_penduduk", "dibuat", "diperbarui", *self.columns]
        self.insert_sql = f"COPY {self.table} ({', '.join(self.insert_columns)}) FROM STDIN (FORMAT BINARY)"
        self.kepala_baris = (desa.pk, kode.TETAP, self.now, self.now)  # values before the sheet's
        # Binary COPY: PostgreSQL parses no text (dates, numbers) for each of ~45 columns.
        self.types = dict(
            _rows(
                "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
                [self.table],
            )
        )
        self.insert_types = [self.types[c] for c in self.insert_columns]

    def _buat_stage(self):
        # CREATE TABLE AS copies the column types and no constraint.
        self.cursor.execute("DROP TABLE IF EXISTS impor_penduduk_stage")
        self.cursor.execute(
            "CREATE TEMPORARY TABLE impor_penduduk_stage ON COMMIT DROP AS "
            f"SELECT id, {', '.join(self.columns)} FROM {self.table} WHERE false"
        )

    def tulis_semua(self, baris, *, ada_baru=True):
        """Write the rows `baris()` yields: one COPY for all new residents, so PostgreSQL
        stores and indexes rows while Python reads on (a COPY per batch made each side wait
        for the other); then, reading the rows again, one for those already in the village.
        `ada_baru=False` (pass 1 saw only NIKs of the village: a re-import) skips the first
        reading; should a new row turn up anyway, it is inserted after the updates."""
        baru = lama = diubah = 0
        if ada_baru:
            baru, lama = self._sisip(baris)
        if lama or not ada_baru:
            diubah, baru_terlewat = self._ubah(baris)
            if baru_terlewat and not ada_baru:
                baru = self._sisip(baris)[0]
        return baru, diubah

    def _ubah(self, baris):
        """COPY residents already in the village to the stage and update from it; (matched by
        NIK, new rows passed over)."""
        self._buat_stage()
        n = lewat = 0
        sql = f"COPY impor_penduduk_stage (id, {', '.join(self.columns)}) FROM STDIN (FORMAT BINARY)"
        with self.raw.copy(sql) as copy:
            copy.set_types([self.types[c] for c in ["id", *self.columns]])
            write = copy.write_row
            for pk, values, place in baris():
                if pk is not None:
                    write((pk, *values, *place))
                    n += 1
                else:
                    lewat += 1
        self._perbarui()
        return n, lewat

    def _sisip(self, baris):
        """COPY the new residents; (inserted, rows of residents already in the village)."""
        baru = lama = 0
        head = self.kepala_baris
        with self.raw.copy(self.insert_sql) as copy:
            copy.set_types(self.insert_types)
            write = copy.write_row
            for pk, values, place in baris():
                if pk is None:
                    write((*head, *values, *place))
                    baru += 1
                else:
                    lama += 1
        return baru, lama

    def _perbarui(self):
        assignments = ", ".join(f"{c} = s.{c}" for c in self.columns)
        old = ", ".join(f"p.{c}" for c in self.columns)
        new = ", ".join(f"s.{c}" for c in self.columns)
        # Rows whose values did not change are left alone: re-importing a file after fixing a
        # few rows rewrites only those. (Counted as matched by NIK either way.)
        self.cursor.execute(
            f"UPDATE {self.table} AS p SET {assignments}, diperbarui = %s "
            "FROM impor_penduduk_stage AS s WHERE p.id = s.id AND p.desa_id = %s "
            f"AND ({old}) IS DISTINCT FROM ({new})",
            [self.now, self.desa.pk],
        )
        self.cursor.execute("DROP TABLE impor_penduduk_stage")


class TulisSambil:
    """PostgreSQL, mode "semua": new residents are written while the file is still being checked.

    The check runs inside the import's transaction, which holds the kabupaten's NIK lock. The
    rows of each checked batch that can be written already (residents new to the village, in a
    place and KK that passed, not a new head of a KK whose current head is still to be demoted)
    go into one COPY that stays open for the whole file: PostgreSQL stores and indexes them on
    the other core while Python checks the next batch. Register lookups meanwhile run on a side
    connection (SambunganSamping), which sees the register as it was before the import.
    New KKs get their ids from the side connection too (sequences are not transactional) and
    are written after the COPY closes; their foreign keys are checked at commit. Should any
    problem turn up, even in the last row, the whole transaction is rolled back and nothing is
    kept. The rows it leaves (updates of residents already in the village, held-back heads)
    go to the spool for pass 2."""

    def __init__(self, desa, samping):
        self.desa, self.samping = desa, samping
        self.tempat = Tempat(desa)
        self.penulis = PenulisCopy(desa)  # pass 2 writes with it too
        self.keluarga = {}  # no_kk -> id, of every KK rows were written for
        self.keluarga_baru = []  # rows of KKs to create when the COPY closes
        self.baru = 0
        self.ditahan = False  # a new resident left for pass 2
        self.aliran = self.copy = None  # the open COPY (its context manager, its Copy)

    def saring(self, st, batch):
        """Write the rows of a `batch` that `st` (the Pemeriksaan) checked and that can be written
        now; return the others."""
        if st.jumlah_galat:  # the file is invalid: nothing will be kept, no need to write
            return batch
        i_nik, i_shdk, i_status = I["nik"], I["shdk"], I["status_dasar"]
        sekarang, sisa = [], []
        for row in batch:
            baris, no_kk, _alamat, key, v = row
            nik = v[i_nik]
            if baris in st.baris_buruk or key in st.wilayah_buruk or nik in st.ada:
                sisa.append(row)
                continue
            kepala_lama = st.kepala_db.get(no_kk) if no_kk else None
            if kepala_lama and kepala_lama[0] != nik and v[i_shdk] == KEPALA_KELUARGA and v[i_status] == HIDUP:
                sisa.append(row)  # after the former head has been demoted (pass 2)
                self.ditahan = True
                continue
            sekarang.append(row)
        if sekarang:
            self._tulis(st, sekarang)
        return sisa

    def _tulis(self, st, rows):
        keys = {r[3] for r in rows if r[3] is not None} - self.tempat.ids.keys()
        if keys:  # new places are made with the ORM on this connection: the COPY must pause
            self._tutup_aliran()
            self.tempat.buat(keys)
        wilayah, tanpa = self.tempat.ids, (None, None, None)
        kks = [kk for kk in {r[1] for r in rows if r[1]} if kk not in self.keluarga]
        if kks:
            self._siapkan_keluarga(st, kks, wilayah)
        if self.aliran is None:
            self.aliran = self.penulis.raw.copy(self.penulis.insert_sql)
            self.copy = self.aliran.__enter__()
            self.copy.set_types(self.penulis.insert_types)
        write, head, ids = self.copy.write_row, self.penulis.kepala_baris, self.keluarga
        for _baris, no_kk, _alamat, key, v in rows:
            write((*head, *v, *wilayah.get(key, tanpa), ids[no_kk] if no_kk else None))
        self.baru += len(rows)

    def _siapkan_keluarga(self, st, kks, wilayah):
        """Ids for `kks`: of the village's KK, else a new id for a KK written at the end (with
        the values of its head's row as far as the file has been read: pass 2 updates it)."""
        ada = dict(
            self.samping.rows(f"SELECT no_kk, id FROM {K} WHERE desa_id = %s AND no_kk = ANY(%s)", [self.desa.pk, kks])
        )
        baru = [kk for kk in kks if kk not in ada]
        ids = self.samping.id_baru(K, len(baru))
        now, tanpa = self.penulis.now, (None, None, None)
        for no_kk, pk in zip(baru, ids, strict=True):
            alamat, key, _kepala = st.keluarga[no_kk]
            self.keluarga_baru.append((pk, self.desa.pk, no_kk, alamat, *wilayah.get(key, tanpa), now, now))
            ada[no_kk] = pk
        self.keluarga.update(ada)

    def _tutup_aliran(self, exc=None):
        if self.aliran is not None:
            aliran, self.aliran, self.copy = self.aliran, None, None
            aliran.__exit__(type(exc) if exc else None, exc, None)

    def selesai(self):
        """Close the COPY, then write the new KKs."""
        self._tutup_aliran()
        if self.keluarga_baru:
            columns = "id, desa_id, no_kk, alamat, dusun_id, rw_id, rt_id, dibuat, diperbarui"
            with self.penulis.raw.copy(f"COPY {K} ({columns}) FROM STDIN") as copy:
                for row in self.keluarga_baru:
                    copy.write_row(row)
            self.keluarga_baru = []

    def batal(self, exc):
        """The check failed: end the COPY (the transaction is rolled back)."""
        try:
            self._tutup_aliran(exc)
        except Exception:  # the COPY's own error is secondary to `exc`
            logger.debug("COPY dihentikan", exc_info=True)


class SambunganSamping:
    """A second, autocommit connection beside the import's transaction: register lookups while
    the job's connection is busy with a COPY, ids from sequences, and the job's progress,
    which the progress bar must see before the import's transaction commits."""

    KEMAJUAN = {"baris_selesai", "baris_total", "pesan"}

    def __init__(self):
        import psycopg

        params = connection.get_connection_params()
        for name in ("cursor_factory", "context"):
            params.pop(name, None)
        self.pg = psycopg.connect(**params, autocommit=True)

    def rows(self, sql, params):
        return self.pg.execute(sql, params).fetchall()

    def id_baru(self, table, n):
        """`n` ids from `table`'s id sequence."""
        if not n:
            return []
        return [
            pk
            for (pk,) in self.rows(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n]
            )
        ]

    def simpan_kemajuan(self, job, **fields):
        assert set(fields) <= self.KEMAJUAN
        sets = ", ".join(f"{name} = %s" for name in fields)
        self.pg.execute(f"UPDATE {ImporPenduduk._meta.db_table} SET {sets} WHERE id = %s", [*fields.values(), job.pk])
        for k, v in fields.items():
            setattr(job, k, v)

    def tutup(self):
        self.pg.close()


def _kunci_tulis():
    """Start of a write transaction: the kabupaten's NIKs locked until it ends."""
    services.lock_nik()
    if _pg():
        # Durable anyway: the job row is updated right after in a synchronous commit, and WAL is
        # flushed in order, so a crash cannot lose this transaction yet report it finished.
        with connection.cursor() as cur:
            cur.execute("SET LOCAL synchronous_commit = off")


def tulis(state, *, sambil=None):
    """Pass 2, inside one transaction. Returns (new, updated). `sambil`: the TulisSambil that
    wrote new residents during the check, which ran in this transaction under the lock."""
    desa = state.desa
    if sambil is None:
        _kunci_tulis()
        # Re-check under the lock: no other village registered one of these NIKs since pass 1.
        hidup = [nik for nik, baris in state.nik_hidup.items() if baris not in state.baris_buruk]
        chunk = 50000 if _pg() else 500
        for i in range(0, len(hidup), chunk):
            if hidup_di_desa_lain(hidup[i : i + chunk], desa):
                raise BerkasTidakValid(
                    "Selama pemeriksaan, desa lain mendaftarkan NIK yang ada di berkas ini. Jalankan impor sekali lagi."
                )
    tempat = sambil.tempat if sambil else Tempat(desa)
    wilayah = tempat.buat(k for k in state.wilayah if k not in state.wilayah_buruk)
    kk_dipakai = {kk for kk, rows in state.kk_baris.items() if any(r not in state.baris_buruk for r in rows)}
    keluarga = _buat_keluarga(state, wilayah, kk_dipakai)
    demosi = [d for baris, d in state.demosi.items() if baris not in state.baris_buruk]
    if demosi:
        # Former heads first, so the one-head-per-KK index never sees two heads at once.
        objs = [Penduduk(pk=pk, shdk=shdk, status_dasar=status) for pk, shdk, status in demosi]
        Penduduk.objects.bulk_update(objs, ["shdk", "status_dasar"], batch_size=500)
    if _pg():
        baris = lambda: _baris_tulis(state, wilayah, keluarga)  # noqa: E731
        if sambil is None:
            return PenulisCopy(desa).tulis_semua(baris, ada_baru=state.ada_baru)
        baru, diubah = sambil.penulis.tulis_semua(baris, ada_baru=sambil.ditahan)
        return sambil.baru + baru, diubah
    penulis = PenulisORM(desa)
    baru = diubah = 0
    rows = _baris_tulis(state, wilayah, keluarga)
    while batch := list(itertools.islice(rows, BATCH)):
        n_baru, n_ubah = penulis.tulis(batch)
        baru, diubah = baru + n_baru, diubah + n_ubah
    return baru, diubah


def _baris_tulis(state, wilayah, keluarga):
    """(id of this village's resident with the NIK or None, values, place) for the valid rows."""
    ada, i_nik, tanpa = state.ada, I["nik"], (None, None, None)
    for batch in _batches(state):
        for baris, no_kk, _alamat, key, values in batch:
            if not state.baris_valid(baris, key):
                continue
            lama = ada.get(values[i_nik])
            place = (*wilayah.get(key, tanpa), keluarga.get(no_kk) if no_kk else None)
            yield (lama[0] if lama else None, values, place)


def _simpan(job, state, actor, *, sambil=None):
    """Pass 2 and its audit entry, inside the caller's transaction. Returns (new, updated)."""
    baru, diubah = tulis(state, sambil=sambil)
    audit.record(
        action="penduduk.diimpor",
        actor=actor,
        desa=job.desa,
        obj=job,
        label=f"Impor {job.nama_berkas}",
        changes={
            "baru": [None, baru],
            "diperbarui": [None, diubah],
            "dilewati": [None, state.baris - state.jumlah_valid],
        },
    )
    # Public statistics and front-page figures are cached per site version.
    transaction.on_commit(lambda: sitecache.bump(job.desa_id))
    return baru, diubah


def _periksa_sambil_menulis(job, fileobj, jenis, actor):
    """Mode "semua" on PostgreSQL: check and write in one transaction (see TulisSambil).
    Returns (state, (new, updated)), or (state, None) when the file has problems: then the
    transaction is rolled back and the register is as it was."""
    samping = SambunganSamping()
    try:
        with transaction.atomic():
            _kunci_tulis()
            sambil = TulisSambil(job.desa, samping)
            try:
                state = periksa(
                    job,
                    fileobj,
                    jenis,
                    desa=job.desa,
                    actor=actor,
                    kemajuan=samping.simpan_kemajuan,
                    cari=samping.rows,
                    sambil=sambil,
                )
            except BaseException as exc:
                sambil.batal(exc)
                raise
            if state.jumlah_galat:
                sambil.batal(None)
                transaction.set_rollback(True)
                return state, None
            sambil.selesai()
            samping.simpan_kemajuan(job, pesan="Menyimpan ke register…")
            return state, _simpan(job, state, actor, sambil=sambil)
    finally:
        samping.tutup()


def jalankan(job, *, actor=None):
    """Check (and, by the job's mode, write) the job's file. Runs inside the village's scope."""
    desa = job.desa
    _simpan_kemajuan(job, status=ImporPenduduk.Status.BERJALAN, pesan="Memulai…")
    state = None
    try:
        try:
            with job.berkas.open("rb") as fileobj:
                jenis = jenis_berkas(fileobj.read(8), job.nama_berkas)
                fileobj.seek(0)
                if jenis is None:
                    raise BerkasTidakValid("Berkas ini bukan Excel (.xlsx) atau CSV.")
                if _pg() and job.mode == ImporPenduduk.Mode.SEMUA:
                    state, tertulis = _periksa_sambil_menulis(job, fileobj, jenis, actor)
                else:
                    state = periksa(job, fileobj, jenis, desa=desa, actor=actor)
                    tertulis = None
            menulis = job.mode == ImporPenduduk.Mode.VALID_SAJA or (
                job.mode == ImporPenduduk.Mode.SEMUA and state.jumlah_galat == 0
            )
            if menulis and state.jumlah_valid and tertulis is None:
                _simpan_kemajuan(job, pesan="Menyimpan ke register…")
                with transaction.atomic():
                    tertulis = _simpan(job, state, actor)
        except DITOLAK as exc:
            # The register changed between the check and the write (another operator or
            # import saved the same NIK or a head of the same KK meanwhile). The database's
            # message quotes the key, i.e. the NIK: only the class name goes to the log.
            logger.warning("Impor penduduk %s ditolak basis data: %s", job.pk, type(exc).__name__)
            raise BerkasTidakValid(
                "Register berubah selama impor (NIK atau kepala keluarga yang sama baru saja dicatat "
                "di tempat lain), sehingga tidak ada yang disimpan. Jalankan impor sekali lagi."
            ) from None
        valid = state.jumlah_valid
        hasil = {"galat": state.galat, "jumlah_galat": state.jumlah_galat}
        if tertulis is not None:
            baru, diubah = tertulis
            if _pg() and baru + diubah >= ANALYZE_SETELAH:
                # Fresh statistics, or the planner keeps believing the register is as small as
                # before (lists, statistics and the next import would pick poor plans).
                # Only the columns queries filter, join, group and sort on: the free-text
                # columns (names, documents; most of ANALYZE's work) keep their statistics
                # until autovacuum's next analyse. The table size is refreshed either way.
                kolom = [
                    f.column
                    for f in Penduduk._meta.concrete_fields
                    if f.get_internal_type() not in ("CharField", "TextField") or f.name in ("nik", "nama")
                ]
                with connection.cursor() as cur:
                    cur.execute(f"ANALYZE {P} ({', '.join(kolom)}), {K}")
            pesan = f"Selesai: {baru} penduduk baru, {diubah} diperbarui."
            if state.jumlah_galat:
                pesan += f" {state.baris - valid} baris bermasalah dilewati."
            hasil.update(jumlah_baru=baru, jumlah_diubah=diubah)
        elif job.mode == ImporPenduduk.Mode.UJI:
            pesan = (
                f"Pemeriksaan selesai: {state.baris} baris, semuanya valid. Tidak ada yang disimpan (uji coba)."
                if not state.jumlah_galat
                else f"Pemeriksaan selesai: {state.jumlah_galat} masalah pada {state.baris - valid} baris. "
                "Tidak ada yang disimpan (uji coba)."
            )
        else:
            pesan = (
                f"Tidak ada yang disimpan: {state.jumlah_galat} masalah pada {state.baris - valid} baris. "
                "Perbaiki berkas, atau pilih “impor baris yang valid saja”."
            )
        _simpan_kemajuan(
            job,
            status=ImporPenduduk.Status.SELESAI,
            pesan=pesan,
            galat=hasil["galat"],
            jumlah_galat=hasil["jumlah_galat"],
            jumlah_baru=hasil.get("jumlah_baru", 0),
            jumlah_diubah=hasil.get("jumlah_diubah", 0),
            selesai=timezone.now(),
        )
    except BerkasTidakValid as exc:
        _simpan_kemajuan(
            job,
            status=ImporPenduduk.Status.GAGAL,
            pesan=str(exc),
            galat=[{"baris": None, "kolom": "", "sel": "", "pesan": str(exc)}],
            jumlah_galat=1,
            selesai=timezone.now(),
        )
    finally:
        if state is not None:
            state.spool.close()
            if state.nik_desa_lain:
                # A file of NIKs is also a way to ask which of them live in other villages.
                audit.record(
                    action="penduduk.impor_nik_desa_lain",
                    actor=actor,
                    desa=desa,
                    obj=job,
                    changes={"jumlah_nik_desa_lain": [None, state.nik_desa_lain]},
                )
    return job


SIMPAN_UJI = datetime.timedelta(days=1)


def hapus_berkas_lama(desa):
    """Files of dry runs nobody followed up within a day are deleted (they hold personal data)."""
    lama = ImporPenduduk.objects.filter(desa=desa, dibuat__lt=timezone.now() - SIMPAN_UJI).exclude(berkas="")
    for job in lama:
        job.berkas.delete(save=False)
    lama.update(berkas="")


def jalankan_untuk(job_id, actor_id=None):
    """Entry point of the background task: open the village's scope, run, tidy up the file."""
    from balai.akun.models import User

    with scopes_disabled():
        job = ImporPenduduk.objects.select_related("desa__kecamatan").get(pk=job_id)
        actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    with scope(desa=job.desa):
        hapus_berkas_lama(job.desa)
    with scope(desa=job.desa):
        try:
            jalankan(job, actor=actor)
        except Exception:
            _simpan_kemajuan(
                job,
                status=ImporPenduduk.Status.GAGAL,
                pesan="Terjadi kesalahan sistem saat memproses berkas; register tidak berubah. Hubungi admin.",
                selesai=timezone.now(),
            )
            raise
        finally:
            # A dry run keeps the file so the operator can import it without uploading again.
            if job.mode != ImporPenduduk.Mode.UJI and job.berkas:
                job.berkas.delete(save=False)
                ImporPenduduk.objects.filter(pk=job.pk).update(berkas="")
    return job.status


def kelompokkan_galat(galat):
    """Problems grouped by row, for display."""
    rows = defaultdict(list)
    for g in galat:
        rows[g["baris"]].append(g)
    return sorted(rows.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0))
