"""The PDF of a book (A4 landscape), drawn with ReportLab.

The books are long tables of short plain-text cells in columns of given widths. HTML through
WeasyPrint laid them out with the general CSS table algorithm at about 13 ms a row (a
50,000-resident Buku Induk took ten minutes; simpler CSS saved a quarter of that). Here the
layout is done for exactly this shape: each cell is wrapped to its column with the font's
metrics, a row is as high as its tallest cell, and a page takes rows until the next one no
longer fits. Each page is then drawn as one ReportLab Table: the village header (kop) and the
title on the first page, the column headings on every page, the book, village and page number
in every footer, the notes and the signature block after the last row.

Rows are read from the book's iterator and every page goes to the canvas as soon as it is full;
a long book is drawn onto a new canvas every hundred pages, the canvases joined with pypdf. So
memory holds one page of rows, at most a hundred pages of drawing, and the compressed pages
already done (about 7 KB each).
"""

import io
import re
from dataclasses import dataclass
from functools import lru_cache

from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table

from .buku import BULAN

LEBAR_HALAMAN, TINGGI_HALAMAN = landscape(A4)
KIRI = KANAN = 10 * mm
ATAS, BAWAH = 12 * mm, 14 * mm
LEBAR_ISI = LEBAR_HALAMAN - KIRI - KANAN

UKURAN, SPASI = 6, 7  # table text: font size and line height (pt)
PAD_X, PAD_ATAS, PAD_BAWAH = 1.5, 1, 1.2
GARIS = 0.4
HALAMAN_PER_BAGIAN = 100  # pages per canvas (see Penulis._kanvas_baru)
ABU = colors.HexColor("#eeeeee")


@lru_cache(maxsize=1)
def huruf():
    """(regular, bold) font names: DejaVu Sans (Debian's fonts-dejavu-core) when the system has
    it, else the Bitstream Vera that ships with ReportLab (which DejaVu extends). Embedded as
    subsets, so names keep letters beyond Latin-1 (ā, ś, ’)."""
    for nama, biasa, tebal in (
        ("DejaVuSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("Vera", "Vera.ttf", "VeraBd.ttf"),
    ):
        try:
            pdfmetrics.registerFont(TTFont(nama, biasa))
            pdfmetrics.registerFont(TTFont(f"{nama}-Bold", tebal))
        except TTFError:
            continue
        return nama, f"{nama}-Bold"
    raise RuntimeError("No TrueType font for the PDF books")  # Vera ships with ReportLab


# A word with what follows it up to a break: spaces, or a slash or hyphen inside the word
# ("SLTA/SEDERAJAT", "BURUH TANI/PERKEBUNAN" break after the slash).
_POTONGAN = re.compile(r"\S+?(?:[/-](?=\S)|(?=\s)|$)\s*")


def bungkus(teks, font, ukuran, lebar):
    """The lines of `teks` within `lebar` points: broken at spaces, slashes and hyphens, and
    inside a word only when that word alone is wider than the column."""
    width = pdfmetrics.stringWidth
    if "\n" not in teks and width(teks, font, ukuran) <= lebar:
        return [teks]
    lines = []
    for paragraf in teks.split("\n"):
        line = ""
        for potongan in _POTONGAN.findall(paragraf.strip()):
            if line and width((line + potongan).rstrip(), font, ukuran) > lebar:
                lines.append(line.rstrip())
                line = ""
            line += potongan
            while len(line) > 1 and width(line.rstrip(), font, ukuran) > lebar:  # one word too wide
                cut = len(line) - 1
                while cut > 1 and width(line[:cut], font, ukuran) > lebar:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def _tinggi(n_baris):
    return PAD_ATAS + n_baris * SPASI + PAD_BAWAH


@dataclass
class Kepala:
    """The column headings as Table rows: text per cell, SPAN commands, row heights."""

    baris: list
    span: list
    tinggi: list


def kepala(buku, lebar, bold):
    """Heading rows of `buku` (with their colspans and rowspans) and the row of column numbers."""
    rows = buku.kepala()
    n = len(lebar)
    data = [[""] * n for _ in rows]
    terisi = [[False] * n for _ in rows]
    span, tinggi, tinggi_span = [], [0.0] * len(rows), []
    for r, heads in enumerate(rows):
        c = 0
        for h in heads:
            while terisi[r][c]:
                c += 1
            c2, r2 = c + h.colspan - 1, r + h.rowspan - 1
            for rr in range(r, r2 + 1):
                for cc in range(c, c2 + 1):
                    terisi[rr][cc] = True
            lines = bungkus(h.teks, bold, UKURAN, sum(lebar[c : c2 + 1]) - 2 * PAD_X)
            data[r][c] = "\n".join(lines)
            if (c2, r2) != (c, r):
                span.append(("SPAN", (c, r), (c2, r2)))
            if r2 == r:
                tinggi[r] = max(tinggi[r], _tinggi(len(lines)))
            else:
                tinggi_span.append((r, r2, _tinggi(len(lines))))
            c = c2 + 1
    for r, r2, perlu in tinggi_span:  # a cell over two rows gets the room it lacks in the lower one
        tinggi[r2] += max(0, perlu - sum(tinggi[r : r2 + 1]))
    nomor = [str(i) for i in range(1, n + 1)]
    return Kepala(baris=[*data, nomor], span=span, tinggi=[*tinggi, _tinggi(1)])


class Penulis:
    """Draws one book page by page, onto a new canvas every `halaman_per_bagian` pages."""

    def __init__(self, buku, *, kop, tanggal, halaman_per_bagian=HALAMAN_PER_BAGIAN):
        self.buku, self.kop, self.tanggal = buku, kop, tanggal
        self.judul = f"{buku.kode} {buku.judul_lengkap()} - {buku.desa}"
        self.font, self.bold = huruf()
        persen = buku.lebar_persen() or [100 / buku.jumlah_kolom] * buku.jumlah_kolom
        self.lebar = [LEBAR_ISI * p / 100 for p in persen]
        self.kepala = kepala(buku, self.lebar, self.bold)
        tinggi_isi = TINGGI_HALAMAN - ATAS - BAWAH - sum(self.kepala.tinggi) - PAD_ATAS - PAD_BAWAH
        self.maks_baris_sel = int(tinggi_isi // SPASI)
        self.halaman, self.halaman_per_bagian = 1, halaman_per_bagian
        self.gabungan = None  # a PdfWriter once the book needs more than one canvas
        self._kanvas_baru()
        nh = len(self.kepala.baris)
        self.gaya = [
            ("FONT", (0, 0), (-1, -1), self.font, UKURAN, SPASI),
            ("FONT", (0, 0), (-1, nh - 2), self.bold, UKURAN, SPASI),
            ("BACKGROUND", (0, 0), (-1, nh - 2), ABU),
            ("ALIGN", (0, 0), (-1, nh - 1), "CENTER"),
            ("VALIGN", (0, 0), (-1, nh - 1), "MIDDLE"),
            ("VALIGN", (0, nh), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), PAD_ATAS),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BAWAH),
            ("GRID", (0, 0), (-1, -1), GARIS, colors.black),
            *self.kepala.span,
        ]

    # Page furniture ------------------------------------------------------------------------

    def _kop(self):
        """The village header and the title at the top of the first page; returns the y below."""
        c, y = self.c, TINGGI_HALAMAN - ATAS
        tengah = LEBAR_HALAMAN / 2
        for teks in (f"PEMERINTAH {self.kop['kabupaten']}", f"KECAMATAN {self.kop['kecamatan']}", self.kop["desa"]):
            y -= 11
            c.setFont(self.bold, 9)
            c.drawCentredString(tengah, y, teks)
        if self.kop["alamat"]:
            y -= 9
            c.setFont(self.font, 7)
            c.drawCentredString(tengah, y, self.kop["alamat"])
        y -= 2 * mm
        c.setLineWidth(1.5)
        c.line(KIRI, y, LEBAR_HALAMAN - KANAN, y)
        y -= 3 * mm + 10
        c.setFont(self.bold, 10)
        c.drawCentredString(tengah, y, f"{self.buku.kode} {self.buku.judul_lengkap()}")
        return y - 3 * mm

    def _kaki(self):
        c, y = self.c, BAWAH / 2
        c.setFont(self.font, 7)
        c.drawString(KIRI, y, f"{self.buku.kode} {self.buku.judul} · {self.buku.desa}")
        c.drawRightString(LEBAR_HALAMAN - KANAN, y, f"Halaman {self.halaman}")

    def _halaman_baru(self):
        self._kaki()
        self.c.showPage()
        if self.halaman % self.halaman_per_bagian == 0:
            self._tutup_kanvas()
            self._kanvas_baru()
        self.halaman += 1
        return TINGGI_HALAMAN - ATAS

    # Canvases ------------------------------------------------------------------------------
    # A ReportLab canvas keeps every page's drawing uncompressed until it is saved (about 40 KB
    # a page here): a long book is drawn onto several canvases in turn, each saved as soon as
    # it is full and appended to one pypdf writer, which keeps only the compressed pages.

    def _kanvas_baru(self):
        self.buf = io.BytesIO()
        self.c = Canvas(self.buf, pagesize=(LEBAR_HALAMAN, TINGGI_HALAMAN), pageCompression=1)
        self.c.setTitle(self.judul)
        self.c.setAuthor(str(self.buku.desa))

    def _tutup_kanvas(self):
        self.c.save()
        if self.gabungan is None:
            self.gabungan = PdfWriter()
            self.gabungan.add_metadata({"/Title": self.judul, "/Author": str(self.buku.desa)})
        self.gabungan.append(PdfReader(self.buf))

    def _hasil(self):
        if self.gabungan is None:  # the whole book on one canvas
            self.c.save()
            return self.buf.getvalue()
        self._tutup_kanvas()
        out = io.BytesIO()
        self.gabungan.write(out)
        return out.getvalue()

    # The table ---------------------------------------------------------------------------

    def _sel(self, nilai, lebar):
        """The lines of one cell; one longer than a page (a very long note) is cut there."""
        lines = bungkus("" if nilai is None else str(nilai), self.font, UKURAN, lebar - 2 * PAD_X)
        if len(lines) > self.maks_baris_sel:
            lines = [*lines[: self.maks_baris_sel - 1], "…"]
        return lines

    def _gambar(self, y, rows, tinggi, extra=()):
        """Draws the headings and `rows` from `y` down; returns the y below the table."""
        table = Table(
            [*self.kepala.baris, *rows],
            colWidths=self.lebar,
            rowHeights=[*self.kepala.tinggi, *tinggi],
            style=[*self.gaya, *extra],
        )
        _, h = table.wrapOn(self.c, LEBAR_ISI, y)
        table.drawOn(self.c, KIRI, y - h)
        return y - h

    def tulis(self, baris):
        y = self._kop()
        batas = BAWAH  # table rows stay above the footer's margin
        tinggi_kepala = sum(self.kepala.tinggi)
        rows, tinggi, sisa = [], [], y - batas - tinggi_kepala
        for row in baris:
            cells = [self._sel(v, w) for v, w in zip(row, self.lebar, strict=True)]
            h = _tinggi(max(len(cell) for cell in cells))
            if h > sisa and rows:
                self._gambar(y, rows, tinggi)
                y = self._halaman_baru()
                rows, tinggi, sisa = [], [], y - batas - tinggi_kepala
            rows.append(["\n".join(cell) for cell in cells])
            tinggi.append(h)
            sisa -= h
        if rows:
            y = self._gambar(y, rows, tinggi)
        else:
            kosong = [["Tidak ada data."] + [""] * (len(self.lebar) - 1)]
            n = len(self.kepala.baris)
            y = self._gambar(y, kosong, [_tinggi(1)], [("SPAN", (0, n), (-1, n))])
        self._penutup(y)
        self._kaki()
        return self._hasil()

    # After the last row ------------------------------------------------------------------

    def _penutup(self, y):
        """The notes under the table, then the signature block (each kept whole on one page)."""
        desa = self.buku.desa
        if self.buku.keterangan:
            lines = bungkus(f"Keterangan: {self.buku.keterangan}", self.font, 6.5, LEBAR_ISI)
            if y - 2 * mm - len(lines) * 8 < BAWAH:
                y = self._halaman_baru()
            y -= 2 * mm
            self.c.setFont(self.font, 6.5)
            for line in lines:
                y -= 8
                self.c.drawString(KIRI, y, line)
        if y - (8 * mm + 3 * 10 + 18 * mm) < BAWAH:
            y = self._halaman_baru()
        c = self.c  # the canvas of the page the block is on
        x = LEBAR_HALAMAN - KANAN - 35 * mm
        y -= 8 * mm
        t = self.tanggal
        c.setFont(self.font, 8)
        for teks in (f"{desa.nama}, {t.day} {BULAN[t.month - 1]} {t.year}", f"{desa.sebutan_kepala} {desa.nama}"):
            y -= 10
            c.drawCentredString(x, y, teks)
        y -= 18 * mm
        nama = desa.nama_kepala or "...................................."
        c.setFont(self.bold, 8)
        c.drawCentredString(x, y, nama)
        lebar = pdfmetrics.stringWidth(nama, self.bold, 8)
        c.setLineWidth(0.6)
        c.line(x - lebar / 2, y - 1.5, x + lebar / 2, y - 1.5)


def pdf_bytes(buku, *, kop, tanggal, halaman_per_bagian=HALAMAN_PER_BAGIAN):
    return Penulis(buku, kop=kop, tanggal=tanggal, halaman_per_bagian=halaman_per_bagian).tulis(buku.baris())
