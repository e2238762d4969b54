"""Every change to the population register. Each function runs in one transaction, validates,
and writes one audit entry (personal values masked)."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import audit

from . import kode, validasi
from .kode import HIDUP, KEPALA_KELUARGA, MATI, PINDAH
from .models import ImporPenduduk, Keluarga, Penduduk, Peristiwa
from .privasi import FIELD_PRIBADI

# Advisory-lock key for NIK writes (PostgreSQL). Single-record writes hold it shared plus an
# exclusive lock on the NIK itself (the NIK as a bigint key); an import holds it exclusively,
# so two writers never both see a NIK as free. SQLite serialises writers on its own.
KUNCI_NIK = 0x42414C4149  # "BALAI"

log = logging.getLogger(__name__)

# What a unique violation the checks did not catch (a race) means, by the constraint's columns.
BENTROK = (
    ("keluarga_id", {"shdk": "Keluarga ini sudah punya kepala keluarga."}),
    ("kepala", {"shdk": "Keluarga ini sudah punya kepala keluarga."}),
    ("no_kk", {"no_kk": "Nomor KK ini sudah terdaftar di desa ini."}),
    ("nik", {"nik": "NIK ini sudah dipakai penduduk hidup lain di desa ini."}),
)


def lock_nik(nik=None):
    """Serialise the kabupaten-wide "one living resident per NIK" check. Call inside
    transaction.atomic; `nik=None` locks every NIK (imports)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        if nik is None:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [KUNCI_NIK])
        else:
            cur.execute("SELECT pg_advisory_xact_lock_shared(%s)", [KUNCI_NIK])
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [int(nik)])


def pemilik_nik(nik, *, kecuali_pk=None):
    """The living resident of the kabupaten holding `nik` (any village), or None.

    Reads across villages on purpose: the rule spans the kabupaten. Only the village's name
    leaves this function, and only to kabupaten admins (see pesan_nik_terpakai)."""
    with scopes_disabled():
        qs = Penduduk.objects.filter(nik=nik, status_dasar=HIDUP).select_related("desa__kecamatan")
        if kecuali_pk:
            qs = qs.exclude(pk=kecuali_pk)
        return qs.first()


def pesan_nik_terpakai(pemilik, *, desa, actor):
    if pemilik.desa_id == desa.pk:
        return "NIK ini sudah dipakai penduduk hidup lain di desa ini."
    if getattr(actor, "is_admin_kabupaten", False):
        return (
            f"NIK ini sudah terdaftar sebagai penduduk hidup di {pemilik.desa} "
            f"({pemilik.desa.kecamatan}). Selesaikan dulu mutasi pindahnya di desa tersebut."
        )
    return (
        "NIK ini sudah terdaftar sebagai penduduk hidup di desa lain. Minta desa asal mencatat "
        "kepindahannya, atau hubungi admin kabupaten."
    )


def _simpan(obj):
    """Save in a savepoint. A unique violation that got past the checks (two people saving at
    once) becomes the Indonesian ValidationError; the database's message is not passed on or
    logged, as it holds the key's values (`Key (desa_id, nik)=(52, 3303...)`)."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        log.warning("%s not saved: %s", obj._meta.label, exc.__class__.__name__)
        text = str(exc)
        for mark, errors in BENTROK:
            if mark in text:
                raise ValidationError(errors) from None
        raise ValidationError(
            "Data tidak dapat disimpan karena bentrok dengan data yang baru saja disimpan orang lain. "
            "Muat ulang halaman lalu coba lagi."
        ) from None


def _diff(before, after):
    changes = audit.diff(before, after)
    for name in FIELD_PRIBADI & set(changes):
        changes[name] = [audit.MASK, audit.MASK]
    return changes


def _tempatkan(obj, desa):
    """Copy dusun and RW from the RT (the RT must belong to the village)."""
    if obj.rt_id is None:
        obj.rw = obj.dusun = None
        return
    rt = obj.rt
    if rt.desa_id != desa.pk:
        raise ValidationError({"rt": "RT ini bukan milik desa ini."})
    obj.rw = rt.rw
    obj.dusun_id = rt.rw.dusun_id


def ikuti_wilayah(sender, instance, created=False, **kwargs):
    """post_save of an RT or RW: residents and KKs keep copies of their RT's RW and dusun
    (models.py), so when an RT moves to another RW, or an RW to another dusun, the copies
    follow. Only rows of the unit's own village are touched, and only those that differ."""
    if created:
        return
    if sender.__name__ == "RT":
        where, values = {"rt_id": instance.pk}, {"rw_id": instance.rw_id, "dusun_id": instance.rw.dusun_id}
    else:
        where, values = {"rw_id": instance.pk}, {"dusun_id": instance.dusun_id}
    with scopes_disabled():
        for model in (Penduduk, Keluarga):
            model.objects.filter(desa_id=instance.desa_id, **where).exclude(**values).update(**values)


def _periksa_penduduk(p, *, desa, actor):
    errors = {}
    try:
        p.full_clean(exclude=["desa"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if "nik" not in errors:
        pesan = validasi.galat_nik(p.nik, tanggal_lahir=p.tanggal_lahir, jenis_kelamin=p.jenis_kelamin)
        if pesan:
            errors["nik"] = [pesan]
    for field in ("ayah_nik", "ibu_nik"):
        pesan = validasi.galat_nik_orang_tua(getattr(p, field))
        if pesan and field not in errors:
            errors[field] = [pesan]
    today = timezone.localdate()
    for field in ("tanggal_lahir", "tanggal_perkawinan", "tanggal_perceraian"):
        value = getattr(p, field)
        if value and value > today:
            errors.setdefault(field, []).append("Tanggal tidak boleh di masa depan.")
    if p.keluarga_id and p.keluarga.desa_id != desa.pk:
        errors.setdefault("keluarga", []).append("Keluarga ini bukan milik desa ini.")
    if p.hamil and p.jenis_kelamin != kode.PEREMPUAN:
        errors.setdefault("hamil", []).append("Hanya perempuan yang dapat tercatat hamil.")
    if "nik" not in errors and p.status_dasar == HIDUP:
        pemilik = pemilik_nik(p.nik, kecuali_pk=p.pk)
        if pemilik is not None:
            errors["nik"] = [pesan_nik_terpakai(pemilik, desa=desa, actor=actor)]
    if p.keluarga_id and p.shdk == KEPALA_KELUARGA and p.status_dasar == HIDUP:
        kepala = (
            Penduduk.objects.filter(desa=desa, keluarga_id=p.keluarga_id, shdk=KEPALA_KELUARGA, status_dasar=HIDUP)
            .exclude(pk=p.pk)
            .first()
        )
        if kepala is not None:
            errors.setdefault("shdk", []).append(f"Keluarga ini sudah punya kepala keluarga: {kepala.nama}.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def simpan_penduduk(*, desa, actor, penduduk, request=None, aksi=None):
    """Create or update one resident (not a mutation: use the catat_* functions for those)."""
    p = penduduk
    p.desa = desa
    baru = p.pk is None
    if p.nik and p.nik.isdigit() and len(p.nik) == 16:
        lock_nik(p.nik)
    before = {} if baru else audit.snapshot(Penduduk.objects.get(desa=desa, pk=p.pk))
    if p.rt_id is None and p.keluarga_id is not None and p.keluarga.rt_id is not None:
        p.rt = p.keluarga.rt
    _tempatkan(p, desa)
    _periksa_penduduk(p, desa=desa, actor=actor)
    _simpan(p)
    audit.record(
        action=aksi or ("penduduk.ditambah" if baru else "penduduk.diubah"),
        actor=actor,
        desa=desa,
        obj=p,
        request=request,
        changes=_diff(before, audit.snapshot(p)),
    )
    return p


@transaction.atomic
def simpan_keluarga(*, desa, actor, keluarga, request=None):
    k = keluarga
    k.desa = desa
    baru = k.pk is None
    before = {} if baru else audit.snapshot(Keluarga.objects.get(desa=desa, pk=k.pk))
    _tempatkan(k, desa)
    errors = {}
    try:
        k.full_clean(exclude=["desa"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if "no_kk" not in errors:
        pesan = validasi.galat_no_kk(k.no_kk)
        if pesan:
            errors["no_kk"] = [pesan]
    if errors:
        raise ValidationError(errors)
    _simpan(k)
    audit.record(
        action="keluarga.ditambah" if baru else "keluarga.diubah",
        actor=actor,
        desa=desa,
        obj=k,
        request=request,
        changes=_diff(before, audit.snapshot(k)),
    )
    return k


def _periksa_tanggal(tanggal, *, penduduk=None):
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": "Tanggal peristiwa tidak boleh di masa depan."})
    if penduduk is not None and penduduk.tanggal_lahir and tanggal < penduduk.tanggal_lahir:
        raise ValidationError({"tanggal": "Tanggal peristiwa sebelum tanggal lahir penduduk."})


def _peristiwa(*, desa, actor, penduduk, jenis, tanggal, no_dokumen, asal_tujuan="", keterangan=""):
    peristiwa = Peristiwa(
        desa=desa,
        penduduk=penduduk,
        jenis=jenis,
        tanggal=tanggal,
        no_dokumen=no_dokumen,
        asal_tujuan=asal_tujuan,
        keterangan=keterangan,
        dicatat_oleh=actor if getattr(actor, "pk", None) else None,
    )
    peristiwa.full_clean(exclude=["desa", "penduduk"])
    peristiwa.save()
    return peristiwa


@transaction.atomic
def catat_lahir(*, desa, actor, penduduk, no_dokumen="", keterangan="", request=None):
    """A birth: a new resident, dated by its date of birth."""
    penduduk.status_dasar = HIDUP
    if penduduk.tanggal_lahir:
        _periksa_tanggal(penduduk.tanggal_lahir)
    p = simpan_penduduk(desa=desa, actor=actor, penduduk=penduduk, request=request, aksi="penduduk.lahir")
    return _peristiwa(
        desa=desa,
        actor=actor,
        penduduk=p,
        jenis=Peristiwa.Jenis.LAHIR,
        tanggal=p.tanggal_lahir,
        no_dokumen=no_dokumen or p.akta_lahir,
        keterangan=keterangan,
    )


@transaction.atomic
def catat_datang(*, desa, actor, penduduk, tanggal, no_dokumen="", asal="", keterangan="", request=None):
    """Someone moving in: a new resident (their NIK may come from another region)."""
    _periksa_tanggal(tanggal, penduduk=penduduk)
    penduduk.status_dasar = HIDUP
    p = simpan_penduduk(desa=desa, actor=actor, penduduk=penduduk, request=request, aksi="penduduk.datang")
    return _peristiwa(
        desa=desa,
        actor=actor,
        penduduk=p,
        jenis=Peristiwa.Jenis.DATANG,
        tanggal=tanggal,
        no_dokumen=no_dokumen,
        asal_tujuan=asal,
        keterangan=keterangan,
    )


def _akhiri(*, desa, actor, penduduk, status, jenis, aksi, tanggal, no_dokumen, asal_tujuan, keterangan, request):
    p = Penduduk.objects.select_for_update().get(desa=desa, pk=penduduk.pk)
    if p.status_dasar != HIDUP:
        raise ValidationError(
            f"{p.nama} sudah tidak tercatat hidup di desa ini ({kode.nama('status_dasar', p.status_dasar)})."
        )
    _periksa_tanggal(tanggal, penduduk=p)
    p.status_dasar = status
    p.save(update_fields=["status_dasar", "diperbarui"])
    peristiwa = _peristiwa(
        desa=desa,
        actor=actor,
        penduduk=p,
        jenis=jenis,
        tanggal=tanggal,
        no_dokumen=no_dokumen,
        asal_tujuan=asal_tujuan,
        keterangan=keterangan,
    )
    audit.record(
        action=aksi,
        actor=actor,
        desa=desa,
        obj=p,
        request=request,
        changes={"status_dasar": [kode.nama("status_dasar", HIDUP), kode.nama("status_dasar", status)]},
    )
    penduduk.status_dasar = status
    return peristiwa


@transaction.atomic
def catat_mati(*, desa, actor, penduduk, tanggal, no_dokumen="", keterangan="", request=None):
    return _akhiri(
        desa=desa,
        actor=actor,
        penduduk=penduduk,
        status=MATI,
        jenis=Peristiwa.Jenis.MATI,
        aksi="penduduk.mati",
        tanggal=tanggal,
        no_dokumen=no_dokumen,
        asal_tujuan="",
        keterangan=keterangan,
        request=request,
    )


@transaction.atomic
def catat_pindah_keluar(*, desa, actor, penduduk, tanggal, no_dokumen="", tujuan="", keterangan="", request=None):
    return _akhiri(
        desa=desa,
        actor=actor,
        penduduk=penduduk,
        status=PINDAH,
        jenis=Peristiwa.Jenis.PINDAH_KELUAR,
        aksi="penduduk.pindah_keluar",
        tanggal=tanggal,
        no_dokumen=no_dokumen,
        asal_tujuan=tujuan,
        keterangan=keterangan,
        request=request,
    )


def catat_dilihat(*, desa, actor, obj, request=None):
    """Viewing a full record (a resident or a family) is logged: who looked at whom, when."""
    audit.record(action=f"{obj._meta.model_name}.dilihat", actor=actor, desa=desa, obj=obj, request=request)


def catat_ekspor(*, desa, actor, jumlah, format, request=None):
    audit.record(
        action="penduduk.diekspor",
        actor=actor,
        desa=desa,
        request=request,
        label=f"Ekspor {jumlah} penduduk ({format})",
        changes={"jumlah": [None, jumlah], "format": [None, format]},
    )


@transaction.atomic
def mulai_impor(*, desa, actor, berkas, mode, request=None):
    """Keep an uploaded register for the import task. A dry run (UJI) is audit-logged here: it
    tells the operator which NIKs are living residents elsewhere in the kabupaten, so who checked
    which file stays on record even when nothing is written (a writing import records
    `penduduk.diimpor` when it finishes)."""
    job = ImporPenduduk(desa=desa, nama_berkas=berkas.name[:255], mode=mode, dibuat_oleh=actor)
    job.berkas.save(berkas.name, berkas, save=False)
    job.save()
    if mode == ImporPenduduk.Mode.UJI:
        audit.record(
            action="penduduk.impor_diperiksa",
            actor=actor,
            desa=desa,
            obj=job,
            request=request,
            label=f"Uji impor {job.nama_berkas}"[:200],
            changes={"berkas": [None, job.nama_berkas]},
        )
    return job


def umur(tanggal_lahir, pada=None):
    pada = pada or timezone.localdate()
    return pada.year - tanggal_lahir.year - ((pada.month, pada.day) < (tanggal_lahir.month, tanggal_lahir.day))
