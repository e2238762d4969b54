"""The xlsx template a treasurer downloads (pre-filled with the year's current lines), fills
and uploads. One sheet "apbdes", one line per row, the columns of KOLOM in that order; a
"petunjuk" sheet says how, and names the year the template was made for.

Reading checks the header first: a column renamed, missing, added or moved (a column inserted
in front shifts all the others) stops the import with a message naming the columns and their
letters, since every value to its right would land in the wrong place. Then every row: account
and kegiatan codes, sumber dana, and amounts (numbers or text as people type them,
"Rp 1.250.000"; never negative), each problem with its cell."""

import io
import zipfile

from openpyxl.utils import get_column_letter

from . import kode as k
from .rancangan import BarisRancangan, BerkasTidakValid, BukanAngka, KegiatanRancangan, Rancangan, rupiah

KOLOM = [
    "kode_rekening",
    "kode_kegiatan",
    "nama_kegiatan",
    "uraian",
    "sumber_dana",
    "anggaran",
    "realisasi_semester_1",
    "realisasi_semester_2",
]
LEMBAR = "apbdes"
MAKS_BARIS = 5000
MAKS_TERURAI = 30 * 1024 * 1024  # a real template unpacks to far less; a zip bomb to far more
TIDAK_DAPAT_DIBUKA = "Berkas Excel tidak dapat dibuka (rusak, terkunci sandi, atau bukan .xlsx)."

PETUNJUK = [
    "Satu baris per rekening. Jangan menyisipkan, menghapus, memindah atau mengganti nama kolom di lembar “apbdes”.",
    "kode_rekening: kode Permendagri 20/2018, mis. 4.1.1 (PADes), 4.2.1 (Dana Desa), 4.2.3 (ADD), 5.2.1, 6.1.1.",
    "Baris belanja (5.x) wajib punya kode_kegiatan bidang.sub-bidang.nomor (mis. 2.3.01) dan nama_kegiatan.",
    "sumber_dana: " + ", ".join(f"{kode} ({nama})" for kode, nama in k.SUMBER_DANA.items()) + ".",
    "anggaran dan realisasi dalam rupiah, tanpa tanda minus; boleh ditulis 1250000 atau 1.250.000.",
    "Realisasi boleh melebihi anggaran; sistem menampilkan peringatan sebelum disimpan.",
    "Unggah berkas ini: sistem memeriksa dulu (uji coba) dan baru menyimpan setelah Anda menekan Simpan.",
]


def huruf(i):
    return get_column_letter(i + 1)


def templat(*, tahun, baris=()):
    """The template workbook, with `baris` (lines of the current version) already filled in."""
    from openpyxl import Workbook

    from balai.core.spreadsheet import xlsx_row

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(LEMBAR)
    ws.append(KOLOM)
    for b in baris:
        realisasi = {1: 0, 2: 0}
        for r in b.realisasi.all():
            realisasi[r.semester] += r.jumlah
        g = b.kegiatan
        ws.append(
            xlsx_row(
                ws,
                [
                    b.kode,
                    g.kode if g else "",
                    g.nama if g else "",
                    b.uraian,
                    b.sumber_dana,
                    b.anggaran,
                    realisasi[1] or None,
                    realisasi[2] or None,
                ],
            )
        )
    petunjuk = wb.create_sheet("petunjuk")
    petunjuk.append(["Tahun anggaran", tahun])
    for line in PETUNJUK:
        petunjuk.append([line])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _teks(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _nama(value):
    return _teks(value).lower().replace(" ", "_")


def _buka(isi):
    from openpyxl import load_workbook

    if not isi.startswith(b"PK\x03\x04"):
        raise BerkasTidakValid("Berkas ini bukan berkas Excel .xlsx. Unduh templat, isi, lalu unggah lagi.")
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as z:
            if sum(i.file_size for i in z.infolist()) > MAKS_TERURAI:
                raise BerkasTidakValid("Isi berkas Excel terlalu besar setelah dibuka. Gunakan templat APBDes.")
        return load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except BerkasTidakValid:
        raise
    except Exception:
        raise BerkasTidakValid(TIDAK_DAPAT_DIBUKA) from None


def _periksa_tahun(wb, tahun):
    if "petunjuk" not in wb.sheetnames:
        return
    first = next(wb["petunjuk"].iter_rows(min_row=1, max_row=1, values_only=True), ())
    if len(first) >= 2 and _teks(first[0]).lower() == "tahun anggaran" and _teks(first[1]).isdigit():
        if int(_teks(first[1])) != tahun:
            raise BerkasTidakValid(
                f"Templat ini dibuat untuk tahun anggaran {_teks(first[1])}, bukan {tahun}. "
                f"Pilih tahun {_teks(first[1])} atau unduh templat tahun {tahun}."
            )


def periksa_header(header):
    """None when `header` is the template's, else a message naming what is wrong, where."""
    names = [_nama(c) for c in header]
    while names and not names[-1]:
        names.pop()
    if names == KOLOM:
        return None
    parts = []
    for i, name in enumerate(KOLOM):
        if name in names and names.index(name) != i:
            parts.append(f"kolom {name} ada di {huruf(names.index(name))}, seharusnya di {huruf(i)}")
        elif name not in names:
            ditemukan = names[i] if i < len(names) else ""
            parts.append(
                f"kolom {name} tidak ada (kolom {huruf(i)} berisi “{ditemukan}”)"
                if ditemukan
                else f"kolom {name} tidak ada (kolom {huruf(i)} kosong)"
            )
    extra = [f"“{n}” di kolom {huruf(i)}" for i, n in enumerate(names) if n and n not in KOLOM]
    if extra:
        parts.append("kolom tidak dikenal: " + ", ".join(extra[:5]))
    return (
        "Susunan kolom tidak sesuai templat APBDes (kolom bergeser atau berganti nama): "
        + "; ".join(parts[:8])
        + ". Jangan menyisipkan, memindah atau mengganti nama kolom; salin isian ke templat yang baru diunduh."
    )


def baca(isi, *, tahun):
    wb = _buka(isi)
    try:
        _periksa_tahun(wb, tahun)
        if LEMBAR not in wb.sheetnames:
            raise BerkasTidakValid(
                f"Lembar “{LEMBAR}” tidak ada (lembar di berkas ini: {', '.join(wb.sheetnames)}). "
                "Gunakan templat APBDes."
            )
        rows = wb[LEMBAR].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise BerkasTidakValid(f"Lembar “{LEMBAR}” kosong.")
        salah = periksa_header(header)
        if salah:
            raise BerkasTidakValid(salah)
        rancangan = Rancangan(tahun=tahun, keterangan=f"Templat Excel APBDes {tahun}")
        for nomor, cells in enumerate(rows, start=2):
            if nomor - 1 > MAKS_BARIS:
                raise BerkasTidakValid(f"Lebih dari {MAKS_BARIS} baris; APBDes satu desa tidak sebanyak itu.")
            cells = list(cells) + [None] * (len(KOLOM) - len(cells))
            if not any(_teks(c) for c in cells):
                continue
            _baris(rancangan, nomor, cells)
            extra = [huruf(i) for i, c in enumerate(cells[len(KOLOM) :], start=len(KOLOM)) if _teks(c)]
            if extra:
                rancangan.tambah_peringatan(nomor, "", f"Isi di kolom {', '.join(extra)} diabaikan (di luar templat).")
    finally:
        wb.close()
    if not rancangan.baris and not rancangan.jumlah_galat:
        raise BerkasTidakValid(f"Lembar “{LEMBAR}” tidak berisi satu baris anggaran pun.")
    return rancangan


def _baris(rancangan, nomor, cells):
    v = dict(zip(KOLOM, cells, strict=False))
    col = {name: i for i, name in enumerate(KOLOM)}

    def galat(kolom, pesan):
        rancangan.tambah_galat(nomor, kolom, pesan, f"{huruf(col[kolom])}{nomor}")

    awal = rancangan.jumlah_galat
    kode = k.normal_kode(_teks(v["kode_rekening"]))
    if not kode:
        galat("kode_rekening", "Kode rekening kosong.")
    elif not k.kode_valid(kode):
        galat("kode_rekening", f"Kode rekening “{kode}” tidak dikenal: tulis mis. 4.2.1 (Dana Desa), 5.2.1, 6.1.1.")
    jumlah = {}
    for kolom in ("anggaran", "realisasi_semester_1", "realisasi_semester_2"):
        try:
            jumlah[kolom] = rupiah(v[kolom])
        except BukanAngka as exc:
            galat(kolom, f"{kolom.replace('_', ' ').capitalize()} {exc}.")
    sumber = _teks(v["sumber_dana"]).upper()
    if sumber and sumber not in k.SUMBER_DANA:
        galat("sumber_dana", f"Sumber dana “{sumber}” tidak dikenal; pakai salah satu: {', '.join(k.SUMBER_DANA)}.")
    kegiatan = ""
    if kode[:1] == k.BELANJA:
        kegiatan = _kegiatan(rancangan, nomor, v, galat, sumber)
    elif _teks(v["kode_kegiatan"]):
        rancangan.tambah_peringatan(
            nomor, "kode_kegiatan", "Kode kegiatan diabaikan: hanya baris belanja (5.x) yang berkegiatan."
        )
    if rancangan.jumlah_galat > awal:
        return
    realisasi = {(1, None): jumlah["realisasi_semester_1"], (2, None): jumlah["realisasi_semester_2"]}
    rancangan.baris.append(
        BarisRancangan(
            kode=kode,
            uraian=_teks(v["uraian"]) or k.nama_akun(kode),
            anggaran=jumlah["anggaran"],
            sumber_dana=sumber,
            kegiatan=kegiatan,
            realisasi={p: j for p, j in realisasi.items() if j},
            asal=nomor,
        )
    )


def _kegiatan(rancangan, nomor, v, galat, sumber):
    kode = _teks(v["kode_kegiatan"])
    nama = _teks(v["nama_kegiatan"])
    if not kode:
        galat("kode_kegiatan", "Baris belanja perlu kode kegiatan, mis. 2.3.01.")
        return ""
    if not k.kode_kegiatan_valid(kode):
        galat(
            "kode_kegiatan", f"Kode kegiatan “{kode}” tidak sesuai: bidang.sub-bidang.nomor, mis. 2.3.01 (bidang 1–5)."
        )
        return ""
    kode = k.kode_kegiatan(kode)
    ada = rancangan.kegiatan.get(kode)
    if ada is None:
        if not nama:
            galat("nama_kegiatan", f"Kegiatan {kode} belum bernama: isi nama_kegiatan pada baris pertamanya.")
            return ""
        rancangan.kegiatan[kode] = KegiatanRancangan(kode=kode, nama=nama, sumber_dana=sumber)
    else:
        if nama and nama != ada.nama:
            rancangan.tambah_peringatan(
                nomor, "nama_kegiatan", f"Kegiatan {kode} sudah bernama “{ada.nama}”; nama “{nama}” diabaikan."
            )
        if sumber and sumber not in ada.sumber_dana.split(", "):
            ada.sumber_dana = ", ".join(filter(None, [ada.sumber_dana, sumber]))
    return kode
