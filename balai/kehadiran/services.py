"""Everything that changes attendance: the village's rules, check-in and check-out, leave
requests and their decision. Each runs in one transaction and leaves an audit entry."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from balai.akun.models import Peran
from balai.core import audit
from balai.media.images import renditions
from balai.publikasi.berkas import periksa_dokumen
from balai.website.models import Perangkat

from . import kode as kode_qr
from .lokasi import jarak_meter, teks_jarak
from .models import Izin, Kehadiran, Metode, NonceQR, PengaturanKehadiran

AUDIT_LABELS = {
    "kehadiran.pengaturan": "Mengubah pengaturan kehadiran",
    "kehadiran.masuk": "Absen masuk",
    "kehadiran.pulang": "Absen pulang",
    "kehadiran.izin_diajukan": "Mengajukan izin/cuti",
    "kehadiran.izin_disetujui": "Menyetujui izin/cuti",
    "kehadiran.izin_ditolak": "Menolak izin/cuti",
    "kehadiran.izin_dibatalkan": "Membatalkan pengajuan izin/cuti",
}

MASUK, PULANG = "masuk", "pulang"
# Used codes are only worth keeping while a code could still be read back.
SIMPAN_NONCE = timedelta(days=1)


class AbsenDitolak(Exception):
    """Why a check-in or check-out was refused, said to the official."""


@dataclass(frozen=True)
class Lokasi:
    lintang: float
    bujur: float
    akurasi: float | None = None


# --- rules ------------------------------------------------------------------------------------


def pengaturan_desa(desa):
    """The village's rules, or the defaults (unsaved) when it has set none."""
    return PengaturanKehadiran.objects.filter(desa=desa).first() or PengaturanKehadiran(desa=desa)


@transaction.atomic
def simpan_pengaturan(*, desa, actor, pengaturan, request=None):
    lama = PengaturanKehadiran.objects.filter(desa=desa, pk=pengaturan.pk).first() if pengaturan.pk else None
    sebelum = audit.snapshot(lama) if lama else {}
    pengaturan.desa = desa
    pengaturan.full_clean()
    pengaturan.save()
    audit.record(
        action="kehadiran.pengaturan",
        actor=actor,
        desa=desa,
        obj=pengaturan,
        changes=audit.diff(sebelum, audit.snapshot(pengaturan)),
        request=request,
        label="Pengaturan kehadiran",
    )
    return pengaturan


# --- check-in and check-out ---------------------------------------------------------------------


def perangkat_dari(user, desa):
    """The official `user` signs in as in this village, or None."""
    return Perangkat.objects.filter(desa=desa, pengguna=user).first()


def _bukti(*, desa, aturan, kode, lokasi, detik):
    """(method, distance in metres or None, the code read) proving presence, or AbsenDitolak."""
    dibaca = None
    if aturan.wajib_qr:
        try:
            dibaca = kode_qr.baca(kode, desa.pk, sekarang=detik)
        except kode_qr.KodeDitolak as exc:
            raise AbsenDitolak(str(exc)) from None
    jarak = None
    if aturan.geofence_aktif:
        if lokasi is None:
            raise AbsenDitolak(
                "Lokasi ponsel belum terkirim. Izinkan akses lokasi untuk situs ini di peramban, lalu coba lagi."
            )
        jarak = jarak_meter(aturan.lintang, aturan.bujur, lokasi.lintang, lokasi.bujur)
        if jarak > aturan.radius_meter:
            raise AbsenDitolak(
                f"Anda berada {teks_jarak(jarak)} dari kantor desa; absen hanya dapat dilakukan dalam radius "
                f"{aturan.radius_meter} m dari kantor."
            )
        jarak = round(jarak)
    if dibaca and jarak is not None:
        metode = Metode.QR_LOKASI
    elif dibaca:
        metode = Metode.QR
    else:
        metode = Metode.LOKASI
    return metode, jarak, dibaca


def _pakai_nonce(*, desa, perangkat, dibaca, sekarang):
    """Record that this person used this code; a second use is a replay."""
    if dibaca is None:
        return
    NonceQR.objects.filter(desa=desa, dipakai__lt=sekarang - SIMPAN_NONCE).delete()
    try:
        with transaction.atomic():
            NonceQR.objects.create(desa=desa, perangkat=perangkat, nonce=dibaca.nonce, dipakai=sekarang)
    except IntegrityError:
        raise AbsenDitolak(
            "Kode QR ini sudah Anda pakai. Setiap kode hanya berlaku sekali per orang; "
            "tunggu kode berikutnya di layar kantor (paling lama 30 detik), lalu pindai lagi."
        ) from None


def _menit_setelah(waktu, jam, tanggal):
    batas = timezone.make_aware(datetime.combine(tanggal, jam), timezone.get_current_timezone())
    return int((waktu - batas).total_seconds() // 60)


def _jam(waktu):
    return f"{timezone.localtime(waktu):%H.%M}"


@transaction.atomic
def absen(*, desa, perangkat, aksi, kode="", lokasi=None, actor=None, request=None, sekarang=None):
    """Check `perangkat` in (aksi MASUK) or out (PULANG) now, by server time, with the proof the
    village asks for. Returns the day's Kehadiran; raises AbsenDitolak with the reason, having
    changed nothing."""
    if perangkat.desa_id != desa.pk:
        raise AbsenDitolak("Perangkat ini bukan perangkat desa ini.")
    sekarang = sekarang or timezone.now()
    tanggal = timezone.localdate(sekarang)
    aturan = pengaturan_desa(desa)
    metode, jarak, dibaca = _bukti(desa=desa, aturan=aturan, kode=kode, lokasi=lokasi, detik=sekarang.timestamp())
    # Lock the official's row: two taps at once wait for each other instead of both passing.
    Perangkat.objects.select_for_update().filter(pk=perangkat.pk).first()
    hari_ini = Kehadiran.objects.filter(desa=desa, perangkat=perangkat, tanggal=tanggal).first()
    if aksi == MASUK:
        if hari_ini is not None:
            raise AbsenDitolak(
                f"Anda sudah absen masuk hari ini pukul {_jam(hari_ini.masuk)}. "
                "Absen dua kali berturut-turut tidak dicatat; gunakan Absen pulang saat selesai bekerja."
            )
        _pakai_nonce(desa=desa, perangkat=perangkat, dibaca=dibaca, sekarang=sekarang)
        telat = _menit_setelah(sekarang, aturan.jam_masuk, tanggal)
        hari_ini = Kehadiran.objects.create(
            desa=desa,
            perangkat=perangkat,
            tanggal=tanggal,
            masuk=sekarang,
            metode=metode,
            jarak_meter=jarak,
            terlambat_menit=telat if telat > aturan.toleransi_menit else 0,
        )
    elif aksi == PULANG:
        if hari_ini is None:
            raise AbsenDitolak("Anda belum absen masuk hari ini, jadi belum dapat absen pulang. Absen masuk dulu.")
        if hari_ini.pulang is not None:
            raise AbsenDitolak(
                f"Anda sudah absen pulang hari ini pukul {_jam(hari_ini.pulang)}. Absen dua kali tidak dicatat."
            )
        _pakai_nonce(desa=desa, perangkat=perangkat, dibaca=dibaca, sekarang=sekarang)
        cepat = -_menit_setelah(sekarang, aturan.jam_pulang_pada(tanggal), tanggal)
        hari_ini.pulang = sekarang
        hari_ini.metode_pulang = metode
        hari_ini.jarak_pulang_meter = jarak
        hari_ini.pulang_cepat_menit = max(cepat, 0)
        hari_ini.save(update_fields=["pulang", "metode_pulang", "jarak_pulang_meter", "pulang_cepat_menit"])
    else:
        raise AbsenDitolak("Pilih absen masuk atau absen pulang.")
    audit.record(
        action=f"kehadiran.{aksi}",
        actor=actor,
        desa=desa,
        obj=hari_ini,
        changes={"metode": metode, "jarak_meter": jarak},
        request=request,
        label=f"{perangkat.nama}, {tanggal:%d/%m/%Y} {_jam(sekarang)}",
    )
    return hari_ini


# --- leave requests -----------------------------------------------------------------------------


def periksa_lampiran(berkas):
    """(content, extension) of an attachment checked by its content: a PDF without active content
    as it is, or a photo (a doctor's note) re-encoded without metadata; ValidationError otherwise."""
    awal = berkas.read(5)
    berkas.seek(0)
    if awal.startswith(b"%PDF-"):
        if not berkas.name.lower().endswith(".pdf"):
            berkas.name = f"{berkas.name}.pdf"
        periksa_dokumen(berkas)
        return berkas.read(), "pdf"
    try:
        penuh, _kecil = renditions(berkas)
    except ValidationError as exc:
        raise ValidationError(f"Lampiran ditolak: {' '.join(exc.messages)} Unggah PDF atau foto surat.") from None
    return penuh.fallback, penuh.fallback_ext


def boleh_memutus(user, izin):
    """Whether `user` decides `izin`: the kepala desa decides everyone's requests but their own;
    the sekdes decides the kepala desa's. Nobody decides their own."""
    if user.desa_id != izin.desa_id or izin.perangkat.pengguna_id == user.pk:
        return False
    pemohon = izin.perangkat.pengguna
    if pemohon is not None and Peran.KEPALA_DESA in pemohon.peran:
        return Peran.SEKDES in user.peran
    return Peran.KEPALA_DESA in user.peran


@transaction.atomic
def ajukan_izin(*, desa, actor, perangkat, izin, lampiran=None, request=None):
    """File `izin` (jenis, dates, reason set by the form) for `perangkat`."""
    izin.desa, izin.perangkat, izin.diajukan_oleh = desa, perangkat, actor
    izin.status = Izin.Status.MENUNGGU
    Perangkat.objects.select_for_update().filter(pk=perangkat.pk).first()
    bentrok = Izin.objects.filter(
        desa=desa,
        perangkat=perangkat,
        status__in=[Izin.Status.MENUNGGU, Izin.Status.DISETUJUI],
        mulai__lte=izin.sampai,
        sampai__gte=izin.mulai,
    ).first()
    if bentrok is not None:
        raise ValidationError(
            f"Sudah ada pengajuan {bentrok.get_jenis_display().lower()} {bentrok.mulai:%d/%m/%Y}–"
            f"{bentrok.sampai:%d/%m/%Y} ({bentrok.get_status_display().lower()}) pada tanggal yang sama."
        )
    if lampiran is not None:
        isi, ext = periksa_lampiran(lampiran)
        izin.lampiran_jenis = ext
        izin.lampiran.save(f"lampiran.{ext}", ContentFile(isi), save=False)
    try:
        izin.full_clean()
        izin.save()
    except Exception:
        if izin.lampiran:
            izin.lampiran.delete(save=False)
        raise
    audit.record(
        action="kehadiran.izin_diajukan", actor=actor, desa=desa, obj=izin, request=request,
        label=f"{perangkat.nama}: {izin}",
    )  # fmt: skip
    return izin


@transaction.atomic
def putuskan_izin(*, desa, actor, izin, setujui, catatan="", request=None):
    izin = Izin.objects.select_for_update(of=("self",)).select_related("perangkat__pengguna").get(desa=desa, pk=izin.pk)
    if not boleh_memutus(actor, izin):
        raise ValidationError(
            "Pengajuan ini diputus oleh kepala desa; pengajuan kepala desa sendiri diputus oleh sekretaris desa."
        )
    if izin.status != Izin.Status.MENUNGGU:
        raise ValidationError(f"Pengajuan ini sudah {izin.get_status_display().lower()}.")
    catatan = (catatan or "").strip()
    if not setujui and not catatan:
        raise ValidationError("Tulis alasan penolakan, agar pemohon tahu apa yang perlu diperbaiki.")
    izin.status = Izin.Status.DISETUJUI if setujui else Izin.Status.DITOLAK
    izin.catatan_putusan = catatan
    izin.diputus_oleh, izin.diputus_pada = actor, timezone.now()
    izin.full_clean()
    izin.save(update_fields=["status", "catatan_putusan", "diputus_oleh", "diputus_pada"])
    audit.record(
        action=f"kehadiran.izin_{izin.status}",
        actor=actor,
        desa=desa,
        obj=izin,
        changes={"status": izin.status, "catatan": catatan},
        request=request,
        label=f"{izin.perangkat.nama}: {izin}",
    )
    return izin


@transaction.atomic
def batalkan_izin(*, desa, actor, izin, request=None):
    """The requester withdraws a request not yet decided."""
    izin = Izin.objects.select_for_update(of=("self",)).select_related("perangkat").get(desa=desa, pk=izin.pk)
    if izin.perangkat.pengguna_id != actor.pk or izin.status != Izin.Status.MENUNGGU:
        raise ValidationError("Hanya pengajuan Anda sendiri yang belum diputus yang dapat dibatalkan.")
    audit.record(
        action="kehadiran.izin_dibatalkan", actor=actor, desa=desa, obj=izin, request=request,
        label=f"{izin.perangkat.nama}: {izin}",
    )  # fmt: skip
    if izin.lampiran:
        nama = izin.lampiran.name
        storage = izin.lampiran.storage
        transaction.on_commit(lambda: storage.delete(nama))
    izin.delete()
