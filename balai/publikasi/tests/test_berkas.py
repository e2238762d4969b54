import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from balai.publikasi.berkas import periksa_dokumen
from balai.publikasi.pdf import pdf_sederhana

from .conftest import docx_bytes, odf_bytes, zip_bytes


def up(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    "name,data,jenis",
    [
        ("a.pdf", pdf_sederhana("Perdes"), "pdf"),
        ("a.docx", docx_bytes(), "docx"),
        ("a.XLSX", zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}), "xlsx"),
        ("a.odt", odf_bytes(), "odt"),
        ("a.ods", odf_bytes("application/vnd.oasis.opendocument.spreadsheet"), "ods"),
    ],
)
def test_allowed_documents_are_recognised_by_content(name, data, jenis):
    assert periksa_dokumen(up(name, data)) == jenis


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("laporan.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
        ("logo.pdf", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
        ("foto.jpg", b"<?php system($_GET['c']); ?>", "PHP"),
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, "Windows"),
        ("run.sh", b"#!/bin/sh\nrm -rf /", "skrip"),
        ("p.pdf", pdf_sederhana("x")[:-20] + b"<html><script>alert(1)</script>\n%%EOF\n", "HTML"),
        (
            "js.pdf",
            pdf_sederhana("x").replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript >>"),
            "JavaScript",
        ),
        ("makro.docx", docx_bytes(macro=True), "makro"),
        ("makro.odt", odf_bytes(extra={"Basic/Standard/Module1.xml": "<m/>"}), "makro"),
        ("data.zip", zip_bytes({"a.txt": "x"}), "ZIP"),
        ("lama.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Office lama"),
        ("rusak.docx", b"PK\x03\x04garbage", "rusak"),
        ("ganda.docx", pdf_sederhana("x"), "isinya PDF"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_refused_files_say_why(name, data, reason):
    with pytest.raises(ValidationError) as exc:
        periksa_dokumen(up(name, data))
    assert reason.lower() in " ".join(exc.value.messages).lower()


def test_size_limit_has_clear_message(settings):
    settings.BALAI_MAX_DOKUMEN_MB = 1
    data = pdf_sederhana("x") + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        periksa_dokumen(up("besar.pdf", data))
    assert "terlalu besar" in exc.value.messages[0] and "1 MB" in exc.value.messages[0]


def test_zip_bomb_is_refused_without_unpacking_it():
    """A tiny upload that unpacks to far more than it weighs is refused from the sizes the ZIP
    declares, before anything is decompressed into memory."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types>" + b" " * (5 * 1024 * 1024) + b"</Types>")
        zf.writestr("word/document.xml", "<w/>")
    data = buf.getvalue()
    assert len(data) < 64 * 1024
    with pytest.raises(ValidationError) as exc:
        periksa_dokumen(up("bom.docx", data))
    assert "terlalu besar setelah dibuka" in exc.value.messages[0]
