"""Moves between two villages of the kabupaten: one database holds both, so nobody retypes.

1. The receiving village asks, with the resident's NIK (`ajukan`): where they go (a KK of
   the village, or a new KK) and when. It sees the name and the status, nothing more of the
   other village's record, until the move is confirmed.
2. The sending village confirms or refuses (`konfirmasi`, `tolak`). A request left waiting
   BALAI_PINDAH_ANTAR_DESA_HARI days may be confirmed by the sending village's kecamatan.
3. On confirmation the sending village's record ends with a pindah keluar (it stays in that
   village's books, with its history), and a copy starts in the receiving village with a
   datang, in the chosen KK. The new record's history shows the old one's mutations
   (`riwayat_sebelumnya`).

Rows of two villages are read and written here on purpose, inside `scopes_disabled()`, and
every write is audit-logged in both villages. Nothing else crosses villages.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import audit

from . import kode, selectors, validasi
from .choices import JenisPindah
from .kode import HIDUP, KEPALA_KELUARGA, PINDAH
from .models import Keluarga, Penduduk, Peristiwa, PindahAntarDesa
from .services import _periksa_penduduk, _periksa_tanggal, _peristiwa, _simpan, _tempatkan, lock_nik, pemilik_nik

# Each request reveals whether a NIK is a living resident elsewhere and their name: a user may
# ask this many per day (the requests are audit-logged and shown to the sending village).
BATAS_HARIAN = 20

# Fields of a resident that a move leaves behind: identity of the row, the village's places and
# household, and the old address.
TIDAK_DISALIN = {"id", "desa", "keluarga", "rumah_tangga", "dusun", "rw", "rt", "alamat_sekarang", "lat", "lng"}


def batas_hari():
    return datetime.timedelta(days=settings.BALAI_PINDAH_ANTAR_DESA_HARI)


def terlambat(pindah, *, sekarang=None):
    """Whether a waiting request has waited long enough for the kecamatan to confirm it."""
    sekarang = sekarang or timezone.now()
    return pindah.status == PindahAntarDesa.Status.MENUNGGU and pindah.diajukan <= sekarang - batas_hari()


def _nama_desa(desa):
    return f"Desa {desa.nama}, Kec. {desa.kecamatan.nama}"


def _hitung_permintaan(actor):
    key = f"pindah-antar-desa:{getattr(actor, 'pk', 0)}:{timezone.localdate():%Y%m%d}"
    cache.add(key, 0, timeout=60 * 60 * 24)
    try:
        n = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=60 * 60 * 24)
        n = 1
    if n > BATAS_HARIAN:
        raise ValidationError(
            {"nik": f"Batas {BATAS_HARIAN} pengajuan pindah antar desa per hari tercapai. Coba lagi besok."}
        )


def _periksa_tujuan(*, desa, keluarga, no_kk_baru, shdk, kecuali_pk=None):
    """The KK the resident joins in the receiving village: an existing one of the village, or
    a new number (then as its head)."""
    if (keluarga is None) == (not no_kk_baru):
        raise ValidationError({"no_kk": "Pilih KK di desa ini yang dituju, atau isi nomor KK baru."})
    if keluarga is not None:
        if not Keluarga.objects.filter(desa=desa, pk=keluarga.pk).exists():
            raise ValidationError({"no_kk": "Keluarga ini bukan milik desa ini."})
        if shdk == KEPALA_KELUARGA:
            kepala = (
                Penduduk.objects.filter(desa=desa, keluarga=keluarga, shdk=KEPALA_KELUARGA, status_dasar=HIDUP)
                .exclude(pk=kecuali_pk)
                .first()
            )
            if kepala is not None:
                raise ValidationError({"shdk": f"Keluarga ini sudah punya kepala keluarga: {kepala.nama}."})
    else:
        pesan = validasi.galat_no_kk(no_kk_baru)
        if pesan:
            raise ValidationError({"no_kk_baru": pesan})
        if Keluarga.objects.filter(desa=desa, no_kk=no_kk_baru).exists():
            raise ValidationError({"no_kk_baru": "Nomor KK ini sudah terdaftar di desa ini; pilih KK tersebut."})
        if shdk != KEPALA_KELUARGA:
            raise ValidationError({"shdk": "Dalam KK baru, penduduk ini menjadi kepala keluarga."})


def ajukan(
    *,
    desa,
    actor,
    nik,
    tanggal,
    shdk,
    keluarga=None,
    no_kk_baru="",
    rt=None,
    no_dokumen="",
    alasan_pindah=None,
    keterangan="",
    request=None,
):
    """The receiving village `desa` asks to take in the living resident of another village of
    the kabupaten holding `nik`. A NIK not found is audit-logged too (outside the request's
    transaction, so the refusal keeps its record): such lookups are how a NIK is probed."""
    _hitung_permintaan(actor)
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal": "Tanggal pindah tidak boleh di masa depan."})
    if rt is not None and rt.desa_id != desa.pk:
        raise ValidationError({"rt": "RT ini bukan milik desa ini."})
    _periksa_tujuan(desa=desa, keluarga=keluarga, no_kk_baru=no_kk_baru, shdk=shdk)
    pemilik = pemilik_nik(nik)
    if pemilik is None or pemilik.desa.kecamatan.kabupaten_id != desa.kecamatan.kabupaten_id:
        audit.record(action="penduduk.pindah_antar_desa_nik_tidak_ada", actor=actor, desa=desa, request=request)
        raise ValidationError(
            {
                "nik": "NIK ini tidak terdaftar sebagai penduduk hidup di desa lain di kabupaten ini. "
                "Bila ia datang dari luar kabupaten, catat sebagai pendatang."
            }
        )
    if pemilik.desa_id == desa.pk:
        raise ValidationError({"nik": "NIK ini sudah terdaftar sebagai penduduk hidup di desa ini."})
    return _buat(
        desa=desa,
        actor=actor,
        pemilik=pemilik,
        tanggal=tanggal,
        shdk=shdk,
        keluarga=keluarga,
        no_kk_baru=no_kk_baru,
        rt=rt,
        no_dokumen=no_dokumen,
        alasan_pindah=alasan_pindah,
        keterangan=keterangan,
        request=request,
    )


@transaction.atomic
def _buat(
    *, desa, actor, pemilik, tanggal, shdk, keluarga, no_kk_baru, rt, no_dokumen, alasan_pindah, keterangan, request
):
    if PindahAntarDesa.objects.filter(desa=desa, penduduk_asal=pemilik, status=PindahAntarDesa.Status.MENUNGGU):
        raise ValidationError({"nik": "Kepindahan penduduk ini sudah diajukan dan menunggu konfirmasi desa asal."})
    pindah = PindahAntarDesa(
        desa=desa,
        desa_asal=pemilik.desa,
        penduduk_asal=pemilik,
        nama=pemilik.nama,
        tanggal=tanggal,
        no_dokumen=no_dokumen,
        alasan_pindah=alasan_pindah,
        keterangan=keterangan,
        keluarga=keluarga,
        no_kk_baru=no_kk_baru,
        shdk=shdk,
        rt=rt,
        diajukan_oleh=actor if getattr(actor, "pk", None) else None,
    )
    pindah.full_clean(exclude=["desa", "desa_asal", "penduduk_asal"])
    _simpan(pindah)
    for d in (desa, pemilik.desa):
        audit.record(
            action="penduduk.pindah_antar_desa_diajukan",
            actor=actor,
            desa=d,
            obj=pindah,
            request=request,
            label=f"{pindah.nama}: {pemilik.desa.nama} → {desa.nama}",
        )
    return pindah


def _putuskan(pindah, *, actor, desa_asal=None, kecamatan=None):
    """The request, locked and re-read across villages, after checking who decides: the
    sending village, or its kecamatan once the request is overdue."""
    with scopes_disabled():
        p = (
            PindahAntarDesa.objects.select_for_update()
            .select_related("desa__kecamatan", "desa_asal__kecamatan")
            .filter(pk=pindah.pk)
            .first()
        )
    if p is None or (desa_asal is not None and p.desa_asal_id != desa_asal.pk):
        raise ValidationError("Pengajuan pindah ini tidak ditujukan ke desa ini.")
    if kecamatan is not None:
        if p.desa_asal.kecamatan_id != kecamatan.pk:
            raise ValidationError("Desa asal pengajuan ini bukan desa di kecamatan ini.")
        if not terlambat(p):
            hari = settings.BALAI_PINDAH_ANTAR_DESA_HARI
            raise ValidationError(f"Kecamatan dapat mengonfirmasi setelah pengajuan menunggu {hari} hari.")
    if p.status != PindahAntarDesa.Status.MENUNGGU:
        raise ValidationError(f"Pengajuan ini sudah {p.get_status_display().lower()}.")
    return p


@transaction.atomic
def konfirmasi(*, pindah, actor, desa_asal=None, kecamatan=None, request=None):
    """Carry out a requested move: confirmed by the sending village (`desa_asal`) or by its
    kecamatan (`kecamatan`, once overdue)."""
    p = _putuskan(pindah, actor=actor, desa_asal=desa_asal, kecamatan=kecamatan)
    asal, tujuan = p.desa_asal, p.desa
    with scopes_disabled():
        lama = Penduduk.objects.select_for_update().get(pk=p.penduduk_asal_id)
        if lama.nik:
            lock_nik(lama.nik)
        if lama.desa_id != asal.pk or lama.status_dasar != HIDUP:
            raise ValidationError(
                f"{lama.nama} tidak lagi tercatat hidup di {asal.nama}; pengajuan ini tidak dapat dikonfirmasi."
            )
        _periksa_tanggal(p.tanggal, penduduk=lama)
        _periksa_tujuan(desa=tujuan, keluarga=p.keluarga, no_kk_baru=p.no_kk_baru, shdk=p.shdk)
        jenis_pindah = JenisPindah.DESA if asal.kecamatan_id == tujuan.kecamatan_id else JenisPindah.KECAMATAN

        # The sending village: the record ends, as any move away.
        lama.status_dasar = PINDAH
        lama.save(update_fields=["status_dasar", "diperbarui"])
        _peristiwa(
            desa=asal,
            actor=actor,
            penduduk=lama,
            jenis=Peristiwa.Jenis.PINDAH_KELUAR,
            tanggal=p.tanggal,
            no_dokumen=p.no_dokumen,
            asal_tujuan=_nama_desa(tujuan),
            keterangan=p.keterangan,
            rincian={"jenis_pindah": jenis_pindah, "alasan_pindah": p.alasan_pindah},
        )

        # The receiving village: its KK (new or chosen), then the copy of the record.
        keluarga = p.keluarga
        if keluarga is None:
            keluarga = Keluarga(desa=tujuan, no_kk=p.no_kk_baru, rt=p.rt, tanggal_daftar=p.tanggal)
            _tempatkan(keluarga, tujuan)
            _simpan(keluarga)
        baru = Penduduk(
            **{
                f.attname: getattr(lama, f.attname)
                for f in Penduduk._meta.concrete_fields
                if f.name not in TIDAK_DISALIN | {"dibuat", "diperbarui"} and not f.generated
            }
        )
        baru.desa = tujuan
        baru.status_dasar = HIDUP
        baru.keluarga = keluarga
        baru.shdk = p.shdk
        baru.rt = p.rt or keluarga.rt
        _tempatkan(baru, tujuan)
        _periksa_penduduk(baru, desa=tujuan, actor=actor)
        _simpan(baru)
        _peristiwa(
            desa=tujuan,
            actor=actor,
            penduduk=baru,
            jenis=Peristiwa.Jenis.DATANG,
            tanggal=p.tanggal,
            no_dokumen=p.no_dokumen,
            asal_tujuan=_nama_desa(asal),
            keterangan=p.keterangan,
            rincian={"alasan_pindah": p.alasan_pindah},
        )

        p.status = PindahAntarDesa.Status.SELESAI
        p.penduduk_baru = baru
        p.keluarga = keluarga
        p.diputus_oleh = actor if getattr(actor, "pk", None) else None
        p.diputus = timezone.now()
        p.oleh_kecamatan = kecamatan is not None
        p.save()
        oleh = "kecamatan" if kecamatan is not None else "desa asal"
        audit.record(
            action="penduduk.pindah_antar_desa_keluar",
            actor=actor,
            desa=asal,
            obj=lama,
            request=request,
            changes={"status_dasar": [kode.nama("status_dasar", HIDUP), kode.nama("status_dasar", PINDAH)]},
            label=f"{lama.nama} pindah ke {tujuan.nama} (dikonfirmasi {oleh})",
        )
        audit.record(
            action="penduduk.pindah_antar_desa_datang",
            actor=actor,
            desa=tujuan,
            obj=baru,
            request=request,
            label=f"{baru.nama} datang dari {asal.nama} (dikonfirmasi {oleh})",
        )
    return p


@transaction.atomic
def tolak(*, pindah, actor, desa_asal, alasan, request=None):
    """The sending village refuses a request (the resident does not move, or not there)."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan penolakan; desa tujuan akan membacanya."})
    p = _putuskan(pindah, actor=actor, desa_asal=desa_asal)
    with scopes_disabled():
        p.status = PindahAntarDesa.Status.DITOLAK
        p.alasan_tolak = alasan[:255]
        p.diputus_oleh = actor if getattr(actor, "pk", None) else None
        p.diputus = timezone.now()
        p.save()
    for d in (p.desa, p.desa_asal):
        audit.record(
            action="penduduk.pindah_antar_desa_ditolak",
            actor=actor,
            desa=d,
            obj=p,
            request=request,
            label=f"{p.nama}: {p.desa_asal.nama} → {p.desa.nama}",
        )
    return p


# Reads --------------------------------------------------------------------------------------


def diajukan_desa(*, desa):
    """Requests the village made (it receives): name and status only."""
    return (
        PindahAntarDesa.objects.filter(desa=desa)
        .select_related("desa_asal__kecamatan", "penduduk_baru")
        .only(
            "id",
            "nama",
            "tanggal",
            "status",
            "alasan_tolak",
            "diajukan",
            "oleh_kecamatan",
            "desa_asal__nama",
            "desa_asal__kecamatan__nama",
            "penduduk_baru__id",
        )[:100]
    )


def masuk_untuk(*, desa):
    """Requests to move residents of `desa` away, waiting for its decision. Read across the
    scope on purpose: the rows belong to the receiving villages."""
    with scopes_disabled():
        return list(
            PindahAntarDesa.objects.filter(desa_asal=desa, status=PindahAntarDesa.Status.MENUNGGU)
            .select_related("desa__kecamatan", "penduduk_asal")
            .order_by("diajukan", "id")[:100]
        )


def menunggu_di_kecamatan(*, kecamatan):
    """Waiting requests whose sending village lies in `kecamatan`, oldest first, for the
    kecamatan operator: names and villages only."""
    with scopes_disabled():
        rows = list(
            PindahAntarDesa.objects.filter(desa_asal__kecamatan=kecamatan, status=PindahAntarDesa.Status.MENUNGGU)
            .select_related("desa__kecamatan", "desa_asal")
            .order_by("diajukan", "id")[:200]
        )
    sekarang = timezone.now()
    for r in rows:
        r.terlambat = terlambat(r, sekarang=sekarang)
    return rows


def riwayat_sebelumnya(*, penduduk, batas=5):
    """The mutations of the records `penduduk` (a resident the caller has already found in its
    village) was moved from: other villages' rows, read on purpose, since a moved resident's
    history moves along. Oldest first, each with `nama_desa`."""
    hasil = []
    pk = penduduk.pk
    with scopes_disabled():
        for _ in range(batas):
            asal = (
                PindahAntarDesa.objects.filter(penduduk_baru_id=pk, status=PindahAntarDesa.Status.SELESAI)
                .values("desa_asal_id", "desa_asal__nama", "penduduk_asal_id")
                .first()
            )
            if asal is None:
                break
            rows = list(selectors.riwayat(desa=asal["desa_asal_id"], penduduk=asal["penduduk_asal_id"]))
            for r in rows:
                r.nama_desa = asal["desa_asal__nama"]
            hasil = rows + hasil
            pk = asal["penduduk_asal_id"]
    return hasil
