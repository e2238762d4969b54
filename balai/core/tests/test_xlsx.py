import datetime
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from balai.core import xlsx
from balai.core.xlsx import Sheet, XlsxError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/></numFmts>'
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="22"/></cellXfs>'
    "</styleSheet>"
)


def workbook(rows, strings=(), tail="", head="", date1904=False, prefix="", sheet=None):
    """A minimal xlsx: `rows` is the content of <sheetData>, `strings` the <si> elements; style 1
    is dd-mm-yyyy, 2 the built-in date format 14, 3 date and time. `prefix` writes the sheet
    with a namespace prefix instead of the default namespace; `sheet` replaces its XML."""
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    sheet = sheet or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet {ns} xmlns:r="{DOC}">{head}'
        + (f"<{p}sheetData>{rows}</{p}sheetData>" if rows else f"<{p}sheetData/>")
        + f"{tail}</{p}worksheet>"
    )
    parts = {
        "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}">'
        + ('<workbookPr date1904="1"/>' if date1904 else "")
        + '<sheets><sheet name="Data" sheetId="1" r:id="rId7"/><sheet name="Lain" sheetId="2" r:id="rId8"/></sheets>'
        "</workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELS}">'
        f'<Relationship Id="rId8" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId7" Type="{DOC}/worksheet" Target="/xl/worksheets/data.xml"/>'
        f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{DOC}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}" count="{len(strings)}">{"".join(strings)}</sst>',
        "xl/worksheets/data.xml": sheet,
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>lembar kedua</t></is></c></row></sheetData></worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def read(content):
    return list(Sheet(io.BytesIO(content)).rows())


def calamine(content):
    """What python-calamine reads, numbered and padded like Sheet.rows()."""
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    col = sheet.start[1] if sheet.start else 0
    return [(n, [""] * col + row) for n, row in enumerate(sheet.iter_rows(), start=1)]


def filled(rows):
    """Rows with a value, without the empty cells at their end."""
    out = []
    for n, values in rows:
        while values and values[-1] == "":
            values = values[:-1]
        if values:
            out.append((n, values))
    return out


def by_tree(rows):
    """The same rows with a comment in front, which sends them through ElementTree."""
    return "<!-- -->" + rows


TYPES = (
    '<row r="1" spans="1:9"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Budi</t></is></c>'
    '<c r="C1"><v>3</v></c><c r="D1" t="n"><v>2.5</v></c><c r="E1" s="1"><v>31146</v></c>'
    '<c r="F1" s="3"><v>45000.5</v></c><c r="G1" t="b"><v>1</v></c><c r="H1" t="str"><v>hasil</v></c>'
    '<c r="I1" t="e"><v>#N/A</v></c><c r="J1" t="d"><v>2020-01-02</v></c><c r="K1"><v>3303042001140001</v></c>'
    '<c r="L1" s="2"><v>30</v></c><c r="M1" t="s"/><c r="N1" s="1"/>'
    '<c r="O1" t="inlineStr"><is><t xml:space="preserve"> spasi </t></is></c></row>'
)
TYPES_VALUES = [
    "Krajan",
    "Budi",
    3.0,
    2.5,
    datetime.date(1985, 4, 9),
    datetime.datetime(2023, 3, 15, 12, 0),
    True,
    "hasil",
    "",  # error cells read as empty, as python-calamine reads them
    datetime.date(2020, 1, 2),
    3303042001140001.0,  # a NIK typed as a number: exact as a float
    datetime.date(1900, 1, 30),  # before 1 March 1900, where Excel counts a 29 February
    "",
    "",
    " spasi ",
]


def test_cell_types_read_as_python_calamine_reads_them():
    content = workbook(TYPES, strings=["<si><t>Krajan</t></si>"])
    assert read(content) == [(1, TYPES_VALUES)] == calamine(content)


def test_the_pattern_and_elementtree_read_the_same():
    rows = TYPES + TYPES.replace('r="1"', 'r="2"').replace('1"', '2"')
    fast = read(workbook(rows, strings=["<si><t>Krajan</t></si>"]))
    slow = read(workbook(by_tree(rows), strings=["<si><t>Krajan</t></si>"]))
    assert fast == slow and [n for n, _ in fast] == [1, 2]


def test_shared_and_inline_strings_with_runs_entities_and_escapes():
    strings = [
        "<si><t>A &amp; B</t></si>",
        "<si><r><rPr><b/></rPr><t>te</t></r><r><t>bal</t></r><rPh><t>ふりがな</t></rPh></si>",
        "<si><t>baris_x000D__x000A_baru _x005F_x0041_</t></si>",
        "<si><t/></si>",
    ]
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
        '<c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>&lt;1&gt; &#x41;&#66;</t></is></c>'
        '<c r="F1" t="inlineStr"><is><r><t>ka</t></r><r><t>ya</t></r></is></c>'
        '<c r="G1" t="inlineStr"><is><t>_x0009_tab</t></is></c><c r="H1" t="inlineStr"><is><t></t></is></c></row>'
    )
    expected = ["A & B", "tebal", "baris\r\nbaru _x0041_", "", "<1> AB", "kaya", "\ttab", ""]
    content = workbook(rows, strings)
    assert read(content) == [(1, expected)] == calamine(content)


def test_gaps_order_and_width():
    rows = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="D2"><v>4</v></c></row>'
        '<row r="3"><c r="C3"><v>3</v></c><c r="A3"><v>1</v></c></row>'  # out of order: placed by reference
        '<row r="4"/>'  # no cells: left out
        '<row r="6"><c r="B6" s="1"/></row>'  # a formatted empty cell
        '<row r="7"><c r="F7"><v>6</v></c></row>'
    )
    expected = [
        (2, ["a", "", "", 4.0]),
        (3, [1.0, "", 3.0, ""]),  # padded to the widest row so far
        (6, ["", "", "", ""]),
        (7, ["", "", "", "", "", 6.0]),
    ]
    assert read(workbook(rows)) == expected
    assert read(workbook(by_tree(rows))) == expected


def test_rows_and_cells_without_references_follow_their_neighbours():
    rows = (
        '<row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c></row>'
        "<row><c><v>3</v></c></row>"  # row 4, column A
    )
    assert read(workbook(rows)) == [(3, ["", 1.0, 2.0]), (4, [3.0, "", ""])]


def test_sheet_not_starting_at_a1():
    rows = (
        '<row r="3"><c r="C3" t="inlineStr"><is><t>nik</t></is></c><c r="D3" t="inlineStr"><is><t>nama</t></is></c>'
        '</row><row r="4"><c r="C4" t="inlineStr"><is><t>1</t></is></c><c r="D4" t="inlineStr"><is><t>Ani</t></is>'
        "</c></row>"
    )
    content = workbook(rows, head='<dimension ref="C3:D4"/>')
    assert read(content) == [(3, ["", "", "nik", "nama"]), (4, ["", "", "1", "Ani"])] == filled(calamine(content))


def test_dates_in_both_date_systems():
    rows = '<row r="1"><c r="A1" s="2"><v>0</v></c><c r="B1" s="1"><v>45000</v></c><c r="C1" s="3"><v>0.5</v></c></row>'
    assert read(workbook(rows, date1904=True)) == [
        (1, [datetime.date(1904, 1, 1), datetime.date(2027, 3, 16), datetime.time(12, 0)])
    ]
    huge = '<row r="1"><c r="A1" s="1"><v>1e20</v></c></row>'
    assert read(workbook(huge)) == [(1, [1e20])]  # no day Python knows: the number as it is


def merged(content):
    sheet = Sheet(io.BytesIO(content))
    rows = list(sheet.rows())
    return rows, sheet.merged


def test_merged_cells_are_known_once_the_rows_are_read():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 6))
    tail = '<mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="B4:C4"/></mergeCells><pageMargins/>'
    assert merged(workbook(rows, tail=tail))[1] == (2, "A2:A3")
    assert merged(workbook(rows))[1] == (0, None)


def test_row_estimate_from_the_size_or_the_dimension():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 3001))
    for head, low, high in (("", 2700, 3300), ('<dimension ref="A1:A9000"/>', 9000, 9000)):
        sheet = Sheet(io.BytesIO(workbook(rows, head=head)))
        rows_read = sheet.rows()
        next(rows_read)  # the first chunk is read
        assert low <= sheet.estimated_rows() <= high


def test_chunk_boundaries_anywhere(monkeypatch):
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>nama {n}</t></is></c><c r="B{n}"><v>{n}</v></c></row>'
        for n in range(1, 40)
    )
    content = workbook(rows, tail='<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>')
    whole = merged(content)
    for size in (1, 7, 64, 100):
        monkeypatch.setattr(xlsx, "CHUNK", size)
        assert merged(content) == whole
    assert len(whole[0]) == 39 and whole[1] == (1, "A2:A3")


def test_a_row_too_long_to_be_a_table_is_refused(monkeypatch):
    cells = "".join(f'<c r="{xlsx.huruf_kolom(i)}1"><v>{i}</v></c>' for i in range(2000))
    content = workbook(f'<row r="1">{cells}</row>')
    assert len(read(content)[0][1]) == 2000
    monkeypatch.setattr(xlsx, "MAKS_KEPALA", 10_000)
    monkeypatch.setattr(xlsx, "CHUNK", 1000)
    with pytest.raises(XlsxError):
        read(content)


def test_namespace_prefix():
    rows = (
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row>'
    )
    content = workbook(rows, prefix="x", tail='<x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells>')
    assert merged(content) == ([(1, ["a", 2.0])], (1, "A1:B1"))


def test_empty_sheet():
    assert merged(workbook("", tail='<mergeCells><mergeCell ref="A1:B1"/></mergeCells>')) == ([], (1, "A1:B1"))


def _damaged_crc(content):
    """The workbook with one byte of the sheet's compressed data changed."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo("xl/worksheets/data.xml")
    data = bytearray(content)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x55
    return bytes(data)


DAMAGED = {
    "not a zip": b"PK\x03\x04 bukan zip",
    "nothing": b"bukan apa-apa",
    "no sheetData": workbook("", sheet=f'<worksheet xmlns="{MAIN}"><sheetDatum/></worksheet>'),
    "not a worksheet": workbook("", sheet=f'<chartsheet xmlns="{MAIN}"><sheetData/></chartsheet>'),
    "a number that is not one": workbook('<row r="1"><c r="A1"><v>abc</v></c></row>'),
    "no such shared string": workbook('<row r="1"><c r="A1" t="s"><v>5</v></c></row>'),
    "not well-formed": workbook('<row r="1"><c r="A1"><v>1</v></row>'),
    "no such entity": workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>'),
    "beyond column XFD": workbook('<row r="1"><c r="ZZZ1"><v>1</v></c></row>'),
    "bad CRC": _damaged_crc(workbook("".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 500)))),
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_workbooks(content):
    with pytest.raises(XlsxError):
        list(Sheet(io.BytesIO(content)).rows())


def test_a_truncated_sheet_fails_once_read():
    content = workbook('<row r="1"><c r="A1"><v>1</v></c></row>')
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/data.xml"] = parts["xl/worksheets/data.xml"].split(b"</sheetData>")[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    rows = Sheet(io.BytesIO(out.getvalue())).rows()
    with pytest.raises(XlsxError):
        list(rows)


# What openpyxl writes (shared strings and a dimension in normal mode, inline strings and no
# dimension in write-only mode, as OpenSpout does), read as python-calamine reads it.
# Not text of spaces only: openpyxl writes it without xml:space="preserve", and python-calamine
# then trims it to "" where XML (and ElementTree, and this reader) keeps it.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from("\t\n&<>_"),
    max_size=12,
).filter(lambda s: not s.startswith("=") and (s.strip() or not s))
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(datetime.date(1900, 3, 1), datetime.date(9999, 12, 31)),
    st.datetimes(datetime.datetime(1900, 3, 1), datetime.datetime(9999, 1, 1)).map(lambda d: d.replace(microsecond=0)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CELL, max_size=8), min_size=1, max_size=6), write_only=st.booleans())
def test_reads_what_openpyxl_writes_as_python_calamine_does(rows, write_only):
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("Data") if write_only else wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    content = out.getvalue()
    assert filled(read(content)) == filled(calamine(content))
