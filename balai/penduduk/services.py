"""Every change to the population register. Each function runs in one transaction, validates,
and writes one audit entry (personal values masked)."""

import contextvars
import functools
import hashlib
import hmac
import logging
import re
import time
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import audit, sitecache, tasks

from . import kode, validasi
from .kode import HIDUP, KEPALA_KELUARGA, LAKI_LAKI, MATI, PEREMPUAN, PINDAH
from .models import ImporPenduduk, Keluarga, Penduduk, Peristiwa, RumahTangga
from .privasi import FIELD_PRIBADI
from .tasks import impor_penduduk

# Readable names of this app's audit actions, those of the import (impor.py) included
# (registered in apps.py; see balai.core.audit).
AUDIT_LABELS = {
    "penduduk.register_dikosongkan": "Register penduduk dikosongkan",
    "penduduk.nik_desa_lain_dicek": "NIK penduduk desa lain ditemukan saat pengecekan",
    "penduduk.impor_nik_desa_lain": "Impor menemukan NIK penduduk desa lain",
    "penduduk.pindah_antar_desa_diajukan": "Kepindahan dari desa lain diajukan",
    "penduduk.pindah_antar_desa_ditolak": "Kepindahan ke desa lain ditolak",
    "penduduk.pindah_antar_desa_keluar": "Penduduk pindah ke desa lain (dikonfirmasi)",
    "penduduk.pindah_antar_desa_datang": "Penduduk datang dari desa lain (dikonfirmasi)",
    "penduduk.pindah_antar_desa_nik_tidak_ada": "Kepindahan diajukan untuk NIK yang tidak ditemukan",
    "penduduk.ditambah": "Penduduk ditambah",
    "penduduk.diubah": "Data penduduk diubah",
    "penduduk.dilihat": "Data penduduk dibuka",
    "penduduk.lahir": "Kelahiran dicatat",
    "penduduk.datang": "Kedatangan dicatat",
    "penduduk.mati": "Kematian dicatat",
    "penduduk.pindah_keluar": "Pindah keluar dicatat",
    "penduduk.diekspor": "Data penduduk diekspor",
    "penduduk.impor_diperiksa": "Berkas impor penduduk diperiksa",
    "penduduk.diimpor": "Data penduduk diimpor",
    "keluarga.ditambah": "Keluarga (KK) ditambah",
    "keluarga.diubah": "Keluarga (KK) diubah",
    "keluarga.dilihat": "Data keluarga (KK) dibuka",
    "rumahtangga.dibentuk": "Rumah tangga dibentuk",
    "rumahtangga.anggota_ditambah": "Anggota rumah tangga ditambah",
    "rumahtangga.anggota_dikeluarkan": "Anggota rumah tangga dikeluarkan",
    "rumahtangga.kepala_diganti": "Kepala rumah tangga diganti",
    "rumahtangga.dibubarkan": "Rumah tangga dibubarkan",
    "rumahtangga.dilihat": "Data rumah tangga dibuka",
}

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


# Probing a NIK across villages. The "living resident of another village" message helps a real
# move, and also tells an operator whether a NIK belongs to someone living elsewhere. Each such
# answer is written to the audit log (the NIK as a keyed hash, so repeated probes of one NIK can
# be matched without the log holding it) and counted per user: past the hourly limit, no new or
# changed NIK is checked against other villages (whatever the result would be) until the hour
# ends. Kabupaten admins see the villages' names anyway and are not limited.
AKSI_CEK_NIK = "penduduk.nik_desa_lain_dicek"


def sidik_nik(nik):
    """A keyed hash of a NIK for the audit log: the same NIK gives the same value, and the NIK
    cannot be read back from it (a plain hash of 16 digits could be brute-forced)."""
    return hmac.new(settings.SECRET_KEY.encode(), f"nik:{nik}".encode(), hashlib.sha256).hexdigest()[:16]


def _kunci_cek_nik(actor):
    return f"penduduk:cek_nik:{actor.pk}"


def _dibatasi(actor):
    return getattr(actor, "pk", None) is not None and not getattr(actor, "is_admin_kabupaten", False)


def _batas_cek_nik_sampai(actor):
    """Until when (epoch seconds) `actor` may not check NIKs against other villages, or None."""
    if not _dibatasi(actor):
        return None
    state = cache.get(_kunci_cek_nik(actor))
    if state and state["jumlah"] >= settings.BALAI_CEK_NIK_DESA_LAIN_PER_JAM and state["sampai"] > time.time():
        return state["sampai"]
    return None


def _hitung_cek_nik(actor):
    if not _dibatasi(actor):
        return
    now, key = time.time(), _kunci_cek_nik(actor)
    state = cache.get(key)
    if not state or state["sampai"] <= now:
        state = {"jumlah": 0, "sampai": now + 3600}
    state["jumlah"] += 1
    cache.set(key, state, int(state["sampai"] - now) + 1)


class _CekNik:
    """A cross-village NIK answer waiting to be written to the audit log. It travels on the
    ValidationError, because the transaction that raised it is rolled back."""

    def __init__(self, *, nik, pemilik, desa, actor, request):
        self.sidik, self.desa_pemilik = sidik_nik(nik), str(pemilik.desa)
        self.desa, self.actor, self.request = desa, actor, request


_kedalaman_layanan = contextvars.ContextVar("kedalaman_layanan_penduduk", default=0)


def _catat_cek_nik(service):
    """Write the cross-village NIK answers of a failed save to the audit log, after the
    service's transaction has been rolled back: by the outermost such service (catat_lahir
    calls simpan_penduduk inside its own transaction)."""

    @functools.wraps(service)
    def wrapped(*args, **kwargs):
        token = _kedalaman_layanan.set(_kedalaman_layanan.get() + 1)
        try:
            return service(*args, **kwargs)
        except ValidationError as exc:
            cek = getattr(exc, "cek_nik", None)
            if cek is not None and _kedalaman_layanan.get() == 1:
                exc.cek_nik = None
                audit.record(
                    action=AKSI_CEK_NIK,
                    actor=cek.actor,
                    desa=cek.desa,
                    request=cek.request,
                    label=f"NIK #{cek.sidik}",
                    changes={"sidik_nik": [None, cek.sidik], "desa_pemilik": [None, cek.desa_pemilik]},
                )
            raise
        finally:
            _kedalaman_layanan.reset(token)

    return wrapped


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


def _periksa_penduduk(p, *, desa, actor, nik_lama=None, request=None):
    errors, cek = {}, None
    try:
        p.full_clean(exclude=["desa"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if "nik" not in errors and p.nik:
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
    if p.shdk == KEPALA_KELUARGA and p.status_dasar == HIDUP and not p.keluarga_id:
        errors.setdefault("shdk", []).append(
            "Kepala keluarga harus terdaftar dalam KK: isi nomor KK-nya, atau pilih hubungan dalam keluarga yang lain."
        )
    if "nik" not in errors and p.nik and p.status_dasar == HIDUP:
        pemilik = pemilik_nik(p.nik, kecuali_pk=p.pk)
        nik_baru = p.nik != nik_lama
        dibatasi = nik_baru and (pemilik is None or pemilik.desa_id != desa.pk) and _batas_cek_nik_sampai(actor)
        if dibatasi:
            pukul = timezone.localtime(datetime.fromtimestamp(dibatasi, tz=timezone.get_current_timezone()))
            errors["nik"] = [
                "NIK baru belum dapat diperiksa terhadap desa lain: Anda sudah terlalu sering menemukan NIK "
                f"yang terdaftar di desa lain dalam satu jam terakhir. Coba lagi pukul {pukul:%H.%M}, "
                "atau minta bantuan admin kabupaten."
            ]
        elif pemilik is not None:
            errors["nik"] = [pesan_nik_terpakai(pemilik, desa=desa, actor=actor)]
            if pemilik.desa_id != desa.pk and nik_baru:
                _hitung_cek_nik(actor)
                cek = _CekNik(nik=p.nik, pemilik=pemilik, desa=desa, actor=actor, request=request)
    if p.keluarga_id and p.shdk == KEPALA_KELUARGA and p.status_dasar == HIDUP:
        kepala = (
            Penduduk.objects.filter(desa=desa, keluarga_id=p.keluarga_id, shdk=KEPALA_KELUARGA, status_dasar=HIDUP)
            .exclude(pk=p.pk)
            .first()
        )
        if kepala is not None:
            errors.setdefault("shdk", []).append(f"Keluarga ini sudah punya kepala keluarga: {kepala.nama}.")
    if errors:
        exc = ValidationError(errors)
        exc.cek_nik = cek
        raise exc


@_catat_cek_nik
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
    _periksa_penduduk(p, desa=desa, actor=actor, nik_lama=None if baru else lama.nik, request=request)
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


# Details a mutation may carry besides its date and document (see Peristiwa).
RINCIAN = frozenset(
    {
        "waktu",
        "tempat",
        "sebab_kematian",
        "penolong_mati",
        "pelapor",
        "hubungan_pelapor",
        "jenis_pindah",
        "alasan_pindah",
    }
)


def _peristiwa(*, desa, actor, penduduk, jenis, tanggal, no_dokumen, asal_tujuan="", keterangan="", rincian=None):
    rincian = {k: v for k, v in (rincian or {}).items() if v not in (None, "")}
    if set(rincian) - RINCIAN:
        raise ValueError(f"unknown details: {sorted(set(rincian) - RINCIAN)}")
    peristiwa = Peristiwa(
        desa=desa,
        penduduk=penduduk,
        jenis=jenis,
        tanggal=tanggal,
        no_dokumen=no_dokumen,
        asal_tujuan=asal_tujuan,
        keterangan=keterangan,
        dicatat_oleh=actor if getattr(actor, "pk", None) else None,
        **rincian,
    )
    peristiwa.full_clean(exclude=["desa", "penduduk"])
    peristiwa.save()
    return peristiwa


# A newborn's codes that only one value fits; the form asks for none of them.
BAYI = {"pendidikan_kk": 1, "pendidikan_sedang": 1, "pekerjaan": 1, "status_kawin": kode.BELUM_KAWIN}
ANAK = 4  # SHDK


def _orang_tua(desa, orang, *, field, jenis_kelamin, anak):
    """A parent chosen from the register: a living resident of this village of the right sex,
    born before the child."""
    p = Penduduk.objects.filter(desa=desa, pk=orang.pk).first()
    peran = "Ibu" if jenis_kelamin == PEREMPUAN else "Ayah"
    if p is None:
        raise ValidationError({field: f"{peran} harus penduduk desa ini."})
    if p.status_dasar != HIDUP:
        raise ValidationError(
            {field: f"{p.nama} tidak tercatat hidup di desa ini ({kode.nama('status_dasar', p.status_dasar)})."}
        )
    if p.jenis_kelamin != jenis_kelamin:
        raise ValidationError({field: f"{p.nama} tercatat {kode.nama('jenis_kelamin', p.jenis_kelamin).lower()}."})
    if anak.tanggal_lahir and p.tanggal_lahir >= anak.tanggal_lahir:
        raise ValidationError({field: f"{p.nama} lahir sesudah anak ini; periksa pilihan {peran.lower()}."})
    return p


@_catat_cek_nik
@transaction.atomic
def catat_lahir(
    *,
    desa,
    actor,
    penduduk,
    keluarga,
    ibu=None,
    ayah=None,
    ibu_tidak_diketahui=False,
    no_dokumen="",
    keterangan="",
    request=None,
):
    """A birth: a new resident in a KK of the village, child of `ibu` (required unless stated
    unknown) and `ayah` chosen from the register, dated by its date of birth. The child's NIK
    may be empty until it is issued; its SHDK is ANAK unless given."""
    anak = penduduk
    anak.status_dasar = HIDUP
    if anak.tanggal_lahir:
        _periksa_tanggal(anak.tanggal_lahir)
    if keluarga is None or not Keluarga.objects.filter(desa=desa, pk=keluarga.pk).exists():
        raise ValidationError({"keluarga": "Pilih KK desa ini tempat anak ini didaftarkan."})
    anak.keluarga = keluarga
    if ibu is None and not ibu_tidak_diketahui:
        raise ValidationError({"ibu": "Pilih ibu dari register, atau nyatakan bahwa ibunya tidak diketahui."})
    if ibu is not None:
        ibu = _orang_tua(desa, ibu, field="ibu", jenis_kelamin=PEREMPUAN, anak=anak)
        anak.ibu_nik, anak.nama_ibu = ibu.nik, ibu.nama
    if ayah is not None:
        ayah = _orang_tua(desa, ayah, field="ayah", jenis_kelamin=LAKI_LAKI, anak=anak)
        anak.ayah_nik, anak.nama_ayah = ayah.nik, ayah.nama
    for field, value in BAYI.items():
        if getattr(anak, field) is None:
            setattr(anak, field, value)
    if anak.shdk is None:
        anak.shdk = ANAK
    if anak.agama is None:
        anak.agama = (ibu or ayah).agama if (ibu or ayah) else None
    if anak.warganegara is None:
        anak.warganegara = kode.WNI
    p = simpan_penduduk(desa=desa, actor=actor, penduduk=anak, request=request, aksi="penduduk.lahir")
    return _peristiwa(
        desa=desa,
        actor=actor,
        penduduk=p,
        jenis=Peristiwa.Jenis.LAHIR,
        tanggal=p.tanggal_lahir,
        no_dokumen=no_dokumen or p.akta_lahir,
        keterangan=keterangan,
        rincian={"waktu": p.waktu_lahir},
    )


@_catat_cek_nik
@transaction.atomic
def catat_datang(
    *, desa, actor, penduduk, tanggal, no_dokumen="", asal="", alasan_pindah=None, keterangan="", request=None
):
    """Someone moving in from outside the kabupaten: a new resident (their NIK may come from
    another region). From another village of the kabupaten: ajukan_pindah_antar_desa."""
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
        rincian={"alasan_pindah": alasan_pindah},
    )


def _akhiri(
    *, desa, actor, penduduk, status, jenis, aksi, tanggal, no_dokumen, asal_tujuan, keterangan, request, rincian=None
):
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
        rincian=rincian,
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
def catat_mati(
    *,
    desa,
    actor,
    penduduk,
    tanggal,
    waktu=None,
    tempat="",
    sebab_kematian=None,
    penolong_mati=None,
    pelapor="",
    hubungan_pelapor="",
    no_dokumen="",
    keterangan="",
    request=None,
):
    """A death: date and time, place, cause (OpenSID's categories), who states it, and who
    reported it with their relation to the deceased."""
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
        rincian={
            "waktu": waktu,
            "tempat": tempat,
            "sebab_kematian": sebab_kematian,
            "penolong_mati": penolong_mati,
            "pelapor": pelapor,
            "hubungan_pelapor": hubungan_pelapor,
        },
    )


@transaction.atomic
def catat_pindah_keluar(
    *,
    desa,
    actor,
    penduduk,
    tanggal,
    tujuan="",
    jenis_pindah=None,
    alasan_pindah=None,
    no_dokumen="",
    keterangan="",
    request=None,
):
    """A move away: the destination address, how far (OpenSID's ref_pindah) and why. A move
    to another village of the kabupaten is asked by that village (ajukan_pindah_antar_desa)."""
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
        rincian={"jenis_pindah": jenis_pindah, "alasan_pindah": alasan_pindah},
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
    """Keep an uploaded register and queue the import task. A dry run (UJI) is audit-logged here:
    it tells the operator which NIKs are living residents elsewhere in the kabupaten, so who
    checked which file stays on record even when nothing is written (a writing import records
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
    tasks.enqueue(impor_penduduk, desa, job.pk, actor.pk)
    return job


@transaction.atomic
def lanjutkan_impor(*, desa, actor, uji, mode):
    """Import the file a dry run (`uji`) has checked, without uploading it again: a new job takes
    the file over (and removes it when done)."""
    from .impor import bisa_dilanjutkan

    # All of it only when the check found no problem; the valid rows only when there are some.
    boleh = {ImporPenduduk.Mode.SEMUA: not uji.jumlah_galat, ImporPenduduk.Mode.VALID_SAJA: uji.baris_valid > 0}
    if not bisa_dilanjutkan(uji) or not boleh.get(mode):
        raise ValueError("Berkas ini tidak dapat diimpor dengan cara itu; unggah berkasnya lagi.")
    baru = ImporPenduduk.objects.create(
        desa=desa, berkas=uji.berkas.name, nama_berkas=uji.nama_berkas, mode=mode, dibuat_oleh=actor
    )
    ImporPenduduk.objects.filter(pk=uji.pk).update(berkas="")
    tasks.enqueue(impor_penduduk, desa, baru.pk, actor.pk)
    return baru


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
        sitecache.bump_on_commit(desa.pk)
    return jumlah
