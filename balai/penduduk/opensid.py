"""OpenSID's 43-column resident sheet: the columns, and conversion of one cell to a value.

Shared by the importer (the impor package) and the exporter (ekspor.py), so what one writes the other
reads back unchanged.
"""

import datetime
import decimal

from . import kode

KOLOM = [
    "alamat",
    "dusun",
    "rw",
    "rt",
    "nama",
    "no_kk",
    "nik",
    "sex",
    "tempatlahir",
    "tanggallahir",
    "agama_id",
    "pendidikan_kk_id",
    "pendidikan_sedang_id",
    "pekerjaan_id",
    "status_kawin",
    "kk_level",
    "warganegara_id",
    "ayah_nik",
    "nama_ayah",
    "ibu_nik",
    "nama_ibu",
    "golongan_darah_id",
    "akta_lahir",
    "dokumen_pasport",
    "tanggal_akhir_paspor",
    "dokumen_kitas",
    "akta_perkawinan",
    "tanggalperkawinan",
    "akta_perceraian",
    "tanggalperceraian",
    "cacat_id",
    "cara_kb_id",
    "hamil",
    "ktp_el",
    "status_rekam",
    "alamat_sekarang",
    "status_dasar",
    "suku",
    "tag_id_card",
    "id_asuransi",
    "no_asuransi",
    "lat",
    "lng",
]
assert len(KOLOM) == 43

# Column -> Penduduk field, for the columns that map one to one.
FIELD = {
    "nama": "nama",
    "nik": "nik",
    "sex": "jenis_kelamin",
    "tempatlahir": "tempat_lahir",
    "tanggallahir": "tanggal_lahir",
    "agama_id": "agama",
    "pendidikan_kk_id": "pendidikan_kk",
    "pendidikan_sedang_id": "pendidikan_sedang",
    "pekerjaan_id": "pekerjaan",
    "status_kawin": "status_kawin",
    "kk_level": "shdk",
    "warganegara_id": "warganegara",
    "ayah_nik": "ayah_nik",
    "nama_ayah": "nama_ayah",
    "ibu_nik": "ibu_nik",
    "nama_ibu": "nama_ibu",
    "golongan_darah_id": "golongan_darah",
    "akta_lahir": "akta_lahir",
    "dokumen_pasport": "dokumen_pasport",
    "tanggal_akhir_paspor": "tanggal_akhir_paspor",
    "dokumen_kitas": "dokumen_kitas",
    "akta_perkawinan": "akta_perkawinan",
    "tanggalperkawinan": "tanggal_perkawinan",
    "akta_perceraian": "akta_perceraian",
    "tanggalperceraian": "tanggal_perceraian",
    "cacat_id": "cacat",
    "cara_kb_id": "cara_kb",
    "hamil": "hamil",
    "ktp_el": "ktp_el",
    "status_rekam": "status_rekam",
    "alamat_sekarang": "alamat_sekarang",
    "status_dasar": "status_dasar",
    "suku": "suku",
    "tag_id_card": "tag_id_card",
    "id_asuransi": "asuransi",
    "no_asuransi": "no_asuransi",
    "lat": "lat",
    "lng": "lng",
}

# Code columns: column -> (jenis in kode.JENIS, required, default when empty).
KODE_KOLOM = {
    "sex": ("jenis_kelamin", True, None),
    "agama_id": ("agama", True, None),
    "pendidikan_kk_id": ("pendidikan_kk", True, None),
    "pendidikan_sedang_id": ("pendidikan_sedang", False, None),
    "pekerjaan_id": ("pekerjaan", True, None),
    "status_kawin": ("status_kawin", True, None),
    "kk_level": ("shdk", True, None),
    "warganegara_id": ("warganegara", False, kode.WNI),
    "golongan_darah_id": ("golongan_darah", False, None),
    "cacat_id": ("cacat", False, None),
    "cara_kb_id": ("cara_kb", False, None),
    "ktp_el": ("ktp_el", False, None),
    "status_rekam": ("status_rekam", False, None),
    "status_dasar": ("status_dasar", False, kode.HIDUP),
    "id_asuransi": ("asuransi", False, None),
}

TANGGAL_KOLOM = {"tanggallahir", "tanggal_akhir_paspor", "tanggalperkawinan", "tanggalperceraian"}
# Dates that cannot lie in the future (a passport's expiry can).
TANGGAL_LAMPAU = {"tanggallahir", "tanggalperkawinan", "tanggalperceraian"}
PANJANG = {
    "alamat": 255,
    "dusun": 100,
    "nama": 100,
    "tempatlahir": 100,
    "nama_ayah": 100,
    "nama_ibu": 100,
    "akta_lahir": 40,
    "dokumen_pasport": 45,
    "dokumen_kitas": 45,
    "akta_perkawinan": 40,
    "akta_perceraian": 40,
    "alamat_sekarang": 255,
    "suku": 100,
    "tag_id_card": 17,
    "no_asuransi": 100,
}

EXCEL_EPOCH = datetime.date(1899, 12, 30)
KOSONG = {"", "-", "null", "NULL"}


class Salah(ValueError):
    """A cell that cannot be read; the message (Indonesian) says why."""


def teks(value):
    """A cell as stripped text; numbers without a spurious '.0'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value).strip()


def nomor(value):
    """A NIK / KK number: digits as text. Numeric cells are accepted when exact."""
    if isinstance(value, float):
        if not value.is_integer() or value >= 2**53:
            raise Salah("Nomor tersimpan sebagai angka pecahan di Excel dan digitnya rusak; format kolom sebagai Teks.")
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = teks(value).replace(" ", "").lstrip("'")
    return "" if text in KOSONG or text == "0" else text


def angka_kode(value, jenis, wajib, default):
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise Salah(f"Kode {teks(value)} bukan bilangan bulat.")
        value = int(value)
    if isinstance(value, int):
        code = value
    else:
        text = teks(value)
        if text in KOSONG:
            if default is not None:
                return default
            if wajib:
                raise Salah("Wajib diisi dengan kode angka.")
            return None
        if not (text.isascii() and text.isdigit()):
            contoh = ", ".join(f"{k} = {n}" for k, n in list(kode.semua()[jenis].items())[:3])
            raise Salah(f"Berisi teks '{text[:30]}', seharusnya kode angka ({contoh}, ...).")
        code = int(text)
    if code not in kode.semua()[jenis]:
        if code == 0 and not wajib:
            return None
        raise Salah(f"Kode {code} tidak dikenal untuk {jenis.replace('_', ' ')}.")
    return code


def tanggal(value):
    """A date in the forms Indonesian spreadsheets hold: real date cells, Excel serials,
    dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd (a time part is ignored). None when empty."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value)
    text = teks(value)
    if text in KOSONG or text in ("0000-00-00", "00-00-0000"):
        return None
    if text.replace(".", "", 1).isdigit():
        return _serial(float(text))
    text = text.split(" ")[0].split("T")[0]
    parts = text.replace("/", "-").replace(".", "-").split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        try:
            if len(parts[0]) == 4:
                return datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
            if len(parts[2]) == 4:
                return datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise Salah(f"Tanggal '{text}' tidak ada di kalender.") from None
    raise Salah(f"Tanggal '{text[:30]}' tidak dikenali; tulis sebagai dd-mm-yyyy (mis. 17-08-1985).")


def _serial(number):
    if not 1 <= number < 2958466:
        raise Salah(f"Angka {teks(number)} bukan tanggal Excel yang sah.")
    return EXCEL_EPOCH + datetime.timedelta(days=int(number))


def koordinat(value, batas):
    text = teks(value).replace(",", ".")
    if text in KOSONG:
        return None
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise Salah(f"'{text[:30]}' bukan angka koordinat.") from None
    if not number.is_finite() or abs(number) > batas:
        raise Salah(f"Koordinat {text} di luar rentang ±{batas}.")
    return number.quantize(decimal.Decimal("0.00000001"))


def nomor_wilayah(value):
    """RW/RT number: '001', '1', 1.0 -> 1; '-' or empty -> None."""
    text = teks(value)
    if text in KOSONG or text in ("0", "000"):
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > 999:
        raise Salah(f"'{text[:30]}' bukan nomor RW/RT (angka 1-999).")
    return int(text)
