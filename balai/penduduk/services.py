"""Every change to the population register. Each function runs in one transaction, validates,
and writes one audit entry (personal values masked)."""

import logging
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import audit, sitecache

from . import kode, validasi
from .kode import HIDUP, KEPALA_KELUARGA, MATI, PINDAH
from .models import ImporPenduduk, Keluarga, Penduduk, Peristiwa, RumahTangga
from .privasi import FIELD_PRIBADI

# Advisory-lock key for NIK writes (PostgreSQL). Single-record writes hold it shared plus an
# exclusive lock on the NIK itself (the NIK as a bigint key); an import holds it exclusively,
# so two writers never both see a NIK as free. SQLite serialises writers on its own.
KUNCI_NIK = 0x42414C4149  # "BALAI"
# With the village's id (PostgreSQL's two-key advisory locks, a key space apart from the
# one-key NIK locks): one household change at a time per village, so two operators never
# draw the same number or put one resident into two households.
KUNCI_RTM = 0x52544D  # "RTM"

log = logging.getLogger(__name__)

# What a unique violation the checks did not catch (a race) means, by the constraint's columns.
BENTROK = (
    ("keluarga_id", {"shdk": "Keluarga ini sudah punya kepala keluarga."}),
    ("kepala_id", {"kepala": "Penduduk ini sudah menjadi kepala rumah tangga lain."}),
    ("kepala", {"shdk": "Keluarga ini sudah punya kepala keluarga."}),
    ("no_kk", {"no_kk": "Nomor KK ini sudah terdaftar di desa ini."}),
    ("no_rtm", {"no_rtm": "Nomor rumah tangga ini sudah dipakai di desa ini."}),
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
    # Household membership belongs to the household services: a form saved while an operator
    # adds this resident to a household keeps the membership (the row lock orders the two).
    lama = None if baru else Penduduk.objects.select_for_update().get(desa=desa, pk=p.pk)
    p.rumah_tangga_id = None if baru else lama.rumah_tangga_id
    before = {} if baru else audit.snapshot(lama)
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
    if k.tanggal_cetak_kk and k.tanggal_cetak_kk > timezone.localdate():
        errors.setdefault("tanggal_cetak_kk", []).append("Tanggal cetak KK tidak boleh di masa depan.")
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


# Rumah tangga -----------------------------------------------------------------------------
#
# The number of a new household is a running number per village, "RTM-0001", "RTM-0002", ...
# (one past the highest of that form), unless the operator types the number the village
# already uses (from OpenSID or a DTKS list). It is never the head's KK number, which many
# villages use: a KK number is personal data, masked for most roles, while the household
# number appears unmasked in lists, messages and the audit log (so 16 digits are refused).

NOMOR_RTM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]{0,29}$")


def _kunci_rumah_tangga(desa):
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s::int, %s::int)", [KUNCI_RTM, desa.pk])


def nomor_rtm_berikutnya(desa):
    terakhir = (
        RumahTangga.objects.filter(desa=desa, no_rtm__regex=r"^RTM-[0-9]+$")
        .order_by(Length("no_rtm").desc(), "-no_rtm")
        .values_list("no_rtm", flat=True)
        .first()
    )
    return f"RTM-{int(terakhir[4:]) + 1 if terakhir else 1:04d}"


def _periksa_nomor_rtm(no_rtm, *, desa):
    if not NOMOR_RTM.match(no_rtm):
        return "Nomor rumah tangga berisi huruf, angka, titik, garis miring atau tanda hubung (paling banyak 30)."
    if no_rtm.isdigit() and len(no_rtm) == 16:
        # It would show unmasked everywhere; 16 digits are a NIK or KK number.
        return "Nomor rumah tangga tidak boleh berupa NIK atau nomor KK (16 angka). Kosongkan agar dibuat otomatis."
    if RumahTangga.objects.filter(desa=desa, no_rtm=no_rtm).exists():
        return "Nomor rumah tangga ini sudah dipakai di desa ini."
    return None


def _rumah_tangga(desa, rumah_tangga):
    """The household, re-read within the village (after the lock)."""
    r = RumahTangga.objects.filter(desa=desa, pk=rumah_tangga.pk).select_related("kepala").first()
    if r is None:
        raise ValidationError("Rumah tangga ini tidak ada di desa ini.")
    return r


def _warga(desa, penduduk, *, field="penduduk"):
    """The resident, locked, if they are a resident of this village."""
    p = Penduduk.objects.select_for_update().filter(desa=desa, pk=penduduk.pk).first()
    if p is None:
        raise ValidationError({field: "Penduduk ini bukan warga desa ini."})
    return p


def _nama_anggota(orang):
    return ", ".join(f"{p.nama} (#{p.pk})" for p in orang)


def _periksa_calon(orang, r, *, field, saran=""):
    """Refuse residents who are dead or gone, or already in another household. One resident is
    named as "this resident"; members of a KK by name."""
    for p in orang:
        if p.status_dasar != HIDUP:
            raise ValidationError(
                {field: f"{p.nama} tidak tercatat hidup di desa ini; hanya penduduk hidup yang dapat ditambahkan."}
            )
    lain = [p for p in orang if p.rumah_tangga_id and (r is None or p.rumah_tangga_id != r.pk)]
    if lain and len(orang) == 1:
        raise ValidationError(
            {field: f"Penduduk ini sudah menjadi anggota rumah tangga {lain[0].rumah_tangga.no_rtm}."}
        )
    if lain:
        daftar = ", ".join(f"{p.nama} ({p.rumah_tangga.no_rtm})" for p in lain)
        pesan = f"Anggota KK ini sudah menjadi anggota rumah tangga lain: {daftar}. Keluarkan dulu dari sana{saran}."
        raise ValidationError({field: pesan})


def _masukkan(desa, r, orang):
    ids = [p.pk for p in orang if p.rumah_tangga_id is None]
    Penduduk.objects.filter(desa=desa, pk__in=ids, rumah_tangga__isnull=True).update(
        rumah_tangga=r, diperbarui=timezone.now()
    )
    return [p for p in orang if p.pk in ids]


def _anggota_kk(desa, keluarga, *, field="keluarga"):
    """The living members of a KK of this village, locked."""
    if not Keluarga.objects.filter(desa=desa, pk=keluarga.pk).exists():
        raise ValidationError({field: "Keluarga ini bukan milik desa ini."})
    return list(
        Penduduk.objects.select_for_update()
        .filter(desa=desa, keluarga_id=keluarga.pk, status_dasar=HIDUP)
        .order_by("shdk", "tanggal_lahir", "id")
    )


@transaction.atomic
def bentuk_rumah_tangga(*, desa, actor, kepala, no_rtm="", sekeluarga=True, request=None):
    """A new household headed by `kepala` (a living resident of the village in no household),
    with the living members of the head's KK when `sekeluarga`. `no_rtm` empty: the next
    running number."""
    _kunci_rumah_tangga(desa)
    k = _warga(desa, kepala, field="kepala")
    _periksa_calon([k], None, field="kepala")
    orang = [k]
    if sekeluarga and k.keluarga_id:
        sekk = [p for p in _anggota_kk(desa, k.keluarga, field="kepala") if p.pk != k.pk]
        _periksa_calon(sekk + [k], None, field="kepala", saran=", atau bentuk tanpa menyertakan seluruh anggota KK")
        orang += sekk
    no_rtm = (no_rtm or "").strip()
    if no_rtm:
        pesan = _periksa_nomor_rtm(no_rtm, desa=desa)
        if pesan:
            raise ValidationError({"no_rtm": pesan})
    else:
        no_rtm = nomor_rtm_berikutnya(desa)
    r = RumahTangga(desa=desa, no_rtm=no_rtm, kepala=k)
    _simpan(r)
    masuk = _masukkan(desa, r, orang)
    audit.record(
        action="rumahtangga.dibentuk",
        actor=actor,
        desa=desa,
        obj=r,
        request=request,
        changes={"no_rtm": no_rtm, "kepala": f"{k.nama} (#{k.pk})", "anggota": _nama_anggota(masuk)},
    )
    return r


@transaction.atomic
def tambah_anggota_rumah_tangga(*, desa, actor, rumah_tangga, penduduk=None, keluarga=None, request=None):
    """Add one resident, or every living member of a KK, to a household. Returns those added."""
    if (penduduk is None) == (keluarga is None):
        raise ValidationError("Pilih satu penduduk atau satu keluarga untuk ditambahkan.")
    _kunci_rumah_tangga(desa)
    r = _rumah_tangga(desa, rumah_tangga)
    if penduduk is not None:
        orang = [_warga(desa, penduduk)]
        if orang[0].rumah_tangga_id == r.pk:
            raise ValidationError({"penduduk": f"{orang[0].nama} sudah menjadi anggota rumah tangga ini."})
    else:
        orang = _anggota_kk(desa, keluarga)
        if not orang:
            raise ValidationError({"keluarga": "KK ini tidak punya anggota yang masih hidup."})
    _periksa_calon(orang, r, field="penduduk" if penduduk is not None else "keluarga")
    masuk = _masukkan(desa, r, orang)
    if not masuk:
        raise ValidationError({"keluarga": "Seluruh anggota KK ini sudah menjadi anggota rumah tangga ini."})
    changes = {"anggota": _nama_anggota(masuk)}
    if keluarga is not None:
        changes["keluarga"] = str(keluarga)  # "Keluarga #12": the KK number stays out of the log
    audit.record(action="rumahtangga.anggota_ditambah", actor=actor, desa=desa, obj=r, request=request, changes=changes)
    return masuk


def _anggota_terkunci(desa, rumah_tangga, penduduk):
    """(household, resident) of the village under the household lock; the resident must be a
    member."""
    _kunci_rumah_tangga(desa)
    r = _rumah_tangga(desa, rumah_tangga)
    p = _warga(desa, penduduk)
    if p.rumah_tangga_id != r.pk:
        raise ValidationError({"penduduk": f"{p.nama} bukan anggota rumah tangga ini."})
    return r, p


@transaction.atomic
def keluarkan_anggota_rumah_tangga(*, desa, actor, rumah_tangga, penduduk, request=None):
    r, p = _anggota_terkunci(desa, rumah_tangga, penduduk)
    if r.kepala_id == p.pk:
        raise ValidationError(
            {
                "penduduk": f"{p.nama} adalah kepala rumah tangga ini. Jadikan anggota lain kepala dulu, "
                "atau bubarkan rumah tangga ini."
            }
        )
    Penduduk.objects.filter(desa=desa, pk=p.pk).update(rumah_tangga=None, diperbarui=timezone.now())
    audit.record(
        action="rumahtangga.anggota_dikeluarkan",
        actor=actor,
        desa=desa,
        obj=r,
        request=request,
        changes={"anggota": _nama_anggota([p])},
    )
    return p


@transaction.atomic
def ganti_kepala_rumah_tangga(*, desa, actor, rumah_tangga, penduduk, request=None):
    """Make a living member the head (e.g. after the head died or moved away)."""
    r, p = _anggota_terkunci(desa, rumah_tangga, penduduk)
    if p.status_dasar != HIDUP:
        raise ValidationError({"penduduk": f"{p.nama} tidak tercatat hidup; pilih anggota yang masih hidup."})
    if r.kepala_id == p.pk:
        raise ValidationError({"penduduk": f"{p.nama} sudah menjadi kepala rumah tangga ini."})
    lama = f"{r.kepala.nama} (#{r.kepala_id})" if r.kepala_id else None
    r.kepala = p
    _simpan(r)
    audit.record(
        action="rumahtangga.kepala_diganti",
        actor=actor,
        desa=desa,
        obj=r,
        request=request,
        changes={"kepala": [lama, f"{p.nama} (#{p.pk})"]},
    )
    return r


@transaction.atomic
def bubarkan_rumah_tangga(*, desa, actor, rumah_tangga, request=None):
    """Dissolve a household: every member is released and the household is deleted."""
    _kunci_rumah_tangga(desa)
    r = _rumah_tangga(desa, rumah_tangga)
    orang = list(Penduduk.objects.filter(desa=desa, rumah_tangga=r).only("id", "nama").order_by("id"))
    Penduduk.objects.filter(desa=desa, rumah_tangga=r).update(rumah_tangga=None, diperbarui=timezone.now())
    audit.record(
        action="rumahtangga.dibubarkan",
        actor=actor,
        desa=desa,
        obj=r,
        request=request,
        changes={"no_rtm": r.no_rtm, "anggota": _nama_anggota(orang)},
    )
    r.delete()
    return orang


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


def kosongkan_register(*, desa, actor, request=None):
    """Delete the village's whole register: residents, KKs, households and their events (for a
    fresh start before importing from OpenSID). Dusun, RW and RT stay. Returns the counts,
    which the audit entry records. Only this village's rows are touched."""
    with transaction.atomic():
        # One household change at a time per village (see KUNCI_RTM): none is half-made now.
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", [KUNCI_RTM, desa.pk])
        jumlah = {"peristiwa": Peristiwa.objects.filter(desa=desa).delete()[0]}
        Penduduk.objects.filter(desa=desa).exclude(rumah_tangga=None).update(rumah_tangga=None)
        RumahTangga.objects.filter(desa=desa).update(kepala=None)
        jumlah["penduduk"] = Penduduk.objects.filter(desa=desa).delete()[0]
        jumlah["rumah_tangga"] = RumahTangga.objects.filter(desa=desa).delete()[0]
        jumlah["keluarga"] = Keluarga.objects.filter(desa=desa).delete()[0]
        audit.record(
            action="penduduk.register_dikosongkan",
            actor=actor,
            desa=desa,
            request=request,
            label=f"Register penduduk {desa.nama} dikosongkan",
            changes={name: [n, 0] for name, n in jumlah.items()},
        )
        transaction.on_commit(lambda: sitecache.bump(desa.pk))
    return jumlah
