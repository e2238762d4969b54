"""The first sheet of an .xlsx workbook, read row by row in memory that does not grow with
the sheet (only the shared-strings table is held whole: it is bounded by the distinct texts).

Why not a library: python-calamine 0.9 parses the whole sheet into memory first (about 3 MB
per 1,000 rows of 43 columns); openpyxl's read-only mode streams but spends ~200 µs a row;
ElementTree's iterparse builds an element for every cell and value (~40 µs a row). This
reads the sheet about as fast as python-calamine does.

How: the sheet's XML is inflated in chunks of whole rows. One regular expression reads the
cells in the shapes Excel, LibreOffice, Google Sheets, WPS, OpenSpout (OpenSID's exporter)
and openpyxl write: reference, optional style and type, then no value, a <v> value or an
inline string. Its last alternative matches any other "<", so a chunk holding a tag the
pattern does not know (a formula, rich text, a namespace prefix, a comment, CDATA), or an
entity reference, an _xHHHH_ escape or a carriage return (which XML normalises), is parsed
by ElementTree instead. Both paths share `Sheet.cell`, and the tests hold them to the same
values, and to python-calamine's: text as str, numbers as float, numbers in a date or time
format as datetime.date (datetime or time when there is a time part), booleans as bool,
error cells and empty cells as "". Merged ranges are listed after the cells, so they are
known once the rows are read.
"""

import datetime
import functools
import itertools
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib

CHUNK = 1 << 16  # bytes inflated at a time; a chunk of rows is parsed from about this much
# What comes before a sheet's cells (columns, views), and one row, are at most this: more is
# no table of residents, and reading on would hold it all in memory.
MAKS_KEPALA = 16 << 20

# zipfile, zlib, expat and the conversions below raise these on a damaged workbook.
RUSAK = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,  # includes UnicodeDecodeError
    OverflowError,
    ET.ParseError,
    NotImplementedError,  # an unsupported compression method
    RuntimeError,  # an encrypted zip member
)

_CELL = re.compile(
    r'<c r="([A-Z]{1,3}+)[0-9]++"(?: s="([0-9]++)")?+(?: t="([a-zA-Z]++)")?+\s*+'
    r'(?:/>|>(?:<v>([^<]*+)</v>|<is><t(?: xml:space="preserve")?+>([^<]*+)</t></is>)?+</c>)'
    r'|<row r="([0-9]++)"'
    r"|</row>"
    r"|(<)"
)
_STRING = re.compile(r'<si><t(?: xml:space="preserve")?+>([^<]*+)</t></si>|(<)')
_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
MAKS_KOLOM = 16384  # XFD


class XlsxError(Exception):
    """The workbook cannot be read: not an xlsx workbook, encrypted or damaged."""


class _Columns(dict):
    """Column letters -> index from 0 (A -> 0, AA -> 26), computed once per letters."""

    def __missing__(self, letters):
        index = 0
        for ch in letters:
            index = index * 26 + ord(ch) - 64
        if index > MAKS_KOLOM:
            raise ValueError(f"column {letters} beyond XFD")
        self[letters] = index - 1
        return index - 1


def huruf_kolom(index):
    """0 -> A, 25 -> Z, 26 -> AA (the column letters the operator sees in Excel)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_COLUMN = _Columns()


@functools.cache
def _column_letters():
    """Index -> column letters, A to XFD, then None."""
    return [huruf_kolom(i) for i in range(MAKS_KOLOM)] + [None]


def _place(values, i, x):
    """Put x at index i of values, filling a gap with ""."""
    n = len(values)
    if i >= n:
        values += [""] * (i - n)
        values.append(x)
    else:
        values[i] = x


def _local(tag):
    return tag.rpartition("}")[2]


def _escapes(text):
    """Excel's _xHHHH_ escapes decoded (how it stores control characters such as CR)."""
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text) if "_x" in text else text


def _rich_text(element):
    """The text of a shared or inline string (<si>, <is>): its <t>, or the <t> of its runs;
    phonetic runs (<rPh>) left out, as Excel shows them."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


class Sheet:
    """The first sheet of the workbook in `fileobj` (a seekable binary file).

    `rows()` yields (row number, values from column A) for every row that has cells, then
    sets `merged`. Raises XlsxError for a workbook that cannot be read, also while iterating."""

    def __init__(self, fileobj):
        try:
            self._zip = zipfile.ZipFile(fileobj)
            self._names = set(self._zip.namelist())
            workbook = self._part_path("", "officeDocument", "xl/workbook.xml")
            root = self._xml(workbook)
            pr = root.find("{*}workbookPr")
            self._date1904 = pr is not None and pr.get("date1904") in ("1", "true")
            # Whole days from here on are plain day counts (before it, the 1900 system counts
            # Excel's 29 February 1900; openpyxl's from_excel knows that).
            self._first_day, self._base = (0, _MAC.toordinal()) if self._date1904 else (61, _WINDOWS.toordinal())
            first = root.find("{*}sheets/{*}sheet")
            rel_id = next(v for k, v in first.attrib.items() if _local(k) == "id")
            targets = self._relations(workbook)
            self.path = targets[rel_id][1]
            by_type = {kind: path for kind, path in targets.values()}
            self._dates = self._date_styles(by_type.get("styles"))
            self._shared = self._shared_strings(by_type.get("sharedStrings"))
            self._read_head()
        except (*RUSAK, StopIteration, AttributeError, TypeError) as exc:
            raise XlsxError(str(exc)) from exc
        # While rows() reads: the last row number, the widest row, the characters and rows
        # read so far; then the merged ranges.
        self._number, self._width, self._read, self.merged = 0, 0, (0, 0), None

    # The package ----------------------------------------------------------------------

    def _xml(self, path):
        with self._zip.open(path) as stream:
            return ET.parse(stream).getroot()

    def _relations(self, part):
        """{relationship id: (type's last word, target path)} of a part ("" for the package)."""
        folder, _, name = part.rpartition("/")
        rels = f"{folder}/_rels/{name}.rels" if folder else "_rels/.rels"
        out = {}
        for rel in self._xml(rels).iter(_REL):
            target = rel.get("Target")
            steps = [] if target.startswith("/") or not folder else folder.split("/")
            for step in target.split("/"):
                if step == "..":
                    steps.pop()
                elif step not in ("", "."):
                    steps.append(step)
            out[rel.get("Id")] = (rel.get("Type").rpartition("/")[2], "/".join(steps))
        return out

    def _part_path(self, part, kind, default):
        try:
            return next(path for k, path in self._relations(part).values() if k == kind)
        except (KeyError, StopIteration):
            return default

    def _date_styles(self, path):
        """Style indices (as the text of the s attribute) whose number format shows a date:
        a built-in one (openpyxl lists them; the East Asian ones 27-36 and 50-58 it does not)
        or a custom format with day, month, year or time in it."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

        if path not in self._names:
            return frozenset()
        builtin = {i for i, code in BUILTIN_FORMATS.items() if is_date_format(code)} | {*range(27, 37), *range(50, 59)}
        root = self._xml(path)
        custom = {int(f.get("numFmtId")): f.get("formatCode") for f in root.iterfind("{*}numFmts/{*}numFmt")}
        dates = set()
        for i, xf in enumerate(root.iterfind("{*}cellXfs/{*}xf")):
            fmt = int(xf.get("numFmtId", 0))
            if is_date_format(custom[fmt]) if fmt in custom else fmt in builtin:
                dates.add(str(i))
        if "0" in dates:
            dates.add("")  # a cell without s has style 0
        return frozenset(dates)

    def _shared_strings(self, path):
        if path not in self._names:
            return []
        strings = []
        with self._zip.open(path) as stream:
            part = _Container(stream, "sst", "sst")
            if part.empty:
                return []
            for text in part.chunks(stream, "si", part.rest):
                found = None if "&" in text or "_x" in text or "\r" in text else _STRING.findall(text)
                if found is None or ("", "<") in found:
                    root = ET.fromstring(part.opening + text + part.closing)
                    strings.extend(_escapes(_rich_text(si)) for si in root if _local(si.tag) == "si")
                else:
                    strings.extend(s for s, _ in found)
        return strings

    # The sheet ------------------------------------------------------------------------

    def _read_head(self):
        """Where the cells start, the tags around them, and the dimension's last row."""
        with self._zip.open(self.path) as stream:
            part = _Container(stream, "worksheet", "sheetData")
            self._start = stream.tell() - len(part.rest)
        self._part = part
        head = ET.fromstring(part.head + part.closing[part.closing.index("</", 2) :].encode())
        ref = head.find("{*}dimension")
        match = _REF.fullmatch((ref.get("ref") or "").rpartition(":")[2]) if ref is not None else None
        self.dimension_rows = int(match[2]) if match else None

    def _open(self):
        stream = self._zip.open(self.path)
        stream.seek(self._start)
        return stream

    def rows(self):
        """(row number, [values from column A]) for each row with cells, in sheet order.
        Rows are padded with "" to the widest row so far (the header, in a table). Once all
        rows are read, `merged` is (the number of merged ranges, the first as "A2:A3"):
        Excel lists them after the cells. Reading to the end also checks the zip's CRC."""
        self._number, self._width, self._read, self.merged = 0, 0, (0, 0), None
        try:
            with self._open() as stream:
                after = [b""]
                if not self._part.empty:
                    for text in self._part.chunks(stream, "row", b"", after):
                        chunk = None if "&" in text or "_x" in text or "\r" in text else self._rows_by_pattern(text)
                        if chunk is None:
                            chunk = self._rows_by_tree(text)
                        for row in chunk:
                            self._pad(row[1])
                        chars, rows = self._read
                        self._read = (chars + len(text), rows + len(chunk))
                        yield from chunk
                self.merged = self._merged(stream, after[-1])
        except RUSAK as exc:
            raise XlsxError(str(exc)) from exc

    def _merged(self, stream, data):
        """(number, first) of the merged ranges, from the XML after the cells, parsed as it
        streams and let go of as it is read."""
        parser = ET.XMLPullParser(events=("start", "end"))
        parser.feed(self._part.opening[: self._part.opening.index(">") + 1])
        count, first, root = 0, None, None
        for chunk in itertools.chain([data], iter(lambda: stream.read(CHUNK), b"")):
            parser.feed(chunk)
            for event, element in parser.read_events():
                if root is None:
                    root = element
                elif event == "end" and _local(element.tag) == "mergeCell":
                    count, first = count + 1, first or element.get("ref")
            root.clear()
        parser.close()
        return count, first

    def estimated_rows(self):
        """The number of rows, estimated from the size of the sheet's XML and the rows read
        so far (or its <dimension>, when that says more)."""
        chars, rows = self._read
        guess = self._zip.getinfo(self.path).file_size * rows // chars if chars else 0
        return max(guess, self.dimension_rows or 0)

    def _pad(self, values):
        """Pad `values` with "" to the widest row so far."""
        n = len(values)
        if n < self._width:
            values += [""] * (self._width - n)
        else:
            self._width = n
        return values

    def _rows_by_pattern(self, text):
        """The rows of a chunk, read by the pattern; None when it holds any other tag."""
        shared, dates, date, column, letter = self._shared, self._dates, self.date, _COLUMN, _column_letters()
        rows, values, number = [], [], self._number
        append, n = values.append, 0
        for letters, s, t, v, inline, row, unknown in _CELL.findall(text):
            if letters:
                # The common cases of `cell`, inline.
                if t == "s":
                    x = shared[int(v)] if v else ""
                elif t == "inlineStr":
                    x = inline or v
                elif not t or t == "n":
                    x = float(v) if v else ""
                    if s in dates and v:
                        x = date(x)
                else:
                    x = self.cell(t, s, v, inline)
                if letters == letter[n]:  # the next column, as usual
                    append(x)
                    n += 1
                else:
                    _place(values, column[letters], x)
                    n = len(values)
            elif row:
                if values:
                    rows.append((number, values))
                    values = []
                    append, n = values.append, 0
                number = int(row)
            elif unknown:
                return None
        if values:
            rows.append((number, values))
        self._number = number
        return rows

    def _rows_by_tree(self, text):
        """The rows of a chunk, parsed by ElementTree."""
        part = self._part
        sheet_data = ET.fromstring(part.opening + text + part.closing)[0]
        rows, number = [], self._number
        for row in sheet_data:
            if _local(row.tag) != "row":
                continue
            values, i = [], -1
            number = int(row.get("r") or number + 1)
            for c in row:
                if _local(c.tag) != "c":
                    continue
                ref = _REF.fullmatch(c.get("r") or "")
                i = _COLUMN[ref[1]] if ref else i + 1
                v, inline = c.find("{*}v"), c.find("{*}is")
                x = self.cell(
                    c.get("t") or "",
                    c.get("s") or "",
                    _escapes(v.text or "") if v is not None else "",
                    _escapes(_rich_text(inline)) if inline is not None else "",
                )
                _place(values, i, x)
            if values:
                rows.append((number, values))
        self._number = number
        return rows

    def cell(self, t, s, v, text):
        """A cell's value from its type (t), style (s), <v> text and inline text."""
        if t == "s":
            return self._shared[int(v)] if v else ""
        if t == "inlineStr":
            return text or v
        if not v:
            return ""
        if not t or t == "n":
            x = float(v)
            return self.date(x) if s in self._dates else x
        if t == "b":
            return v == "1"
        if t == "e":
            return ""  # #N/A and the like: empty, as python-calamine reads them
        if t == "d":
            try:
                x = datetime.datetime.fromisoformat(v)
            except ValueError:
                return v
            return x.date() if len(v) <= 10 else x
        return v  # "str" (the result of a formula) and unknown types

    def date(self, x):
        """An Excel date number as date, datetime or time (the number itself when it names no
        day Python knows)."""
        try:
            if x >= self._first_day and x.is_integer():
                return _from_ordinal(self._base + int(x))
            from openpyxl.utils.datetime import from_excel

            value = from_excel(x, _MAC if self._date1904 else _WINDOWS)
        except (OverflowError, ValueError):
            return x
        if isinstance(value, datetime.datetime) and value.time() == datetime.time():
            return value.date()
        return value


_from_ordinal = datetime.date.fromordinal
_WINDOWS, _MAC = datetime.datetime(1899, 12, 30), datetime.datetime(1904, 1, 1)  # day 0 of Excel's two systems


class _Container:
    """An XML part read up to the start tag of `container` (its root or a child of the root):
    the tags that open it, as text (so that a chunk of its children parses on its own), the
    matching end tags, the namespace prefix, the bytes before the container's start tag
    (from the root's) and those read past it, and whether it is empty (<sheetData/>)."""

    def __init__(self, stream, root, container):
        pattern = re.compile(rb"<([\w.-]+:)?%s\b[^>]*?(/?)>" % container.encode())
        data = bytearray()
        while True:
            more = stream.read(CHUNK)
            data += more
            found = pattern.search(data, max(0, len(data) - len(more) - 4096))
            if found or not more or len(data) > MAKS_KEPALA:
                break
        if not found:
            raise ValueError(f"no <{container}> in the part")
        start = re.search(rb"<([\w.-]+:)?%s\b[^>]*>" % root.encode(), data)
        if start is None or start.start() > found.start():
            raise ValueError(f"the part is not a <{root}>")
        self.prefix = (found[1] or b"").decode()
        tag = found[0].decode().replace("/>", ">") if found[2] else found[0].decode()
        self.opening = start[0].decode() + (tag if container != root else "")
        self.closing = (f"</{self.prefix}{container}>" if container != root else "") + f"</{self.prefix}{root}>"
        self.head = bytes(data[start.start() : found.start()])
        self.empty = bool(found[2])
        self.rest = bytes(data[found.end() :])

    def chunks(self, stream, tag, buf, after=None):
        """The container's content from `stream` (`buf`: its start, read before) as text, in
        chunks that end just after a `</tag>` end tag, the last one just before the
        container's own end tag; what was read past that is appended to `after`."""
        end = self.closing[: self.closing.index(">") + 1].encode()
        tag_end = f"</{self.prefix}{tag}>".encode()
        buf = bytearray(buf)
        while True:
            data = stream.read(CHUNK)
            new = max(0, len(buf) - len(end) - len(tag_end))  # where a tag not yet seen may start
            buf += data
            i = buf.find(end, new)
            if i >= 0:
                yield buf[:i].decode()
                if after is not None:
                    after.append(bytes(buf[i + len(end) :]))
                return
            if not data:
                raise ValueError("the part ends before its last end tag")
            cut = buf.rfind(tag_end, new)
            if cut >= 0:
                cut += len(tag_end)
                yield buf[:cut].decode()
                del buf[:cut]
            elif len(buf) > MAKS_KEPALA:
                raise ValueError(f"no </{tag}> in {MAKS_KEPALA} bytes")
