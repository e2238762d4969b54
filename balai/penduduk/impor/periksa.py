"""Pass 1, the check: every row converted and checked against the reference codes, the NIK
rules, the other rows (duplicate NIKs, two heads for one KK) and the register (NIKs living in
another village, existing heads of family, RW numbers that belong to another dusun). Nothing
is locked and nothing written: converted rows are spooled to a temporary file (pickled
batches) for pass 2, problems and warnings kept with row, column and an Indonesian message."""

import logging
import operator
import pickle
import tempfile
from collections import defaultdict

from django.db import connection
from django_scopes import scopes_disabled

from balai.wilayah.models import RW, Dusun

from .. import opensid
from ..kode import HIDUP, KEPALA_KELUARGA
from ..models import Keluarga, Penduduk
from .format import BerkasTidakValid, peta_kolom
from .konversi import rencana, ubah_baris
from .reader import baca

logger = logging.getLogger(__name__)

BATCH = 2000  # rows looked up in the register at once
MAKS_GALAT = 1000  # problems (and warnings) kept for display; the counts cover all of them
FIELDS = list(opensid.FIELD.values())
I = {name: i for i, name in enumerate(FIELDS)}  # noqa: E741 - index of a field in a row tuple
ambil_field = operator.itemgetter(*opensid.FIELD)  # values by column -> tuple in FIELDS order

P, K, D = Penduduk._meta.db_table, Keluarga._meta.db_table, "wilayah_desa"


def _pg():
    return connection.vendor == "postgresql"


def _rows(sql, params):
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def hidup_di_desa_lain(niks, desa):
    """{nik: village name} for NIKs living in another village of the kabupaten. Reads across
    villages on purpose (the rule spans the kabupaten)."""
    if not niks:
        return {}
    if _pg():
        return dict(
            _rows(
                f"SELECT p.nik, d.nama FROM {P} p JOIN {D} d ON d.id = p.desa_id "
                "WHERE p.nik = ANY(%s) AND p.status_dasar = %s AND p.desa_id <> %s",
                [list(niks), HIDUP, desa.pk],
            )
        )
    with scopes_disabled():
        return dict(
            Penduduk.objects.filter(nik__in=niks, status_dasar=HIDUP)
            .exclude(desa=desa)
            .values_list("nik", "desa__nama")
        )


class Pemeriksaan:
    """State of pass 1 for one file. A row is valid unless it is in `baris_buruk`."""

    def __init__(self, desa, actor):
        self.desa, self.actor = desa, actor
        self.galat, self.jumlah_galat = [], 0
        self.peringatan, self.jumlah_peringatan = [], 0
        self.baris_buruk = set()
        self.nik_baris = {}  # nik -> first row naming it (the one kept)
        self.kepala_file = {}  # no_kk -> (row, nik) of its living head in the file
        self.kepala_db = {}  # no_kk -> (nik, nama) of its living head in the register
        self.ada = {}  # nik -> (id, shdk, status_dasar, no_kk) of this village's record
        self.demosi = {}  # row -> (id, new shdk, new status_dasar) of a head who stops being one
        self.wilayah = {}  # (dusun, rw, rt) -> rows naming it
        self.wilayah_buruk = {}  # (dusun, rw, rt) -> message, for places that cannot be made
        self.keluarga = {}  # no_kk -> (alamat, place key) from its head's row, else its first row
        self.kk_baris = defaultdict(list)  # no_kk -> rows naming it
        self.nik_desa_lain = 0  # rows whose NIK lives in another village (audited, see job.jalankan)
        self.nik_hidup = {}  # nik -> row, for rows of living residents
        self.rw_file = {}  # RW number -> dusun (lower case) as the file first places it
        # RW number -> its dusun (lower case) in the register as the check begins
        self.rw_db = {
            nomor: nama.lower()
            for nomor, nama in _rows(
                f"SELECT rw.nomor, d.nama FROM {RW._meta.db_table} rw "
                f"JOIN {Dusun._meta.db_table} d ON d.id = rw.dusun_id WHERE rw.desa_id = %s",
                [desa.pk],
            )
        }
        self.baris = 0
        self.lembar = ""
        self.huruf = {}
        self.spool = tempfile.TemporaryFile()

    @property
    def jumlah_valid(self):
        return self.baris - len(self.baris_buruk)

    def valid(self, baris):
        return baris not in self.baris_buruk

    def _catat(self, daftar, baris, kolom, pesan):
        if len(daftar) < MAKS_GALAT:
            huruf = self.huruf.get(kolom, "")
            daftar.append({"baris": baris, "kolom": kolom, "sel": f"{huruf}{baris}" if baris else "", "pesan": pesan})

    def tambah_galat(self, baris, kolom, pesan):
        self.jumlah_galat += 1
        if baris is not None:
            self.baris_buruk.add(baris)
        self._catat(self.galat, baris, kolom, pesan)

    def tambah_peringatan(self, baris, kolom, pesan):
        self.jumlah_peringatan += 1
        self._catat(self.peringatan, baris, kolom, pesan)

    def periksa_batch(self, batch):
        """Cross-row and register checks for converted rows [(row, no_kk, alamat, key, values)]."""
        i_nik, i_shdk, i_status = I["nik"], I["shdk"], I["status_dasar"]
        niks = [r[4][i_nik] for r in batch]
        kks = list({r[1] for r in batch if r[1]})
        hidup = {r[4][i_nik] for r in batch if r[4][i_status] == HIDUP}
        if _pg():  # = ANY(array): one parameter instead of thousands
            # One lookup by NIK across the kabupaten: this village's records (to update), and
            # living residents of other villages (a clash).
            elsewhere, ada = {}, []
            for nik, pk, shdk, status, no_kk, desa_id, desa_nama in _rows(
                f"SELECT p.nik, p.id, p.shdk, p.status_dasar, k.no_kk, p.desa_id, d.nama FROM {P} p "
                f"LEFT JOIN {K} k ON k.id = p.keluarga_id JOIN {D} d ON d.id = p.desa_id "
                "WHERE p.nik = ANY(%s) ORDER BY p.id",
                [niks],
            ):
                if desa_id == self.desa.pk:
                    ada.append((nik, pk, shdk, status, no_kk))
                elif status == HIDUP and nik in hidup:
                    elsewhere[nik] = desa_nama
            kepala = _rows(
                f"SELECT k.no_kk, p.nik, p.nama FROM {P} p JOIN {K} k ON k.id = p.keluarga_id "
                "WHERE p.desa_id = %s AND k.desa_id = %s AND p.shdk = %s AND p.status_dasar = %s AND k.no_kk = ANY(%s)",
                [self.desa.pk, self.desa.pk, KEPALA_KELUARGA, HIDUP, kks],
            )
        else:
            ada = (
                Penduduk.objects.filter(desa=self.desa, nik__in=niks)
                .order_by("id")
                .values_list("nik", "id", "shdk", "status_dasar", "keluarga__no_kk")
            )
            kepala = Penduduk.objects.filter(
                desa=self.desa, shdk=KEPALA_KELUARGA, status_dasar=HIDUP, keluarga__no_kk__in=kks
            ).values_list("keluarga__no_kk", "nik", "nama")
            elsewhere = hidup_di_desa_lain(list(hidup), self.desa)
        for nik, pk, shdk, status, no_kk in ada:
            current = self.ada.get(nik)
            if current is None or current[2] != HIDUP:
                self.ada[nik] = (pk, shdk, status, no_kk)
        for no_kk, nik, nama in kepala:
            self.kepala_db[no_kk] = (nik, nama)
        for baris, no_kk, alamat, key, v in batch:
            nik = v[i_nik]
            first = self.nik_baris.get(nik)
            if first is not None:
                # The first row with a NIK is kept; a later one is the problem.
                self.tambah_galat(baris, "nik", f"NIK sama dengan baris {first}; baris {first} yang dipakai.")
                continue
            self.nik_baris[nik] = baris
            if nik in elsewhere:
                self.nik_desa_lain += 1
                if getattr(self.actor, "is_admin_kabupaten", False):
                    pesan = f"NIK ini terdaftar sebagai penduduk hidup di Desa {elsewhere[nik]}."
                else:
                    pesan = "NIK ini terdaftar sebagai penduduk hidup di desa lain; desa asal harus mencatat pindahnya."
                self.tambah_galat(baris, "nik", pesan)
            kepala = v[i_shdk] == KEPALA_KELUARGA and v[i_status] == HIDUP
            if kepala and no_kk:
                other = self.kepala_file.get(no_kk)
                if other is not None:
                    pesan = f"KK {no_kk} punya dua kepala keluarga (SHDK 1): baris {other[0]} dan baris {baris}."
                    self.tambah_galat(baris, "kk_level", pesan)
                    self.tambah_galat(other[0], "kk_level", pesan)
                else:
                    self.kepala_file[no_kk] = (baris, nik)
            elif kepala and not no_kk:
                self.tambah_galat(baris, "no_kk", "Kepala keluarga harus punya nomor KK.")
            lama = self.ada.get(nik)
            if lama and lama[1] == KEPALA_KELUARGA and lama[2] == HIDUP and not (kepala and no_kk == lama[3]):
                self.demosi[baris] = (lama[0], v[i_shdk], v[i_status])
            if key is not None:
                rows = self.wilayah.get(key)
                if rows is None:
                    rows = self.wilayah[key] = []
                    self.periksa_wilayah(key)
                rows.append(baris)
                if key in self.wilayah_buruk:
                    self.baris_buruk.add(baris)
            if no_kk:
                self.kk_baris[no_kk].append(baris)
                if kepala or no_kk not in self.keluarga:
                    self.keluarga[no_kk] = (alamat, key)
            if v[i_status] == HIDUP:
                self.nik_hidup[nik] = baris

    def periksa_wilayah(self, key):
        """A place (dusun, rw, rt) at the row that first names it: can it be made? Places are
        judged in the order of the file, against the register as it was when the check began."""
        dusun, rw, rt = key
        pesan = None
        if rt is not None and rw is None:
            pesan = "RT diisi tetapi RW kosong."
        elif rw is not None and not dusun and rw not in self.rw_db:
            pesan = f"RW {rw:03d} belum ada di desa ini; isi kolom dusun agar dapat dibuat."
        elif rw is not None and dusun:
            pemilik = self.rw_db.get(rw) or self.rw_file.setdefault(rw, dusun.lower())
            if pemilik != dusun.lower():
                pesan = f"RW {rw:03d} sudah tercatat di Dusun {pemilik.title()}, bukan Dusun {dusun}."
        if pesan:
            self.wilayah_buruk[key] = pesan

    def periksa_akhir(self):
        """Checks that need the whole file: heads of family already in the register; problems
        with places, once per place with the number of rows naming it; then, per KK that
        rows will be written for, a warning when it ends up without a head."""
        for no_kk, (baris, nik) in self.kepala_file.items():
            lama = self.kepala_db.get(no_kk)
            if lama and lama[0] != nik and lama[0] not in self.nik_baris:
                self.tambah_galat(
                    baris,
                    "kk_level",
                    f"KK {no_kk} sudah punya kepala keluarga {lama[1]} di register, yang tidak ada di berkas ini. "
                    "Ubah dulu SHDK-nya, atau sertakan barisnya di berkas.",
                )
        for key, pesan in self.wilayah_buruk.items():
            rows = self.wilayah[key]
            lain = f" ({len(rows) - 1} baris lain dengan wilayah yang sama juga dilewati)" if len(rows) > 1 else ""
            self.tambah_galat(rows[0], "rw", pesan + lain)
        for no_kk, rows in self.kk_baris.items():
            valid = [r for r in rows if self.valid(r)]
            if not valid or self.punya_kepala(no_kk):
                continue
            daftar = ", ".join(map(str, valid[:5])) + (" …" if len(valid) > 5 else "")
            self.tambah_peringatan(
                valid[0],
                "kk_level",
                f"KK {no_kk} tidak punya kepala keluarga (SHDK 1) di antara {len(valid)} anggota yang akan "
                f"disimpan (baris {daftar}), dan tidak ada di register.",
            )

    def punya_kepala(self, no_kk):
        """Will the KK have a living head once the valid rows are written?"""
        di_berkas = self.kepala_file.get(no_kk)
        if di_berkas and self.valid(di_berkas[0]):
            return True
        lama = self.kepala_db.get(no_kk)
        if lama is None:
            return False
        # The register's head stays one unless their row is written (as a head of this KK, the
        # file's head above).
        baris = self.nik_baris.get(lama[0])
        return baris is None or not self.valid(baris)

    def kk_dipakai(self):
        return {kk for kk, rows in self.kk_baris.items() if any(self.valid(r) for r in rows)}

    def wilayah_dipakai(self):
        return {k for k, rows in self.wilayah.items() if k not in self.wilayah_buruk and any(map(self.valid, rows))}


def periksa(fileobj, jenis, *, desa, actor, kemajuan):
    """Pass 1. Returns the Pemeriksaan (its spool holds the converted rows). `kemajuan(done,
    total)` is called as rows are checked."""
    bacaan = baca(fileobj, jenis)
    rows = bacaan.rows
    state = Pemeriksaan(desa, actor)
    state.lembar = bacaan.lembar
    header, baris_header = None, 0
    for nomor_baris, cells in rows:
        if any(opensid.teks(c) for c in cells):
            header, baris_header = cells, nomor_baris
            break
    if header is None:
        raise BerkasTidakValid("Berkas kosong: tidak ada baris nama kolom.")
    position = peta_kolom(header, bacaan.offset, bacaan.lembar)
    plan = rencana(position, bacaan.offset)
    state.huruf = {name: letter for name, _i, letter, _c in plan}
    total = max(bacaan.total - baris_header, 0)
    kemajuan(0, total)
    batch = []
    for nomor, cells in rows:
        if not any(cells):  # blank rows (Excel keeps formatted empty rows)
            continue
        state.baris += 1
        values, errors = ubah_baris(cells, plan)
        for kolom, _huruf, pesan in errors:
            state.tambah_galat(nomor, kolom, pesan)
        if errors:
            continue
        dusun = "" if values["dusun"] in opensid.KOSONG else values["dusun"]
        key = (dusun, values["rw"], values["rt"]) if (dusun or values["rw"] or values["rt"]) else None
        batch.append((nomor, values["no_kk"], values["alamat"], key, ambil_field(values)))
        if len(batch) >= BATCH:
            state.periksa_batch(batch)
            _simpan_batch(state.spool, batch)
            batch = []
            kemajuan(state.baris, max(total, state.baris))
    if batch:
        state.periksa_batch(batch)
        _simpan_batch(state.spool, batch)
    if state.baris == 0:
        raise BerkasTidakValid("Berkas hanya berisi baris nama kolom, tanpa data penduduk.")
    state.periksa_akhir()
    kemajuan(state.baris, state.baris)
    return state


def _simpan_batch(spool, batch):
    # Without the memo ("fast" mode) pickling is about four times faster: the rows hold no
    # shared or recursive objects, so the memo only costs a dictionary entry per string.
    pickler = pickle.Pickler(spool, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(batch)


def batches(state):
    state.spool.seek(0)
    while True:
        try:
            yield pickle.load(state.spool)
        except EOFError:
            return
