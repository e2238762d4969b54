"""The file itself: which kind it is (by content), whether a header row is OpenSID's, and a
template workbook to start from."""

import io

from openpyxl.utils import get_column_letter

from .. import opensid
from ..opensid import KOLOM


class BerkasTidakValid(Exception):
    """A problem with the whole file (not one row): nothing can be read."""


def huruf_kolom(index):
    """Spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    return get_column_letter(index + 1)


PEMISAH = (",", ";", "\t")


def jenis_berkas(head, name=""):
    """'xlsx', 'xls' or 'csv' by content, else None.

    Text counts as CSV when its first line names columns separated by commas, semicolons or
    tabs (a CSV renamed to .xlsx is still read as CSV), or when it is named .csv or .txt (the
    reader then says what is wrong with its first line)."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if b"\x00" in head or not head.strip():
        return None
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    if not all(b >= 32 or b in b"\t\r" for b in first):
        return None
    if any(first.count(sep.encode()) >= 2 for sep in PEMISAH) or name.lower().endswith((".csv", ".txt")):
        return "csv"
    return None


def nama_kolom(header):
    names = [opensid.teks(c).lower() for c in header]
    while names and not names[-1]:
        names.pop()
    return names


def skor_header(header):
    """How many of OpenSID's column names a header row holds."""
    return len(set(nama_kolom(header)) & set(KOLOM))


def peta_kolom(header, offset, lembar=None):
    """{column name: index in the row}, or BerkasTidakValid saying which columns are wrong."""
    names = nama_kolom(header)
    position = {}
    doubles = []
    for i, name in enumerate(names):
        if name in position:
            doubles.append(name)
        position[name] = i
    missing = [k for k in KOLOM if k not in position]
    extra = [n or f"(kolom {huruf_kolom(i + offset)} tanpa nama)" for i, n in enumerate(names) if n not in KOLOM]
    if missing or extra or doubles:
        parts = []
        if missing:
            parts.append(f"kolom yang tidak ada: {', '.join(missing[:10])}" + (" …" if len(missing) > 10 else ""))
        if extra:
            parts.append(f"kolom yang tidak dikenal: {', '.join(extra[:10])}" + (" …" if len(extra) > 10 else ""))
        if doubles:
            parts.append(f"kolom ganda: {', '.join(doubles)}")
        where = f" di lembar “{lembar}”" if lembar else ""
        raise BerkasTidakValid(
            f"Susunan kolom{where} tidak sesuai format OpenSID (43 kolom, baris pertama berisi nama kolom): "
            + "; ".join(parts)
            + "."
        )
    return position


PETUNJUK = [
    "Petunjuk mengisi lembar “penduduk” (format impor OpenSID, 43 kolom)",
    "",
    "Satu baris per penduduk; baris pertama berisi nama kolom persis seperti di lembar penduduk. Jangan ubah atau "
    "hapus kolom.",
    "Yang wajib diisi: nama, nik (16 angka), sex, tanggallahir, agama_id, kk_level (SHDK), status_dasar.",
    "Tanggal ditulis dd-mm-yyyy (mis. 17-08-1980), atau sebagai tanggal Excel.",
    "Kolom berakhiran _id, sex, status_kawin, kk_level, status_rekam, ktp_el dan status_dasar berisi kode angka "
    "OpenSID (mis. sex 1 = laki-laki, 2 = perempuan; kk_level 1 = kepala keluarga; status_dasar 1 = hidup).",
    "Setiap KK (no_kk) perlu tepat satu kepala keluarga: kk_level 1.",
    "dusun, rw dan rt yang belum ada dibuat otomatis. Satu nomor RW hanya dapat berada di satu dusun.",
    "hamil: 1 bila hamil, 0 atau kosong bila tidak. lat dan lng: koordinat desimal, boleh kosong.",
    "Lembar yang dibaca adalah lembar yang baris pertamanya berisi nama kolom OpenSID; lembar petunjuk ini diabaikan.",
    "Sel gabungan (merge) tidak diterima. Simpan sebagai .xlsx, atau sebagai CSV UTF-8.",
]


def templat_xlsx():
    """A workbook with the header row on sheet "penduduk" and the instructions on "petunjuk"."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    data = wb.create_sheet("penduduk")
    data.append(KOLOM)
    petunjuk = wb.create_sheet("petunjuk")
    for line in PETUNJUK:
        petunjuk.append([line])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
