"""Writing text that people typed into spreadsheets without it turning into formulas.

openpyxl stores any string that starts with "=" as a formula, and Excel/LibreOffice evaluate
CSV cells that start with "=", "+", "-", "@", tab or carriage return. A resident's name, an
address or a dusun name typed (or imported) as `=HYPERLINK("http://…"&A1)` would then run in
the kabupaten's spreadsheet. Exports pass every free-text cell through these helpers."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    """`value` for a CSV cell: text that a spreadsheet would read as a formula gets a leading
    apostrophe (which spreadsheets hide); numbers, dates and plain text are unchanged. A lone
    "-" (OpenSID's "no value") stays as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and value != "-":
        return "'" + value
    return value


def xlsx_row(ws, values):
    """Cells for `ws.append()` of a write-only sheet: strings always stored as text, never as
    formulas; other values (numbers, dates, ready-made cells) as they are."""
    from openpyxl.cell import WriteOnlyCell

    row = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            value = cell
        row.append(value)
    return row
