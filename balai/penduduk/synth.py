"""Believable synthetic residents: families with one head, valid NIKs (the village's kecamatan
code, the birth date with women's day + 40, a serial unique in the run), codes distributed the
way a Central Java village looks. Used by the demo data, the import benchmark and tests.

Rows are plain dicts keyed by Penduduk field names plus the family's fields (TEMPAT: `no_kk`,
`alamat`, `tanggal_cetak_kk`, `dusun`, `rw`, `rt`); `opensid_row()` turns one into the 43 cells of
OpenSID's sheet.
"""

import datetime
from collections import defaultdict

from . import kode
from .opensid import FIELD, KOLOM

PEKERJAAN_DEWASA = [(9, 30), (20, 18), (88, 12), (84, 8), (15, 10), (19, 8), (5, 2), (65, 2), (26, 3), (81, 2)]
SUKU = ["Jawa"] * 20 + ["Sunda", "Batak", "Minang"]
# Keys of a row that belong to the family (Keluarga) and its place, not to the resident.
TEMPAT = ("no_kk", "alamat", "tanggal_cetak_kk", "dusun", "rw", "rt")
ASAL_LAIN = ["330201", "330211", "330902", "317101", "327301", "357801"]  # Banyumas, Cilacap, ..., Jakarta


def _weighted(rng, pairs):
    total = sum(w for _v, w in pairs)
    x = rng.random() * total
    for value, weight in pairs:
        x -= weight
        if x < 0:
            return value
    return pairs[-1][0]


class Generator:
    def __init__(self, rng, fake=None, *, today=None, pool=300):
        self.rng = rng
        self.today = today or datetime.date.today()
        self.serial = defaultdict(int)
        if fake is not None:
            self.male = list({fake.first_name_male() for _ in range(pool)})
            self.female = list({fake.first_name_female() for _ in range(pool)})
            self.last_m = list({fake.last_name_male() for _ in range(pool)})
            self.last_f = list({fake.last_name_female() for _ in range(pool)})
        else:
            self.male = ["Budi", "Slamet", "Agus", "Joko", "Sugeng", "Wahyu", "Tri", "Eko", "Bambang", "Teguh"]
            self.female = ["Siti", "Sri", "Dewi", "Tuti", "Sumiyati", "Rini", "Endang", "Wati", "Yuni", "Ani"]
            self.last_m = ["Santoso", "Wibowo", "Saputra", "Prasetyo", "Nugroho", "Hidayat", "Susanto"]
            self.last_f = ["Rahayu", "Lestari", "Wulandari", "Handayani", "Kusumawati", "Purwanti"]

    # Numbers ---------------------------------------------------------------------------

    def nik(self, prefix, lahir, perempuan):
        date_part = f"{lahir.day + (40 if perempuan else 0):02d}{lahir.month:02d}{lahir.year % 100:02d}"
        key = prefix + date_part
        self.serial[key] += 1
        return f"{key}{self.serial[key]:04d}"

    def no_kk(self, prefix):
        """A KK number and the date it was first issued (its date part)."""
        d = self.today - datetime.timedelta(days=self.rng.randint(30, 5000))
        key = f"{prefix}{d:%d%m%y}"
        self.serial[key] += 1
        return f"{key}{self.serial[key]:04d}", d

    def tanggal_cetak_kk(self, terbit):
        """The card in hand: reprinted after most changes to the family (a birth, a marriage),
        so often years after the number was issued; one in ten families has no date recorded."""
        if self.rng.random() < 0.1:
            return None
        return terbit + datetime.timedelta(days=int(self.rng.random() ** 0.5 * (self.today - terbit).days))

    def bahasa(self, *, umur, agama, pendidikan_kk):
        """Scripts read ("dapat membaca huruf"): none recorded for young children and for part of
        the elderly without schooling; most Muslims read Arabic (Qur'an) besides Latin, and some,
        mostly older, also the Javanese script taught in school."""
        rng = self.rng
        if umur < 7 or (umur >= 60 and pendidikan_kk <= 2 and rng.random() < 0.4):
            return None
        if agama == 1:
            return _weighted(rng, [(4, 52), (1, 30), (6, 12 if umur < 40 else 20), (5, 2), (3, 1)])
        return _weighted(rng, [(1, 90), (2, 4), (6, 6)])

    # People ----------------------------------------------------------------------------

    def nama(self, perempuan):
        rng = self.rng
        first = rng.choice(self.female if perempuan else self.male)
        last = rng.choice(self.last_f if perempuan else self.last_m)
        return f"{first} {last}"

    def lahir(self, umur):
        return self.today - datetime.timedelta(days=int(umur * 365.25) + self.rng.randint(0, 364))

    def orang(self, prefix, *, umur, perempuan, shdk, status_kawin, kepala=None):
        rng = self.rng
        lahir = self.lahir(umur)
        datang = rng.random() < 0.04
        nik_prefix = rng.choice(ASAL_LAIN) if datang else prefix
        dewasa = umur >= 17
        if umur < 5:
            pendidikan_kk, pendidikan_sedang, pekerjaan = 1, 1 if umur < 4 else 2, 1
        elif umur < 19:
            pendidikan_kk = 2 if umur < 13 else (3 if umur < 16 else 4)
            pendidikan_sedang, pekerjaan = (4 if umur < 13 else 6 if umur < 16 else 7), 3
        else:
            pendidikan_kk = _weighted(rng, [(3, 35), (4, 22), (5, 28), (6, 2), (7, 3), (8, 8), (9, 1), (2, 1)])
            pendidikan_sedang = 18
            pekerjaan = (
                4
                if umur > 62 and rng.random() < 0.3
                else 2
                if perempuan and shdk in (2, 3) and rng.random() < 0.6
                else _weighted(rng, PEKERJAAN_DEWASA)
            )
        agama = _weighted(rng, [(1, 96), (2, 2), (3, 1.5), (5, 0.5)])
        row = {
            "nik": self.nik(nik_prefix, lahir, perempuan),
            "nama": self.nama(perempuan),
            "jenis_kelamin": kode.PEREMPUAN if perempuan else kode.LAKI_LAKI,
            "tempat_lahir": "Purbalingga" if not datang else rng.choice(["Banyumas", "Cilacap", "Jakarta", "Bandung"]),
            "tanggal_lahir": lahir,
            "agama": agama,
            "pendidikan_kk": pendidikan_kk,
            "pendidikan_sedang": pendidikan_sedang,
            "pekerjaan": pekerjaan,
            "status_kawin": status_kawin,
            "shdk": shdk,
            "warganegara": kode.WNI,
            "bahasa": self.bahasa(umur=umur, agama=agama, pendidikan_kk=pendidikan_kk),
            "ayah_nik": "",
            "nama_ayah": self.nama(False),
            "ibu_nik": "",
            "nama_ibu": self.nama(True),
            "golongan_darah": _weighted(rng, [(1, 20), (2, 25), (3, 7), (4, 35), (13, 13)]),
            "akta_lahir": f"3303-LT-{lahir:%d%m%Y}-{rng.randint(1, 9999):04d}" if rng.random() < 0.8 else "",
            "dokumen_pasport": "",
            "tanggal_akhir_paspor": None,
            "dokumen_kitas": "",
            "akta_perkawinan": "",
            "tanggal_perkawinan": None,
            "akta_perceraian": "",
            "tanggal_perceraian": None,
            "cacat": 7 if rng.random() < 0.97 else rng.randint(1, 6),
            "cara_kb": None,
            "hamil": False,
            "ktp_el": 2 if dewasa else (3 if rng.random() < 0.5 else None),
            "status_rekam": (8 if rng.random() < 0.85 else 3) if dewasa else 1,
            "alamat_sekarang": "",
            "status_dasar": kode.HIDUP,
            "suku": rng.choice(SUKU),
            "tag_id_card": "",
            "asuransi": _weighted(rng, [(1, 15), (2, 45), (3, 40)]),
            "no_asuransi": f"000{rng.randint(10**9, 10**10 - 1)}" if rng.random() < 0.7 else "",
            "lat": None,
            "lng": None,
        }
        if kepala is not None and shdk == 4:
            ayah, ibu = kepala
            if ayah:
                row["ayah_nik"], row["nama_ayah"] = ayah["nik"], ayah["nama"]
            if ibu:
                row["ibu_nik"], row["nama_ibu"] = ibu["nik"], ibu["nama"]
        if status_kawin == kode.KAWIN:
            married = lahir + datetime.timedelta(days=int(365.25 * rng.randint(19, max(19, min(30, umur)))))
            if married <= self.today:
                row["tanggal_perkawinan"] = married
                if rng.random() < 0.7:
                    row["akta_perkawinan"] = f"{rng.randint(100, 999)}/{married.year}"
            if perempuan and umur < 50:
                row["cara_kb"] = _weighted(rng, [(3, 40), (1, 15), (2, 10), (5, 8), (100, 27)])
                row["hamil"] = umur < 40 and rng.random() < 0.05
        return row

    def keluarga(self, prefix, tempat):
        """One family: [rows], head first. `tempat` = (dusun name, RW number, RT number)."""
        rng = self.rng
        no_kk, terbit = self.no_kk(prefix)
        tanggal_cetak_kk = self.tanggal_cetak_kk(terbit)
        dusun, rw, rt = tempat
        alamat = (
            f"Dusun {dusun} RT {rt:03d}/RW {rw:03d}" if rng.random() < 0.5 else f"Jl. {dusun} No. {rng.randint(1, 150)}"
        )
        umur_kepala = rng.randint(24, 78)
        janda = rng.random() < 0.12
        rows = []
        if janda:
            kepala = self.orang(prefix, umur=umur_kepala, perempuan=True, shdk=1, status_kawin=4)
            pasangan = None
            ayah, ibu = None, kepala
        else:
            kepala = self.orang(prefix, umur=umur_kepala, perempuan=False, shdk=1, status_kawin=kode.KAWIN)
            umur_istri = max(18, umur_kepala - rng.randint(-2, 8))
            pasangan = self.orang(prefix, umur=umur_istri, perempuan=True, shdk=3, status_kawin=kode.KAWIN)
            ayah, ibu = kepala, pasangan
        rows.append(kepala)
        if pasangan:
            rows.append(pasangan)
        ibu_umur = umur_kepala if janda else umur_istri
        for _ in range(_weighted(rng, [(0, 12), (1, 22), (2, 32), (3, 20), (4, 10), (5, 4)])):
            umur = rng.randint(0, max(0, min(ibu_umur - 18, 40)))
            status = kode.KAWIN if umur > 24 and rng.random() < 0.3 else kode.BELUM_KAWIN
            rows.append(
                self.orang(
                    prefix, umur=umur, perempuan=rng.random() < 0.5, shdk=4, status_kawin=status, kepala=(ayah, ibu)
                )
            )
        if umur_kepala < 45 and rng.random() < 0.1:
            rows.append(self.orang(prefix, umur=umur_kepala + 28, perempuan=True, shdk=7, status_kawin=4))
        for row in rows:
            row.update(no_kk=no_kk, alamat=alamat, tanggal_cetak_kk=tanggal_cetak_kk, dusun=dusun, rw=rw, rt=rt)
        return rows

    def penduduk(self, prefix, tempat_list, jumlah):
        """About `jumlah` residents in whole families, spread over the places given."""
        n = 0
        while n < jumlah:
            rows = self.keluarga(prefix, self.rng.choice(tempat_list))
            n += len(rows)
            yield from rows


def opensid_row(row, *, untuk_excel=False):
    """The 43 cells of OpenSID's sheet for one synthetic row."""
    out = []
    for name in KOLOM:
        if name in ("alamat", "dusun", "no_kk"):
            value = row[name]
        elif name in ("rw", "rt"):
            value = f"{row[name]:03d}"
        else:
            value = row[FIELD[name]]
        if value is None:
            value = ""
        elif isinstance(value, bool):
            value = int(value)
        elif isinstance(value, datetime.date) and not untuk_excel:
            value = value.strftime("%d-%m-%Y")
        out.append(value)
    return out
