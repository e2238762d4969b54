"""PDF active content is found in the parsed objects, not by searching the bytes: escaped names
(`/J#61vaScript`) and actions packed into compressed object streams are refused too."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from balai.publikasi.berkas import periksa_dokumen
from balai.publikasi.pdf import pdf_sederhana


def periksa(data):
    return periksa_dokumen(SimpleUploadedFile("dokumen.pdf", data))


def ditolak(data):
    with pytest.raises(ValidationError) as exc:
        periksa(data)
    return " ".join(exc.value.messages)


def _name(n):
    return NameObject(n)


def tulis(ubah):
    """A one-page PDF written by pypdf after `ubah(writer)` added something to it."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    ubah(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def aksi(**entries):
    return DictionaryObject({_name(f"/{k}"): v for k, v in entries.items()})


def dengan_objstm(tubuh_aksi: bytes) -> bytes:
    """A PDF 1.5 whose OpenAction lives inside a Flate-compressed object stream, listed by a
    cross-reference stream: nothing of the action is visible in the file's bytes."""
    isi = b"5 0 " + tubuh_aksi
    packed = zlib.compress(isi)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        4: b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
        + packed
        + b"\nendstream",
    }
    out, offsets = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"), {}
    for n, body in objects.items():
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    offsets[6] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"]
    for n in (1, 2, 3, 4):
        rows.append(b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00")
    rows.append(b"\x02" + (4).to_bytes(4, "big") + b"\x00\x00")  # object 5: in stream 4, index 0
    rows.append(b"\x01" + offsets[6].to_bytes(4, "big") + b"\x00\x00")
    xref = b"".join(rows)
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(xref)
        + xref
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[6]
    return bytes(out)


def test_object_stream_helper_really_hides_the_action():
    data = dengan_objstm(b"<< /S /JavaScript /JS (app.alert(1)) >>")
    assert b"JavaScript" not in data and b"/JS" not in data


@pytest.mark.parametrize(
    "tubuh, alasan",
    [
        (b"<< /S /JavaScript /JS (app.alert(1)) >>", "JavaScript"),
        (b"<< /S /Launch /F (cmd.exe) >>", "Launch"),
        (b"<< /S /URI /URI (javascript:alert(1)) >>", "javascript"),
        (b"<< /S /SubmitForm /F (https://contoh.id/curi) >>", "SubmitForm"),
    ],
)
def test_actions_inside_a_compressed_object_stream_are_refused(tubuh, alasan):
    assert alasan.lower() in ditolak(dengan_objstm(tubuh)).lower()


def test_a_harmless_object_stream_pdf_is_accepted():
    assert periksa(dengan_objstm(b"<< /S /GoTo /D [3 0 R /Fit] >>")) == "pdf"


@pytest.mark.parametrize(
    "asli, samaran",
    [
        (b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"),
        (b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /L#61unch /F (calc.exe) >>"),
        (b"/Type /Catalog", b"/Type /Catalog /OpenAction << /#53 /#4a#61#76#61#53#63#72#69#70#74 /#4A#53 (x) >>"),
        (b"/Type /Catalog", b"/Type /Catalog /N#61mes << /J#61vaScript << /Names [] >> >>"),
        (b"/Type /Page ", b"/Type /Page /A#41 << /O << /S /J#61vaScript /J#53 (x) >> >> "),
    ],
)
def test_name_escapes_do_not_hide_active_content(asli, samaran):
    data = pdf_sederhana("Perdes").replace(asli, samaran, 1)
    assert samaran in data  # the escaped spelling is what the file holds
    ditolak(data)


@pytest.mark.parametrize(
    "ubah, alasan",
    [
        (lambda w: w.add_attachment("x.exe", b"MZ"), "lampiran"),
        (
            lambda w: w._root_object.__setitem__(
                _name("/Names"),
                DictionaryObject(
                    {
                        _name("/JavaScript"): DictionaryObject(
                            {_name("/Names"): ArrayObject([TextStringObject("a"), aksi(S=_name("/JavaScript"))])}
                        )
                    }
                ),
            ),
            "JavaScript",
        ),
        (
            lambda w: w._root_object.__setitem__(
                _name("/AcroForm"), DictionaryObject({_name("/XFA"): ArrayObject(), _name("/Fields"): ArrayObject()})
            ),
            "XFA",
        ),
        (
            lambda w: w.pages[0].__setitem__(
                _name("/AA"), DictionaryObject({_name("/O"): aksi(S=_name("/GoTo"), D=ArrayObject([NumberObject(0)]))})
            ),
            "otomatis",
        ),
        (
            lambda w: w._root_object.__setitem__(
                _name("/OpenAction"),
                w._add_object(aksi(S=_name("/URI"), URI=TextStringObject(" Java\tScript:alert(1)"))),
            ),
            "javascript",
        ),
        (
            lambda w: w._root_object.__setitem__(
                _name("/OpenAction"), aksi(S=_name("/URI"), URI=TextStringObject("data:text/html,<b>x</b>"))
            ),
            "javascript",
        ),
        # An object nothing points to still counts: some viewers repair files and find it.
        (lambda w: w._add_object(aksi(S=_name("/JavaScript"), JS=TextStringObject("x"))), "JavaScript"),
    ],
)
def test_active_content_written_by_pypdf_is_refused(ubah, alasan):
    assert alasan.lower() in ditolak(tulis(ubah)).lower()


def test_ordinary_links_and_a_goto_open_action_are_accepted():
    def ubah(w):
        w._root_object[_name("/OpenAction")] = ArrayObject([w.pages[0].indirect_reference, _name("/Fit")])
        w.add_uri(0, "https://purbalinggakab.go.id/", [10, 10, 100, 30])

    assert periksa(tulis(ubah)) == "pdf"


def test_a_pdf_pypdf_cannot_read_is_refused():
    data = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\n" + b"\x00" * 100 + b"\n%%EOF\n"
    assert "rusak" in ditolak(data)


def test_documents_stored_before_the_check_are_checked_again(buat, desa_a, client_for):
    """A PDF with an escaped script that passed the old byte filter is unpublished by the
    re-check command, audited; clean documents stay."""
    from io import StringIO

    from django.core.management import call_command
    from django_scopes import scope, scopes_disabled

    from balai.core.models import AuditEntry

    bersih, jahat = buat.dokumen(judul="Bersih"), buat.dokumen(judul="Jahat")
    data = pdf_sederhana("x").replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >>")
    with jahat.berkas.storage.open(jahat.berkas.name, "wb") as f:  # as the old filter let it in
        f.write(data)
    out = StringIO()
    call_command("periksa_ulang_dokumen", stdout=out)
    assert "2 dokumen diperiksa, 1 ditarik" in out.getvalue()
    with scope(desa=desa_a):
        jahat.refresh_from_db(), bersih.refresh_from_db()
    assert not jahat.terbit and bersih.terbit
    assert client_for(desa_a).get(jahat.get_absolute_url()).status_code == 404
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="dokumen.ditarik_pemeriksaan")
    assert "JavaScript" in entry.changes["alasan"][1] and entry.changes["terbit"] == [True, False]
