"""One row of cells to the values of a resident: every column has a converter with a fast path
for the plain text cells of a well-formed file, falling back to the general parsers in
opensid.py, which also word the error."""

import datetime

from django.utils import timezone

from balai.core.spreadsheet import FORMULA_START

from .. import kode, opensid, validasi
from ..opensid import KOLOM, Salah
from .format import huruf_kolom


def rencana(position, offset):
    """[(column name, index, letter, converter)] for every column.

    Each converter has a fast path for the plain text cells of a well-formed file and falls
    back to the general parser in opensid.py, which also words the error."""
    today = timezone.localdate()
    plan = []
    for name in KOLOM:
        index = position[name]
        letter = huruf_kolom(index + offset)
        if name in opensid.KODE_KOLOM:
            jenis, wajib, default = opensid.KODE_KOLOM[name]
            table = kode.semua()[jenis]

            def conv(v, jenis=jenis, wajib=wajib, default=default, table=table):
                t = type(v)
                if t is str:
                    if v.isdigit() and v.isascii():
                        code = int(v)
                        if code in table:
                            return code
                    elif not v and not wajib:
                        return default
                elif t is float and v.is_integer() and int(v) in table:  # Excel numbers
                    return int(v)
                return opensid.angka_kode(v, jenis, wajib, default)

            conv.table = table
        elif name in opensid.TANGGAL_KOLOM:
            lampau = name in opensid.TANGGAL_LAMPAU

            def conv(v, lampau=lampau):
                value = None
                if v == "" or v is None:
                    return None
                if type(v) is str and len(v) == 10 and v[2] == "-" and v[5] == "-":
                    try:
                        value = datetime.date(int(v[6:]), int(v[3:5]), int(v[:2]))
                    except ValueError:
                        pass
                if value is None:
                    value = opensid.tanggal(v)
                if lampau and value is not None and value > today:
                    raise Salah(f"Tanggal {value:%d-%m-%Y} ada di masa depan.")
                return value
        elif name in ("nik", "no_kk", "ayah_nik", "ibu_nik"):

            def conv(v):
                if type(v) is str and (len(v) == 16 and v.isdigit() or not v):
                    return v
                return opensid.nomor(v)
        elif name in ("rw", "rt"):

            def conv(v):
                if type(v) is str and 0 < len(v) <= 3 and v.isdigit() and v.isascii():
                    return int(v) or None
                return opensid.nomor_wilayah(v)
        elif name == "hamil":

            def conv(v):
                if v == "0" or v == "":
                    return False
                text = opensid.teks(v)
                if text in ("", "0", "-"):
                    return False
                if text == "1":
                    return True
                raise Salah(f"Isi '{text[:20]}' tidak dikenal; tulis 1 bila hamil, 0 bila tidak.")
        elif name in ("lat", "lng"):
            batas = 90 if name == "lat" else 180

            def conv(v, batas=batas):
                if v == "" or v is None:
                    return None
                return opensid.koordinat(v, batas)
        else:
            limit = opensid.PANJANG.get(name, 255)

            def conv(v, limit=limit):
                text = v.strip() if type(v) is str else opensid.teks(v)
                if "\x00" in text:
                    raise Salah("Berisi karakter kendali (NUL) yang tidak diizinkan.")
                if text[:1] == "'" and text[1:2] and text[1] in FORMULA_START:
                    text = text[1:]  # the apostrophe our CSV export puts before formula-like text
                if len(text) > limit:
                    raise Salah(f"Terlalu panjang ({len(text)} karakter; maksimal {limit}).")
                return text

            conv.limit = limit
        plan.append((name, index, letter, conv))
    return Rencana(plan, today)


class Rencana(list):
    """The converters, with the columns also listed by kind: ubah_baris handles the plain
    cells of a well-formed file inline (no call per cell) and calls the converter only for
    the others, which also words the error."""

    NOMOR = ("nik", "no_kk", "ayah_nik", "ibu_nik")

    def __init__(self, plan, today):
        super().__init__(plan)
        self.today = today
        self.urutan = {item[0]: i for i, item in enumerate(plan)}
        self.teks, self.kode, self.nomor, self.tanggal, self.wilayah, self.lain = [], [], [], [], [], []
        for item in plan:
            name, conv = item[0], item[3]
            if hasattr(conv, "limit"):
                self.teks.append((*item, conv.limit))
            elif hasattr(conv, "table"):
                self.kode.append((*item, conv.table))
            elif name in self.NOMOR:
                self.nomor.append(item)
            elif name in opensid.TANGGAL_KOLOM:
                self.tanggal.append((*item, name in opensid.TANGGAL_LAMPAU))
            elif name in ("rw", "rt"):
                self.wilayah.append(item)
            else:  # hamil, lat, lng
                self.lain.append(item)


def ubah_baris(cells, plan, date=datetime.date):
    """(values by column name, [(column, letter, message)])."""
    values = {}
    errors = []
    n = len(cells)
    if n < len(plan):  # a short row: every column through its converter
        lambat = list(plan)
    else:
        # The fast paths below accept exactly what the converters' own fast paths accept.
        # Cells they leave go through the converters in the same order as before they
        # existed: the other columns in sheet order, then text, then code columns.
        lambat, teks_lambat, lain_lambat = [], [], []
        for item in plan.teks:
            v = cells[item[1]]
            if type(v) is str:
                v = v.strip()
                if len(v) <= item[4] and v[:1] != "'" and "\x00" not in v:
                    values[item[0]] = v
                    continue
            teks_lambat.append(item[:4])
        for item in plan.kode:
            v = cells[item[1]]
            t = type(v)
            if t is str and v.isdigit() and v.isascii() or t is float and v.is_integer():  # float: Excel numbers
                code = int(v)
                if code in item[4]:
                    values[item[0]] = code
                    continue
            lambat.append(item[:4])
        for item in plan.nomor:
            v = cells[item[1]]
            if type(v) is str and (len(v) == 16 and v.isdigit() or not v):
                values[item[0]] = v
                continue
            lain_lambat.append(item)
        today = plan.today
        for item in plan.tanggal:
            v = cells[item[1]]
            if v == "":
                values[item[0]] = None
                continue
            value = None
            if type(v) is date:  # an Excel date cell
                value = v
            elif type(v) is str and len(v) == 10 and v[2] == "-" and v[5] == "-":
                try:
                    value = date(int(v[6:]), int(v[3:5]), int(v[:2]))
                except ValueError:
                    pass
            if value is not None and not (item[4] and value > today):
                values[item[0]] = value
                continue
            lain_lambat.append(item[:4])
        for item in plan.wilayah:
            v = cells[item[1]]
            if type(v) is str and 0 < len(v) <= 3 and v.isdigit() and v.isascii():
                values[item[0]] = int(v) or None
                continue
            lain_lambat.append(item)
        if lain_lambat:
            lain_lambat = sorted(lain_lambat + plan.lain, key=lambda item: plan.urutan[item[0]])
        else:
            lain_lambat = plan.lain
        lambat = lain_lambat + teks_lambat + lambat
    for name, index, letter, conv in lambat:
        try:
            values[name] = conv(cells[index] if index < n else None)
        except Salah as exc:
            values[name] = None
            errors.append((name, letter, str(exc)))
    bad = {e[0] for e in errors} if errors else ()
    nik, lahir, sex = values["nik"], values["tanggallahir"], values["sex"]
    if "nik" not in bad:
        if not nik:
            errors.append(("nik", plan[6][2], "NIK wajib diisi."))
        elif lahir is not None or sex is not None:
            pesan = validasi.galat_nik(nik, tanggal_lahir=lahir, jenis_kelamin=sex)
            if pesan:
                errors.append(("nik", plan[6][2], pesan))
    if not values["nama"] and "nama" not in bad:
        errors.append(("nama", plan[4][2], "Nama wajib diisi."))
    if lahir is None and "tanggallahir" not in bad:
        errors.append(("tanggallahir", plan[9][2], "Tanggal lahir wajib diisi."))
    if values["no_kk"]:
        pesan = validasi.galat_no_kk(values["no_kk"])
        if pesan:
            errors.append(("no_kk", plan[5][2], pesan))
    for name, letter_index in (("ayah_nik", 17), ("ibu_nik", 19)):
        if values[name]:
            pesan = validasi.galat_nik_orang_tua(values[name])
            if pesan:
                errors.append((name, plan[letter_index][2], pesan))
    if values["hamil"] and sex == kode.LAKI_LAKI:
        errors.append(("hamil", plan[32][2], "Laki-laki tidak dapat tercatat hamil."))
    return values, errors
