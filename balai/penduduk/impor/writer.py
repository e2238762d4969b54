"""Pass 2, the write, in the caller's transaction: missing dusun/RW/RT and KKs, former heads
demoted, the valid rows written (PostgreSQL: one binary COPY; elsewhere bulk_create and one
executemany UPDATE), and only then the kabupaten's NIK lock, taken for a moment: the NIKs are
checked once more against the other villages under the lock, and the lock ends with the
transaction. A resident saved meanwhile in another village waits at most for that re-check
and the commit, never for the check or the write of the file."""

import itertools
import time

from django.db import connection
from django.utils import timezone

from balai.wilayah.models import RT, RW, Dusun

from .. import kode, services
from ..models import Keluarga, Penduduk
from .format import BerkasTidakValid
from .periksa import FIELDS, I, _pg, _rows, batches, hidup_di_desa_lain

BATCH = 2000  # rows per bulk_create batch; progress is reported after as many rows
PLACE = ["dusun_id", "rw_id", "rt_id", "keluarga_id"]
TANPA = (None, None, None)


class Tempat:
    """The village's dusun, RW and RT by the file's (dusun, rw, rt) keys, made when missing."""

    def __init__(self, desa):
        self.desa = desa
        self.dusun = {d.nama.lower(): d for d in Dusun.objects.filter(desa=desa)}
        self.rws = {rw.nomor: rw for rw in RW.objects.filter(desa=desa).select_related("dusun")}
        self.rts = {(rt.rw_id, rt.nomor): rt for rt in RT.objects.filter(desa=desa)}
        self.ids = {}  # key -> (dusun_id, rw_id, rt_id)

    def buat(self, keys):
        """{key: (dusun_id, rw_id, rt_id)} for `keys` (places that passed the check)."""
        for key in keys:
            if key not in self.ids:
                self.ids[key] = self._buat(*key)
        return self.ids

    def _buat(self, nama, nomor_rw, nomor_rt):
        desa = self.desa
        rw = self.rws.get(nomor_rw) if nomor_rw is not None else None
        if nama:
            d = self.dusun.get(nama.lower())
            if d is None:
                d = self.dusun[nama.lower()] = Dusun.objects.create(desa=desa, nama=nama)
        else:
            d = rw.dusun if rw is not None else None
        if nomor_rw is not None and rw is None:
            rw = self.rws[nomor_rw] = RW.objects.create(desa=desa, dusun=d, nomor=nomor_rw)
        rt = None
        if nomor_rt is not None:
            rt = self.rts.get((rw.pk, nomor_rt))
            if rt is None:
                rt = self.rts[(rw.pk, nomor_rt)] = RT.objects.create(desa=desa, rw=rw, nomor=nomor_rt)
        return (d.pk if d else None, rw.pk if rw else None, rt.pk if rt else None)


def _buat_keluarga(state, wilayah):
    """{no_kk: id} of the KKs valid rows name: missing ones made, changed ones updated (address
    and place from the head's row, else the first row naming the KK)."""
    desa = state.desa
    kks = sorted(state.kk_dipakai())
    ada = {}
    for i in range(0, len(kks), 900):
        ada.update((k.no_kk, k) for k in Keluarga.objects.filter(desa=desa, no_kk__in=kks[i : i + 900]).order_by())
    baru, ubah = [], []
    for no_kk in kks:
        alamat, key = state.keluarga[no_kk]
        dusun_id, rw_id, rt_id = wilayah.get(key, TANPA)
        k = ada.get(no_kk)
        if k is None:
            baru.append(Keluarga(desa=desa, no_kk=no_kk, alamat=alamat, dusun_id=dusun_id, rw_id=rw_id, rt_id=rt_id))
        elif (k.alamat, k.dusun_id, k.rw_id, k.rt_id) != (alamat, dusun_id, rw_id, rt_id):
            k.alamat, k.dusun_id, k.rw_id, k.rt_id = alamat, dusun_id, rw_id, rt_id
            ubah.append(k)
    Keluarga.objects.bulk_create(baru, batch_size=1000)
    Keluarga.objects.bulk_update(ubah, ["alamat", "dusun", "rw", "rt"], batch_size=1000)
    for k in baru:
        ada[k.no_kk] = k
    return {no_kk: k.pk for no_kk, k in ada.items()}


class OrmWriter:
    """bulk_create / one executemany UPDATE (SQLite and other databases)."""

    def __init__(self, desa, kemajuan):
        self.desa, self.kemajuan = desa, kemajuan

    def tulis(self, rows, total):
        baru = diubah = 0
        while batch := list(itertools.islice(rows, BATCH)):
            n_baru, n_ubah = self._tulis(batch)
            baru, diubah = baru + n_baru, diubah + n_ubah
            self.kemajuan(baru + diubah, total)
        return baru, diubah

    def _tulis(self, rows):
        now = timezone.now()
        baru, ubah = [], []
        for pk, values, place in rows:
            if pk:
                ubah.append((pk, values, place))
                continue
            baru.append(
                Penduduk(
                    desa=self.desa, **dict(zip(FIELDS, values, strict=True)), **dict(zip(PLACE, place, strict=True))
                )
            )
        if ubah:
            self._ubah(ubah, now)
        if baru:
            Penduduk.objects.bulk_create(baru, batch_size=500)
        return len(baru), len(ubah)

    def _ubah(self, rows, now):
        """One prepared UPDATE run for many rows (executemany): far faster than bulk_update's
        CASE WHEN over 45 columns."""
        meta = Penduduk._meta
        fields = [meta.get_field(f) for f in FIELDS] + [meta.get_field(c.removesuffix("_id")) for c in PLACE]
        fields.append(meta.get_field("diperbarui"))
        sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
        sql = f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {sets} WHERE id = %s AND desa_id = %s"
        params = []
        for pk, values, place in rows:
            row = [f.get_db_prep_save(v, connection) for f, v in zip(fields, (*values, *place, now), strict=True)]
            params.append((*row, pk, self.desa.pk))
        with connection.cursor() as cur:
            cur.executemany(sql, params)


class CopyWriter:
    """PostgreSQL: new residents are COPied (binary: PostgreSQL parses no text for ~45 columns)
    straight into the register; then, reading the rows again only when some are already in the
    village (same NIK), those are COPied into a temporary table and one UPDATE ... FROM changes
    the ones whose values differ."""

    STAGE = "impor_penduduk_stage"

    def __init__(self, desa, kemajuan):
        self.desa, self.kemajuan = desa, kemajuan
        meta = Penduduk._meta
        self.table = meta.db_table
        self.columns = [meta.get_field(f).column for f in FIELDS] + PLACE
        self.now = timezone.now()
        self.types = dict(
            _rows(
                "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0", [self.table]
            )
        )

    def tulis(self, baris, total):
        """`baris()` yields (id or None, values, place) for every row to write."""
        self.total, self.selesai = total, 0
        # status_penduduk is not in OpenSID's sheet: new residents are "tetap".
        head = (self.desa.pk, kode.TETAP, self.now, self.now)
        insert = ["desa_id", "status_penduduk", "dibuat", "diperbarui", *self.columns]
        baru = lama = 0
        with connection.cursor() as cur:
            with cur.cursor.copy(f"COPY {self.table} ({', '.join(insert)}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types([self.types[c] for c in insert])
                for pk, values, place in baris():
                    if pk is None:
                        copy.write_row((*head, *values, *place))
                        baru += 1
                        self._maju()
                    else:
                        lama += 1
            if lama:
                self._ubah(cur, baris)
        self.kemajuan(self.selesai, total)
        return baru, lama

    def _maju(self):
        self.selesai += 1
        if self.selesai % BATCH == 0:
            self.kemajuan(self.selesai, self.total)

    def _ubah(self, cur, baris):
        cols = ", ".join(self.columns)
        # CREATE TABLE AS copies the column types and no constraint.
        cur.execute(f"DROP TABLE IF EXISTS {self.STAGE}")
        cur.execute(
            f"CREATE TEMPORARY TABLE {self.STAGE} ON COMMIT DROP AS SELECT id, {cols} FROM {self.table} WHERE false"
        )
        with cur.cursor.copy(f"COPY {self.STAGE} (id, {cols}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types([self.types[c] for c in ["id", *self.columns]])
            for pk, values, place in baris():
                if pk is not None:
                    copy.write_row((pk, *values, *place))
                    self._maju()
        sets = ", ".join(f"{c} = s.{c}" for c in self.columns)
        old = ", ".join(f"p.{c}" for c in self.columns)
        new = ", ".join(f"s.{c}" for c in self.columns)
        # Unchanged rows are left alone: re-importing a file after fixing a few rows rewrites
        # only those (all are counted as matched by NIK).
        cur.execute(
            f"UPDATE {self.table} AS p SET {sets}, diperbarui = %s FROM {self.STAGE} AS s "
            f"WHERE p.id = s.id AND p.desa_id = %s AND ({old}) IS DISTINCT FROM ({new})",
            [self.now, self.desa.pk],
        )
        cur.execute(f"DROP TABLE {self.STAGE}")


def _baris_tulis(state, wilayah, keluarga):
    """(id of this village's resident with the NIK or None, values, place) for the valid rows."""
    ada, i_nik = state.ada, I["nik"]
    for batch in batches(state):
        for baris, no_kk, _alamat, key, values in batch:
            if not state.valid(baris):
                continue
            lama = ada.get(values[i_nik])
            place = (*wilayah.get(key, TANPA), keluarga.get(no_kk) if no_kk else None)
            yield (lama[0] if lama else None, values, place)


def tulis(state, *, kemajuan=lambda done, total: None):
    """Pass 2 inside the caller's transaction. Returns (new, updated)."""
    desa = state.desa
    if _pg():
        # Durable anyway: the job row is updated right after in a synchronous commit, and WAL
        # is flushed in order, so a crash cannot lose this transaction yet report it finished.
        with connection.cursor() as cur:
            cur.execute("SET LOCAL synchronous_commit = off")
    wilayah = Tempat(desa).buat(sorted(state.wilayah_dipakai(), key=repr))
    keluarga = _buat_keluarga(state, wilayah)
    demosi = [d for baris, d in state.demosi.items() if state.valid(baris)]
    if demosi:
        # Former heads first, so the one-head-per-KK index never sees two heads at once.
        objs = [Penduduk(pk=pk, shdk=shdk, status_dasar=status) for pk, shdk, status in demosi]
        Penduduk.objects.bulk_update(objs, ["shdk", "status_dasar"], batch_size=500)
    baris = lambda: _baris_tulis(state, wilayah, keluarga)  # noqa: E731
    if _pg():
        hasil = CopyWriter(desa, kemajuan).tulis(baris, state.jumlah_valid)
        with connection.cursor() as cur:
            # The foreign keys of the rows just written are checked now, not at commit: the
            # lock below is then held only for the re-check and a quick commit.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    else:
        hasil = OrmWriter(desa, kemajuan).tulis(baris(), state.jumlah_valid)
    kunci_dan_periksa_ulang(state)
    return hasil


def kunci_dan_periksa_ulang(state):
    """The kabupaten's NIK lock, held from here to the end of the transaction (a moment), and
    the check that no other village registered one of the file's living NIKs since pass 1. A
    resident saved elsewhere before this point is seen here; one saved after waits for the
    commit and then sees the import's rows."""
    started = time.monotonic()
    services.lock_nik()
    hidup = [nik for nik, baris in state.nik_hidup.items() if state.valid(baris)]
    chunk = 50000 if _pg() else 500
    for i in range(0, len(hidup), chunk):
        if hidup_di_desa_lain(hidup[i : i + chunk], state.desa):
            raise BerkasTidakValid(
                "Selama impor, desa lain mendaftarkan NIK yang ada di berkas ini, sehingga tidak ada yang "
                "disimpan. Jalankan impor sekali lagi."
            )
    state.kunci_detik = time.monotonic() - started
