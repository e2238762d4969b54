"""The background job: check the uploaded file, write it when its mode says so, keep the
progress bar moving, and leave the job row saying exactly what happened."""

import datetime
import logging
import time

from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.core import audit, sitecache

from ..models import ImporPenduduk, Keluarga, Penduduk
from .format import BerkasTidakValid, jenis_berkas
from .periksa import periksa
from .writer import tulis

logger = logging.getLogger(__name__)

ANALYZE_SETELAH = 5000  # rows written by one import, after which the tables are analysed
KEMAJUAN_DETIK = 0.3  # progress is saved at most this often (one UPDATE each)
SIMPAN_UJI = datetime.timedelta(days=1)

try:
    from psycopg import errors as _pg_errors

    # COPY runs on psycopg's own cursor, whose errors Django does not wrap. A deadlock: a
    # resident of this village saved with a NIK of the file while it was being written.
    DITOLAK = (IntegrityError, _pg_errors.IntegrityError, _pg_errors.DeadlockDetected)
except ImportError:  # pragma: no cover - psycopg is a dependency
    DITOLAK = (IntegrityError,)


def _register_berubah(exc):
    """Did the database refuse the write because the register changed meanwhile?"""
    return isinstance(exc, DITOLAK) or isinstance(exc.__cause__, DITOLAK)


Mode, Status = ImporPenduduk.Mode, ImporPenduduk.Status


def _angka(n):
    return f"{n:,}".replace(",", ".")


class Progress:
    """The job's progress: checking fills the bar (a dry run) or its first half, writing the
    second half. While the write transaction is open on PostgreSQL, progress goes through a
    second, autocommit connection so the progress bar sees it at once; SQLite has a single
    writer, so there the write's progress shows when it commits."""

    def __init__(self, job):
        self.job = job
        self.menulis = job.mode != Mode.UJI
        self.berikut = 0.0
        self.side = None

    def simpan(self, **fields):
        ImporPenduduk.objects.filter(pk=self.job.pk).update(**fields)
        for k, v in fields.items():
            setattr(self.job, k, v)

    def _waktunya(self, selesai, total):
        now = time.monotonic()
        if selesai < total and now < self.berikut:
            return False
        self.berikut = now + KEMAJUAN_DETIK
        return True

    def periksa(self, selesai, total):
        if not self._waktunya(selesai, total):
            return
        porsi = selesai / total if total else 0
        self.simpan(
            baris_selesai=selesai,
            baris_total=total,
            kemajuan=int(porsi * (50 if self.menulis else 100)),
            pesan=f"Memeriksa baris {_angka(selesai)} dari {_angka(total)}…",
        )

    def tulis(self, selesai, total):
        if not self._waktunya(selesai, total):
            return
        kemajuan = 50 + int(50 * selesai / total) if total else 50
        pesan = f"Menyimpan ke register: {_angka(selesai)} dari {_angka(total)} baris…"
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            if self.side is None:
                self.side = connections.create_connection("default")
            with self.side.cursor() as cur:
                cur.execute(
                    f"UPDATE {ImporPenduduk._meta.db_table} SET kemajuan = %s, pesan = %s WHERE id = %s",
                    [kemajuan, pesan, self.job.pk],
                )
            self.job.kemajuan, self.job.pesan = kemajuan, pesan
        else:
            self.simpan(kemajuan=kemajuan, pesan=pesan)

    def tutup(self):
        if self.side is not None:
            self.side.close()
            self.side = None


def _simpan(job, state, actor, progress):
    """Pass 2 and its audit entry, inside the caller's transaction. Returns (new, updated)."""
    baru, diubah = tulis(state, kemajuan=progress.tulis)
    audit.record(
        action="penduduk.diimpor",
        actor=actor,
        desa=job.desa,
        obj=job,
        label=f"Impor {job.nama_berkas}",
        changes={
            "baru": [None, baru],
            "diperbarui": [None, diubah],
            "dilewati": [None, state.baris - state.jumlah_valid],
        },
    )
    # Public statistics and front-page figures are cached per site version.
    sitecache.bump_on_commit(job.desa_id)
    return baru, diubah


def _analyze():
    """Fresh statistics after a large import, or the planner keeps believing the register is as
    small as before. Only the columns queries filter, join, group and sort on: the free-text
    columns keep their statistics until autovacuum's next analyse."""
    kolom = [
        f.column
        for f in Penduduk._meta.concrete_fields
        if f.get_internal_type() not in ("CharField", "TextField") or f.name in ("nik", "nama")
    ]
    with connection.cursor() as cur:
        cur.execute(f"ANALYZE {Penduduk._meta.db_table} ({', '.join(kolom)}), {Keluarga._meta.db_table}")


def _ringkasan(state):
    """'23 masalah pada 14 dari 19 baris'."""
    buruk = state.baris - state.jumlah_valid
    return f"{_angka(state.jumlah_galat)} masalah pada {_angka(buruk)} dari {_angka(state.baris)} baris"


def _pesan(job, state, tertulis):
    valid = state.jumlah_valid
    peringatan = (
        f" {_angka(state.jumlah_peringatan)} peringatan: periksa KK tanpa kepala keluarga di bawah."
        if state.jumlah_peringatan
        else ""
    )
    if tertulis is not None:
        baru, diubah = tertulis
        pesan = f"Selesai: {_angka(baru)} penduduk baru, {_angka(diubah)} diperbarui."
        if valid < state.baris:
            pesan += f" {_angka(state.baris - valid)} baris bermasalah dilewati ({_ringkasan(state)})."
        return pesan + peringatan
    if job.mode == Mode.UJI:
        if not state.jumlah_galat:
            return (
                f"Pemeriksaan selesai: {_angka(state.baris)} baris, semuanya valid. "
                f"Tidak ada yang disimpan (uji coba).{peringatan}"
            )
        return (
            f"Pemeriksaan selesai: {_ringkasan(state)}; {_angka(valid)} baris valid. "
            f"Tidak ada yang disimpan (uji coba).{peringatan}"
        )
    if not valid:
        return f"Tidak ada yang disimpan: {_ringkasan(state)}; tidak ada baris yang valid. Perbaiki berkas."
    if job.mode == Mode.VALID_SAJA:  # all rows valid but nothing to write cannot happen; kept exact
        return f"Tidak ada yang disimpan: {_ringkasan(state)}."
    return (
        f"Tidak ada yang disimpan: {_ringkasan(state)}. Perbaiki berkas, atau impor "
        f"{_angka(valid)} baris yang valid saja.{peringatan}"
    )


def jalankan(job, *, actor=None):
    """Check (and, by the job's mode, write) the job's file. Runs inside the village's scope."""
    progress = Progress(job)
    progress.simpan(status=Status.BERJALAN, pesan="Memulai…", kemajuan=0)
    state = None
    try:
        try:
            with job.berkas.open("rb") as fileobj:
                jenis = jenis_berkas(fileobj.read(4096), job.nama_berkas)
                fileobj.seek(0)
                if jenis is None:
                    raise BerkasTidakValid(
                        "Berkas ini bukan Excel (.xlsx, .xls) atau CSV: isinya tidak dikenali sebagai lembar kerja."
                    )
                state = periksa(fileobj, jenis, desa=job.desa, actor=actor, kemajuan=progress.periksa)
            if state.lembar:
                progress.simpan(lembar=state.lembar[:100])
            menulis = state.jumlah_valid and (
                job.mode == Mode.VALID_SAJA or (job.mode == Mode.SEMUA and state.jumlah_galat == 0)
            )
            tertulis = None
            if menulis:
                progress.tulis(0, state.jumlah_valid)
                try:
                    with transaction.atomic():
                        tertulis = _simpan(job, state, actor, progress)
                finally:
                    progress.tutup()
        except Exception as exc:
            if not _register_berubah(exc):
                raise
            # The register changed between the check and the write (another operator or
            # import saved the same NIK or a head of the same KK meanwhile). The database's
            # message quotes the key, i.e. the NIK: only the class name goes to the log.
            logger.warning("Impor penduduk %s ditolak basis data: %s", job.pk, type(exc).__name__)
            raise BerkasTidakValid(
                "Register berubah selama impor (NIK atau kepala keluarga yang sama baru saja dicatat "
                "di tempat lain), sehingga tidak ada yang disimpan. Jalankan impor sekali lagi."
            ) from None
        if tertulis is not None and connection.vendor == "postgresql" and sum(tertulis) >= ANALYZE_SETELAH:
            _analyze()
        baru, diubah = tertulis or (0, 0)
        progress.simpan(
            status=Status.SELESAI,
            pesan=_pesan(job, state, tertulis),
            kemajuan=100,
            baris_selesai=state.baris,
            baris_total=state.baris,
            baris_valid=state.jumlah_valid,
            galat=state.galat,
            jumlah_galat=state.jumlah_galat,
            peringatan=state.peringatan,
            jumlah_peringatan=state.jumlah_peringatan,
            jumlah_baru=baru,
            jumlah_diubah=diubah,
            selesai=timezone.now(),
        )
    except BerkasTidakValid as exc:
        progress.simpan(
            status=Status.GAGAL,
            pesan=str(exc),
            galat=[{"baris": None, "kolom": "", "sel": "", "pesan": str(exc)}],
            jumlah_galat=1,
            jumlah_baru=0,
            jumlah_diubah=0,
            selesai=timezone.now(),
        )
    finally:
        if state is not None:
            state.spool.close()
            if state.nik_desa_lain:
                # A file of NIKs is also a way to ask which of them live in other villages.
                audit.record(
                    action="penduduk.impor_nik_desa_lain",
                    actor=actor,
                    desa=job.desa,
                    obj=job,
                    changes={"jumlah_nik_desa_lain": [None, state.nik_desa_lain]},
                )
    return job


def hapus_berkas_lama(desa):
    """Files of checks nobody followed up within a day are deleted (they hold personal data)."""
    lama = ImporPenduduk.objects.filter(desa=desa, dibuat__lt=timezone.now() - SIMPAN_UJI).exclude(berkas="")
    for job in lama:
        job.berkas.delete(save=False)
    lama.update(berkas="")


def bisa_dilanjutkan(job):
    """A finished job that wrote nothing and kept its file: it can be imported without
    uploading again (all of it when valid, else its valid rows)."""
    return (
        job.status == Status.SELESAI
        and bool(job.berkas)
        and job.mode != Mode.VALID_SAJA
        and not (job.jumlah_baru or job.jumlah_diubah)
    )


def jalankan_untuk(job_id, actor_id=None):
    """Entry point of the background task: open the village's scope, run, tidy up the file."""
    from balai.akun.models import User

    with scopes_disabled():
        job = ImporPenduduk.objects.select_related("desa__kecamatan").get(pk=job_id)
        actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    with scope(desa=job.desa):
        hapus_berkas_lama(job.desa)
    with scope(desa=job.desa):
        try:
            jalankan(job, actor=actor)
        except Exception:
            ImporPenduduk.objects.filter(pk=job.pk).update(
                status=Status.GAGAL,
                pesan="Terjadi kesalahan sistem saat memproses berkas; register tidak berubah. Hubungi admin.",
                selesai=timezone.now(),
            )
            raise
        finally:
            # A check that wrote nothing keeps the file, so the operator can import it (or its
            # valid rows) without uploading again; it is deleted within SIMPAN_UJI.
            job.refresh_from_db()
            if job.berkas and not bisa_dilanjutkan(job):
                job.berkas.delete(save=False)
                ImporPenduduk.objects.filter(pk=job.pk).update(berkas="")
    return job.status


def kelompokkan_galat(galat):
    """Problems grouped by row, for display."""
    rows = {}
    for g in galat:
        rows.setdefault(g["baris"], []).append(g)
    return sorted(rows.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0))
