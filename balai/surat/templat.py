"""The small template language of letter bodies: text with a few HTML tags and placeholders
`{{ nama }}`, nothing else.

Why not Django's template engine: a village operator edits these in the browser, and Django's
language can reach attributes of whatever it is given (`{{ penduduk.keluarga.anggota }}`), load
tag libraries and include other templates. Here a placeholder is one name from a documented
list (`daftar_isian(spec)`), replaced by an escaped string; there is no attribute access, no
filter, no tag, no loop. A template using anything else is refused when saved, with the reason
(`periksa`). The HTML around placeholders is limited to text formatting and tables (no links,
images or styles: the PDF renderer fetches nothing), checked on save and cleaned again on render.
"""

import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import escape

from .katalog import ANGKA, TANGGAL, TEKS_PANJANG, UANG

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
NAMA = re.compile(r"^[a-z][a-z0-9_]*$")
TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
ATRIBUT = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=")

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "ol", "ul", "li", "h3", "h4",
    "table", "thead", "tbody", "tr", "th", "td", "div",
}  # fmt: skip
ATTRIBUTES = {
    "div": {"class"},
    "p": {"class"},
    "h3": {"class"},
    "h4": {"class"},
    "td": {"colspan", "class"},
    "th": {"colspan"},
    "table": {"class"},
}
KELAS = {"halaman-baru", "tengah", "kanan", "identitas", "ttd-pihak"}

# Placeholders every letter has, with what they print (documented on the template editor).
DATA_UMUM = {
    "nama": "Nama lengkap penduduk",
    "nik": "NIK",
    "no_kk": "Nomor KK",
    "jenis_kelamin": "Jenis kelamin",
    "tempat_lahir": "Tempat lahir",
    "tanggal_lahir": "Tanggal lahir (5 Desember 1990)",
    "tempat_tanggal_lahir": "Tempat, tanggal lahir",
    "umur": "Umur (tahun)",
    "agama": "Agama",
    "pekerjaan": "Pekerjaan",
    "status_kawin": "Status perkawinan",
    "kewarganegaraan": "Kewarganegaraan",
    "pendidikan": "Pendidikan dalam KK",
    "alamat": "Alamat (RT/RW, dusun, desa)",
    "rt": "RT",
    "rw": "RW",
    "dusun": "Dusun",
    "nama_desa": "Nama desa",
    "sebutan_desa": "Desa atau Kelurahan",
    "kecamatan": "Kecamatan",
    "kabupaten": "Kabupaten",
    "alamat_kantor": "Alamat kantor desa",
    "kode_desa": "Kode desa (Kemendagri)",
    "sebutan_kepala": "Kepala Desa atau Lurah",
    "jenis_surat": "Nama jenis surat",
    "nomor_surat": "Nomor surat",
    "tanggal_surat": "Tanggal surat",
    "berlaku_sampai": "Berlaku sampai (tanggal)",
    "jabatan_penanda_tangan": "Jabatan penanda tangan",
    "nama_penanda_tangan": "Nama penanda tangan",
    "tabel_identitas": "Tabel identitas penduduk (nama, NIK, TTL, ...)",
}
# Placeholders whose value is HTML built here (values inside escaped), not text.
BLOK = {"tabel_identitas"}


def daftar_isian(spec) -> dict:
    """{placeholder: what it prints} for a letter type: the common ones and the type's fields
    (dates written out; amounts as "Rp …" with a `_terbilang` twin in words)."""
    found = dict(DATA_UMUM)
    for isian in spec.isian:
        found[isian.nama] = isian.label
        if isian.jenis in (UANG, ANGKA):
            found[f"{isian.nama}_terbilang"] = f"{isian.label} dengan huruf"
    return found


def periksa(teks: str, spec) -> str:
    """The template if it may be used for `spec`, else ValidationError naming every problem."""
    masalah = []
    for token in ("{%", "%}", "{#", "#}"):
        if token in teks:
            masalah.append(
                f"“{token}” tidak diizinkan: templat surat tidak menjalankan perintah ({{% load %}}, "
                "{% include %}, {% if %} …); pakai isian {{ nama }} saja."
            )
            break
    boleh = daftar_isian(spec)
    for match in PLACEHOLDER.finditer(teks):
        isi = match.group(1).strip()
        tampil = match.group(0)
        if "." in isi or "[" in isi:
            masalah.append(f"{tampil}: akses ke bagian data lain tidak diizinkan; pakai satu nama isian.")
        elif "|" in isi:
            masalah.append(f"{tampil}: filter tidak diizinkan; isian sudah diformat.")
        elif not NAMA.match(isi) or isi not in boleh:
            masalah.append(f"{tampil}: isian tidak dikenal untuk jenis surat ini.")
    sisa = PLACEHOLDER.sub("", teks)
    if "{{" in sisa or "}}" in sisa:
        masalah.append("Ada “{{” atau “}}” yang tidak berpasangan.")
    for match in TAG.finditer(teks):
        tag = match.group(1).lower()
        if tag not in TAGS:
            masalah.append(f"Tag <{tag}> tidak diizinkan; yang boleh: {', '.join(sorted(TAGS))}.")
            continue
        for attr in ATRIBUT.findall(match.group(2)):
            if attr.lower() not in ATTRIBUTES.get(tag, ()):
                masalah.append(f"Atribut {attr} pada <{tag}> tidak diizinkan.")
    if not teks.strip():
        masalah.append("Isi surat kosong.")
    if masalah:
        raise ValidationError(list(dict.fromkeys(masalah)))
    return teks


def _filter_atribut(tag, name, value):
    if name == "class":
        kelas = [k for k in value.split() if k in KELAS]
        return " ".join(kelas) or None
    if name == "colspan":
        return value if value.isdigit() and int(value) <= 20 else None
    return value


def bersihkan(html: str) -> str:
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_filter_atribut, url_schemes=set(), link_rel=None
    )


def render(teks: str, nilai: dict, spec) -> str:
    """The body as safe HTML: each placeholder replaced by its escaped value (line breaks kept
    for long text), block placeholders by the HTML built for them, the markup cleaned.
    Placeholders a template can no longer use (a field renamed since) print nothing."""
    panjang = {i.nama for i in spec.isian if i.jenis == TEKS_PANJANG}

    def ganti(match):
        nama = match.group(1).strip()
        value = nilai.get(nama, "")
        if nama in BLOK:
            return f"[[blok:{nama}]]"  # put in after cleaning: built here, already safe
        text = escape(str(value))
        return text.replace("\n", "<br>") if nama in panjang else text

    html = bersihkan(PLACEHOLDER.sub(ganti, teks))
    for nama in BLOK:
        html = html.replace(f"[[blok:{nama}]]", str(nilai.get(nama, "")))
    return html


def format_isian(spec, isian: dict) -> dict:
    """Stored field values (strings; dates as ISO) as a letter prints them."""
    from datetime import date

    from . import bahasa

    keluar = {}
    for i in spec.isian:
        value = isian.get(i.nama, "")
        if value in ("", None):
            keluar[i.nama] = ""
            continue
        if i.jenis == TANGGAL:
            keluar[i.nama] = bahasa.tanggal(date.fromisoformat(str(value)))
        elif i.jenis == UANG:
            keluar[i.nama] = bahasa.rupiah(value)
            keluar[f"{i.nama}_terbilang"] = bahasa.rupiah_terbilang(value)
        elif i.jenis == ANGKA:
            keluar[i.nama] = str(value)
            keluar[f"{i.nama}_terbilang"] = bahasa.terbilang(int(value))
        else:
            keluar[i.nama] = str(value)
    return keluar
