"""Check an uploaded document by its content, not its name or the browser's claim.

Allowed: PDF, DOCX, XLSX, ODT, ODS. Refused, with the reason in Indonesian: anything else
(HTML, SVG, scripts, executables, images), macro-enabled Office/ODF files, PDFs that carry
JavaScript or launch actions, files whose name promises another type than their content, and
files over settings.BALAI_MAX_DOKUMEN_MB."""

import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

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
# Markup or active content hidden inside a file that claims to be a PDF (polyglots).
PDF_BERBAHAYA = re.compile(rb"/JavaScript|/JS\s*[(<]|/Launch|/EmbeddedFile|<script|<html|<svg|<\?php", re.I)
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


def _jenis_pdf(data):
    if PDF_BERBAHAYA.search(data):
        raise ValidationError("PDF ditolak: berisi JavaScript, aksi otomatis, lampiran tersembunyi atau kode HTML.")
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError("PDF ditolak: berkas tidak utuh (penanda akhir %%EOF tidak ditemukan).")
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
