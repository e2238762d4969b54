"""Check an uploaded document by its content, not its name or the browser's claim.

Allowed: PDF, DOCX, XLSX, ODT, ODS. Refused, with the reason in Indonesian: anything else
(HTML, SVG, scripts, executables, images), macro-enabled Office/ODF files, PDFs that carry
active content (JavaScript, Launch and other actions, automatic actions, embedded files, rich
media, XFA, javascript: links: found in the objects pypdf parses, so name escapes and compressed
object streams hide nothing), PDFs pypdf cannot read or open, files whose name promises another
type than their content, and files over settings.BALAI_MAX_DOKUMEN_MB."""

import io
import logging
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

log = logging.getLogger(__name__)

ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# Leading bytes of things people upload by mistake or on purpose, to name them in the message.
TANDA_LAIN = [
    (re.compile(rb"^\s*<\?php", re.I), "skrip PHP"),
    (re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<svg", re.I | re.S), "gambar SVG"),
    (re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<script|<iframe)", re.I), "halaman HTML"),
    (re.compile(rb"^\s*<\?xml", re.I), "berkas XML"),
    (re.compile(rb"^#!"), "skrip"),
    (re.compile(rb"^MZ"), "program Windows (EXE/DLL)"),
    (re.compile(rb"^\x7fELF"), "program Linux (ELF)"),
    (re.compile(rb"^\xd0\xcf\x11\xe0"), "dokumen Office lama (DOC/XLS) yang bisa berisi makro"),
    (re.compile(rb"^(\xff\xd8\xff|\x89PNG|GIF8|RIFF....WEBP)", re.S), "gambar"),
]
# Markup hidden inside a file that claims to be a PDF (polyglots a browser might render), and
# the plain spellings of active content (a quick first look; the objects are checked below).
PDF_BERBAHAYA = re.compile(rb"/JavaScript|/JS\s*[(<]|/Launch|/EmbeddedFile|<script|<html|<svg|<\?php", re.I)

# Active content in a PDF, looked for in its parsed objects (pypdf decodes `#xx` escapes in
# names, so `/J#61vaScript` is `/JavaScript`, and unpacks compressed object streams).
# Keys whose mere presence is refused: scripts, automatic actions, embedded files, Flash/3D
# media, XFA forms.
PDF_KUNCI_DILARANG = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/AA": "aksi otomatis (AA)",
    "/EmbeddedFiles": "lampiran tersembunyi",
    "/EmbeddedFile": "lampiran tersembunyi",
    "/RichMediaContent": "media aktif (RichMedia)",
    "/XFA": "formulir XFA",
}
# Actions (the /S of an action dictionary) that run code, start programs, send data away or
# open other files.
PDF_AKSI_DILARANG = {
    "/JavaScript": "JavaScript",
    "/Launch": "perintah menjalankan program (Launch)",
    "/SubmitForm": "pengiriman formulir (SubmitForm)",
    "/ImportData": "impor data (ImportData)",
    "/GoToE": "tautan ke berkas tersemat (GoToE)",
    "/GoToR": "tautan ke berkas lain (GoToR)",
    "/Rendition": "pemutar media (Rendition)",
    "/RichMediaExecute": "media aktif (RichMedia)",
}
# /Type or /Subtype values of objects that carry files or active media.
PDF_JENIS_DILARANG = {
    "/EmbeddedFile": "lampiran tersembunyi",
    "/FileAttachment": "lampiran tersembunyi",
    "/RichMedia": "media aktif (RichMedia)",
    "/3D": "objek 3D",
    "/Screen": "media aktif (Screen)",
}
# URI actions may only open web or mail addresses.
PDF_URI_AMAN = ("http://", "https://", "mailto:")
MAX_OBJEK_PDF = 200_000
# What pypdf raises on a malformed file.
PDF_TAK_TERBACA = (
    PdfReadError,
    DependencyError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    RecursionError,
    OSError,
)
MAX_ZIP_ENTRIES = 5000


def batas_byte():
    return getattr(settings, "BALAI_MAX_DOKUMEN_MB", 20) * 1024 * 1024


def _ekstensi(nama):
    return nama.rsplit(".", 1)[-1].lower() if "." in nama else ""


def _baca(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _nama_lain(head):
    for pola, nama in TANDA_LAIN:
        if pola.search(head):
            return nama
    return None


def _tolak_pdf(isi):
    raise ValidationError(
        f"PDF ditolak: berisi {isi}. Dokumen publik tidak boleh memuat JavaScript, aksi otomatis, "
        "lampiran tersembunyi atau kode HTML; cetak ulang sebagai PDF biasa (Print to PDF)."
    )


def _uri_aman(uri):
    teks = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri)
    # Browsers drop whitespace and control characters inside a scheme ("java\tscript:").
    bersih = "".join(c for c in teks if c > " ").lower()
    return bersih.startswith(PDF_URI_AMAN) or ":" not in bersih.split("/", 1)[0]


def _periksa_kamus(d):
    for key in d.keys():
        if key in PDF_KUNCI_DILARANG:
            _tolak_pdf(PDF_KUNCI_DILARANG[key])
    for key in ("/S", "/Type", "/Subtype"):
        value = d.get(key)
        if isinstance(value, IndirectObject):
            value = value.get_object()
        if key == "/S" and value in PDF_AKSI_DILARANG:
            _tolak_pdf(PDF_AKSI_DILARANG[value])
        if key != "/S" and value in PDF_JENIS_DILARANG:
            _tolak_pdf(PDF_JENIS_DILARANG[value])
    if d.get("/S") == "/URI":
        uri = d.get("/URI")
        if isinstance(uri, IndirectObject):
            uri = uri.get_object()
        if uri is not None and not _uri_aman(uri):
            _tolak_pdf("tautan yang menjalankan skrip (URI javascript: atau data:)")


def _objek_pdf(reader):
    """Every object of the PDF: those reachable from the trailer, and every one the cross-reference
    tables list (also objects nothing points to, and those inside compressed object streams)."""
    yield reader.trailer
    for gen, entries in reader.xref.items():
        for idnum in entries:
            yield IndirectObject(idnum, gen, reader)
    for idnum in reader.xref_objStm:
        yield IndirectObject(idnum, 0, reader)


def _periksa_objek_pdf(reader):
    seen, stack, count = set(), list(_objek_pdf(reader)), 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        count += 1
        if count > MAX_OBJEK_PDF:
            raise ValidationError("PDF ditolak: strukturnya terlalu rumit untuk diperiksa.")
        if isinstance(obj, DictionaryObject):  # streams too: their dictionary
            _periksa_kamus(obj)
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def _jenis_pdf(data):
    if PDF_BERBAHAYA.search(data):
        raise ValidationError("PDF ditolak: berisi JavaScript, aksi otomatis, lampiran tersembunyi atau kode HTML.")
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError("PDF ditolak: berkas tidak utuh (penanda akhir %%EOF tidak ditemukan).")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError("PDF ditolak: terkunci kata sandi, sehingga isinya tidak dapat diperiksa.")
        _periksa_objek_pdf(reader)
    except ValidationError:
        raise
    except PDF_TAK_TERBACA as exc:
        # Whatever pypdf cannot read, a viewer may still read differently: refuse it.
        log.info("PDF not readable: %s", exc.__class__.__name__)
        raise ValidationError("PDF ditolak: strukturnya rusak sehingga isinya tidak dapat diperiksa.") from None
    return "pdf"


def _jenis_odf(zf, names):
    if names[0] != "mimetype":
        raise ValidationError("Berkas ZIP ini bukan dokumen OpenDocument yang sah (mimetype tidak di awal).")
    jenis = ODF_MIMETYPES.get(zf.read("mimetype").strip())
    if jenis is None:
        raise ValidationError("Hanya OpenDocument teks (ODT) dan lembar kerja (ODS) yang diterima.")
    if any(n.startswith(("Basic/", "Scripts/")) for n in names):
        raise ValidationError("Dokumen ditolak: berisi makro atau skrip.")
    return jenis


def _jenis_ooxml(zf, names):
    types = zf.read("[Content_Types].xml").lower()
    if b"macroenabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ValidationError("Dokumen ditolak: berisi makro (DOCM/XLSM). Simpan ulang sebagai DOCX/XLSX tanpa makro.")
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ValidationError("Dokumen Office ini bukan Word (DOCX) atau Excel (XLSX); jenis lain tidak diterima.")


# What a document may unpack to: in total, and for the small parts read here (zip bombs).
MAX_ZIP_ISI = 10  # times the upload limit
MAX_BAGIAN_DIBACA = 1024 * 1024
BAGIAN_DIBACA = ("mimetype", "[Content_Types].xml")


def _periksa_ukuran_isi(zf):
    """Refuse from the sizes the ZIP declares (Python never unpacks past them), before reading."""
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    terlalu_besar = total > MAX_ZIP_ISI * batas_byte() or any(
        i.file_size > MAX_BAGIAN_DIBACA for i in infos if i.filename in BAGIAN_DIBACA
    )
    if terlalu_besar:
        raise ValidationError(
            f"Berkas ditolak: isinya terlalu besar setelah dibuka ({total / 1024 / 1024:.0f} MB); "
            "kemungkinan bukan dokumen biasa."
        )


def _jenis_zip(file):
    try:
        with zipfile.ZipFile(file) as zf:
            names = zf.namelist()
            if not names or len(names) > MAX_ZIP_ENTRIES:
                raise ValidationError("Berkas ZIP ini kosong atau terlalu banyak isinya.")
            _periksa_ukuran_isi(zf)
            if "mimetype" in names:
                return _jenis_odf(zf, names)
            if "[Content_Types].xml" in names:
                return _jenis_ooxml(zf, names)
    except zipfile.BadZipFile:
        raise ValidationError("Berkas rusak: tampak seperti dokumen Office/ODF tetapi strukturnya tidak terbaca.")
    raise ValidationError("Berkas ZIP biasa tidak diterima; unggah PDF, DOCX, XLSX, ODT atau ODS.")


def periksa_dokumen(file):
    """The document type ("pdf", "docx", "xlsx", "odt", "ods") of an uploaded file, read from its
    content; raises ValidationError saying why a file is refused."""
    batas = batas_byte()
    if file.size > batas:
        mb = file.size / 1024 / 1024
        raise ValidationError(
            f"Berkas terlalu besar ({mb:.1f} MB); batasnya {batas // 1024 // 1024} MB. Perkecil atau pecah berkas."
        )
    if file.size == 0:
        raise ValidationError("Berkas kosong.")
    data = _baca(file)
    if data.startswith(b"%PDF-"):
        jenis = _jenis_pdf(data)
    elif data.startswith(b"PK\x03\x04"):
        jenis = _jenis_zip(file)
        file.seek(0)
    else:
        lain = _nama_lain(data[:1024])
        terdeteksi = f" Isinya terdeteksi sebagai {lain}." if lain else ""
        raise ValidationError(f"Jenis berkas tidak diterima.{terdeteksi} Unggah PDF, DOCX, XLSX, ODT atau ODS.")
    ekstensi = _ekstensi(getattr(file, "name", "") or "")
    if ekstensi != jenis:
        raise ValidationError(
            f"Nama berkas berakhiran .{ekstensi or '(tanpa akhiran)'} tetapi isinya {jenis.upper()}; "
            "berkas yang menyamarkan jenisnya ditolak."
        )
    return jenis
