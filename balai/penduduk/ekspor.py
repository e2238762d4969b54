"""Export of the register in OpenSID's 43-column sheet (csv or xlsx), streamed.

Dates are written dd-mm-yyyy in csv and as real date cells in xlsx; NIK and KK numbers as
text (never as numbers, which Excel would round); codes as OpenSID's numbers. What this
writes, the importer (balai.penduduk.impor) reads back unchanged.

Text typed by people (names, addresses, places of birth, suku, ...) never becomes a formula in
the spreadsheet (balai.core.spreadsheet): in xlsx every string is a text cell, so it reads back
exactly; in csv a cell starting with "=", "+", "-" or "@" gets a leading apostrophe, which
spreadsheets hide and the importer drops again."""

import csv
import datetime
import tempfile

from balai.core.spreadsheet import csv_text, xlsx_row

from .opensid import FIELD, KOLOM

TEMPAT = {
    "alamat": "keluarga__alamat",
    "dusun": "dusun__nama",
    "rw": "rw__nomor",
    "rt": "rt__nomor",
    "no_kk": "keluarga__no_kk",
}
KOLOM_QUERY = [TEMPAT.get(k) or FIELD[k] for k in KOLOM]
# Written as text but numbers (a negative latitude "-7.39..." is no formula).
KOLOM_ANGKA = frozenset(i for i, k in enumerate(KOLOM) if FIELD.get(k) in ("lat", "lng"))


def baris(queryset, *, untuk_excel=False):
    """One list of 43 cells per resident, read in chunks."""
    for row in queryset.order_by("id").values_list(*KOLOM_QUERY).iterator(chunk_size=2000):
        out = []
        for name, value in zip(KOLOM, row, strict=True):
            if value is None:
                value = "-" if name in ("dusun", "rw", "rt") else ""
            elif name in ("rw", "rt"):
                value = f"{value:03d}"
            elif isinstance(value, bool):
                value = 1 if value else 0
            elif isinstance(value, datetime.date):
                value = value if untuk_excel else value.strftime("%d-%m-%Y")
            elif not isinstance(value, (int, str)):
                value = str(value)
            out.append(value)
        yield out


class _Echo:
    def write(self, value):
        return value


def csv_stream(queryset):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(KOLOM)  # BOM: Excel opens UTF-8 correctly
    for row in baris(queryset):
        yield writer.writerow([v if i in KOLOM_ANGKA else csv_text(v) for i, v in enumerate(row)])


def xlsx_file(queryset):
    """A temporary file holding the workbook (openpyxl write-only: memory stays flat)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("penduduk")
    ws.append(KOLOM)
    date_cells = {
        i
        for i, k in enumerate(KOLOM)
        if k in ("tanggallahir", "tanggal_akhir_paspor", "tanggalperkawinan", "tanggalperceraian")
    }
    for row in baris(queryset, untuk_excel=True):
        for i in date_cells:
            if isinstance(row[i], datetime.date):
                cell = WriteOnlyCell(ws, value=row[i])
                cell.number_format = "DD-MM-YYYY"
                row[i] = cell
        ws.append(xlsx_row(ws, row))
    out = tempfile.TemporaryFile()
    wb.save(out)
    out.seek(0)
    return out
