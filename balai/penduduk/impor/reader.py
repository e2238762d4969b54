"""Reading a file into rows of cells: CSV streamed by the csv module; a workbook (.xlsx or
legacy .xls) by python-calamine, which loads the chosen sheet whole (about 3.5 MB per 1,000
rows of 43 columns: a 20,000-resident village stays far below the memory goal; see
bench/README.md). Of a workbook, the sheet whose first filled row names OpenSID's columns is
read, whatever its position, so an instructions sheet in front does no harm."""

import csv
import io
import itertools
import logging
import zipfile
from dataclasses import dataclass

from .. import opensid
from .format import PEMISAH, BerkasTidakValid, huruf_kolom, skor_header

logger = logging.getLogger(__name__)

# A workbook is loaded whole, so what it unpacks to bounds memory. A 20,000-resident sheet
# unpacks to about 35 MB; a zip bomb to far more.
MAKS_XLSX_TERURAI = 150 * 1024 * 1024
TIDAK_DAPAT_DIBUKA = "Berkas Excel tidak dapat dibuka (rusak, terkunci sandi, atau bukan Excel)."


@dataclass
class Bacaan:
    """What a reader found: the rows (row number, cells) from the header row on, an estimate
    of their number, the letter offset of the table's first column, and the sheet's name."""

    rows: object
    total: int
    offset: int = 0
    lembar: str = ""


def baca(fileobj, jenis):
    return {"csv": _baca_csv, "xlsx": _baca_workbook, "xls": _baca_workbook}[jenis](fileobj, jenis)


def _baca_csv(fileobj, _jenis):
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
        encoding = "cp1252" if exc.start < len(raw) - 4 else "utf-8-sig"  # "CSV" saved by Excel on Windows
    text = io.TextIOWrapper(fileobj, encoding=encoding, newline="", errors="strict")
    first = text.readline()
    delimiter = max(PEMISAH, key=first.count)
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

    return Bacaan(rows(), total)


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


def _baca_workbook(fileobj, jenis):
    from python_calamine import CalamineWorkbook

    if jenis == "xlsx":
        _periksa_zip(fileobj)
    try:
        workbook = CalamineWorkbook.from_filelike(fileobj)
        names = workbook.sheet_names
        terbaik = None  # (score, name, sheet, rows, header row number, header cells)
        for name in names:
            sheet = workbook.get_sheet_by_name(name)  # loaded now; dropped unless it is the one
            rows = enumerate(sheet.iter_rows(), start=1)
            for nomor, cells in rows:
                if any(opensid.teks(c) for c in cells):
                    score = skor_header(cells)
                    if terbaik is None or score > terbaik[0]:
                        terbaik = (score, name, sheet, rows, nomor, cells)
                    break
            if terbaik and terbaik[0] == len(opensid.KOLOM):
                break
    except Exception as exc:
        logger.info("Impor penduduk: workbook tidak terbaca (%s)", type(exc).__name__)
        raise BerkasTidakValid(TIDAK_DAPAT_DIBUKA) from None
    if terbaik is None:
        raise BerkasTidakValid("Berkas kosong: tidak ada lembar yang berisi baris nama kolom.")
    score, name, sheet, rows, nomor, header = terbaik
    if score == 0 and len(names) > 1:
        raise BerkasTidakValid(
            f"Tidak ada lembar yang baris pertamanya berisi nama kolom OpenSID (lembar: "
            f"{', '.join(names)}). Unduh templat untuk melihat susunan kolomnya."
        )
    merged = sheet.merged_cell_ranges or []
    if merged:
        (r1, c1), (r2, c2) = merged[0]
        raise BerkasTidakValid(
            f"Lembar “{name}” berisi {len(merged)} sel gabungan (merge), mis. "
            f"{huruf_kolom(c1)}{r1 + 1}:{huruf_kolom(c2)}{r2 + 1}. Hapus penggabungan sel (Unmerge) lalu unggah "
            "lagi: satu baris per penduduk, satu nilai per sel."
        )
    # iter_rows() starts at row 1 (empty rows above the data included) and at the sheet's
    # first used column; the table starts at the header row's first filled cell.
    start_col = sheet.start[1] if sheet.start else 0
    geser = next(i for i, c in enumerate(header) if opensid.teks(c))
    rows = itertools.chain([(nomor, header)], rows)
    if geser:
        rows = _geser(rows, geser, start_col)
    return Bacaan(rows, sheet.total_height or 0, start_col + geser, name)


def _geser(rows, offset, start_col):
    """Rows without the empty columns left of the table; a value there is refused, not lost."""
    for nomor, cells in rows:
        for i, c in enumerate(cells[:offset]):
            if opensid.teks(c):
                raise BerkasTidakValid(
                    f"Sel {huruf_kolom(start_col + i)}{nomor} berisi nilai di kiri tabel, yang mulai di kolom "
                    f"{huruf_kolom(start_col + offset)}. Hapus isi di luar tabel (atau geser tabel ke kolom A) "
                    "lalu unggah lagi."
                )
        yield nomor, cells[offset:]
