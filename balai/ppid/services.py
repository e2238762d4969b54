"""Every change to the PPID service: transactional, validated, audited. Personal data of
requesters never goes into the audit log (only registration numbers and outcomes)."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from balai.core import audit, konten, sitecache
from balai.wilayah.models import Desa

from . import tenggat as tg
from .berkas import periksa_berkas_dip, periksa_identitas
from .choices import Jawaban, PutusanKeberatan, StatusKeberatan, StatusPermohonan
from .models import InformasiPublik, Keberatan, Permohonan

log = logging.getLogger(__name__)

AUDIT_LABELS = {
    "ppid.permohonan_diterima": "Permohonan informasi diterima",
    "ppid.permohonan_diperpanjang": "Jangka waktu permohonan informasi diperpanjang",
    "ppid.permohonan_dijawab": "Permohonan informasi dijawab",
    "ppid.keberatan_diterima": "Keberatan informasi diterima",
    "ppid.keberatan_ditanggapi": "Keberatan informasi ditanggapi atasan PPID",
    "ppid.informasi_dibuat": "Informasi publik (DIP) ditambah",
    "ppid.informasi_diubah": "Informasi publik (DIP) diubah",
    "ppid.informasi_dihapus": "Informasi publik (DIP) dihapus",
    "ppid.identitas_dilihat": "Pindaian identitas pemohon informasi dibuka",
    "ppid.spt_dicetak": "Surat pemberitahuan tertulis PPID dicetak",
    "ppid.register_diunduh": "Register PPID diunduh",
    "ppid.pengingat_dikirim": "Pengingat tenggat PPID dikirim",
    "ppid.informasi_dilepas_pemeriksaan": "Informasi publik (DIP) terbit setelah ditinjau pemeriksaan konten",
}
TERBITKAN = "balai.ppid.services.terbitkan_setelah_tinjau"

# Answers that need the exception's legal basis and its consequence test, and answers that need
# an explanation for the requester.
PERLU_PENGECUALIAN = {Jawaban.DITOLAK, Jawaban.SEBAGIAN}
PERLU_URAIAN = {Jawaban.SEBAGIAN, Jawaban.DITOLAK, Jawaban.BELUM_DIKUASAI, Jawaban.TIDAK_DIDOKUMENTASIKAN}


def _hari_ini():
    return timezone.localdate()


def _urut_berikutnya(model, *, desa, tahun):
    """The next number of the year for `desa`, allocated under a lock on the village's row, so
    two requests arriving at once never get the same number (the unique constraint is the last
    guard). FOR NO KEY UPDATE: rows referring to the village may still be written meanwhile."""
    Desa.objects.select_for_update(no_key=True).filter(pk=desa.pk).first()
    terakhir = model.objects.filter(desa=desa, tahun=tahun).aggregate(m=Max("urut"))["m"] or 0
    return terakhir + 1


def _nomor(awalan, desa, tahun, urut):
    return f"{awalan}/{desa.kode}/{tahun}/{urut:04d}"


def _validasi(obj):
    obj.full_clean(exclude=["berkas", "berkas_identitas", "token"])


# --- permohonan -------------------------------------------------------------------------------


@transaction.atomic
def ajukan_permohonan(*, desa, data, berkas_identitas=None, daring=True, actor=None, request=None, hari=None):
    """Register a request for information: a number of the village and the year, a deadline of
    10 working days, the ID scan checked and kept privately. `data`: the requester's fields
    (nama, nomor_identitas, alamat, telepon, email, pekerjaan, rincian, tujuan,
    cara_memperoleh, cara_salinan)."""
    hari = hari or _hari_ini()
    permohonan = Permohonan(desa=desa, diterima=hari, tenggat=tg.tenggat_jawab(hari), daring=daring, **data)
    identitas = periksa_identitas(berkas_identitas) if berkas_identitas is not None else None
    permohonan.tahun = hari.year
    permohonan.urut = _urut_berikutnya(Permohonan, desa=desa, tahun=hari.year)
    permohonan.nomor = _nomor("PPID", desa, hari.year, permohonan.urut)
    _validasi(permohonan)
    if identitas is not None:
        isi, ext = identitas
        permohonan.berkas_identitas.save(f"identitas.{ext}", ContentFile(isi), save=False)
    try:
        permohonan.save()
    except Exception:
        if permohonan.berkas_identitas:  # a request that was not stored leaves no ID scan behind
            permohonan.berkas_identitas.storage.delete(permohonan.berkas_identitas.name)
        raise
    audit.record(
        action="ppid.permohonan_diterima",
        actor=actor,
        desa=desa,
        obj=permohonan,
        request=request,
        changes={"tenggat": [None, str(permohonan.tenggat)], "daring": [None, daring]},
    )
    transaction.on_commit(lambda: _kabari_petugas(permohonan))
    return permohonan


def _cek_milik(obj, desa):
    if obj.desa_id != desa.pk:
        raise ValueError("Objek bukan milik desa ini.")


@transaction.atomic
def perpanjang_permohonan(*, desa, actor, permohonan, alasan, request=None, hari=None):
    """Extend the deadline once by 7 working days, with the written reason the requester is told."""
    _cek_milik(permohonan, desa)
    hari = hari or _hari_ini()
    permohonan = Permohonan.objects.select_for_update().get(pk=permohonan.pk)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan_perpanjangan": "Tuliskan alasan perpanjangan; pemohon berhak mengetahuinya."})
    if permohonan.status == StatusPermohonan.SELESAI:
        raise ValidationError("Permohonan ini sudah dijawab; jangka waktunya tidak dapat diperpanjang.")
    if permohonan.diperpanjang is not None:
        raise ValidationError("Jangka waktu permohonan hanya dapat diperpanjang satu kali.")
    if hari > permohonan.tenggat:
        raise ValidationError(
            f"Tenggat jawaban ({permohonan.tenggat:%d-%m-%Y}) sudah lewat; perpanjangan harus diberitahukan "
            "sebelum tenggat berakhir."
        )
    lama = permohonan.tenggat
    permohonan.diperpanjang = hari
    permohonan.alasan_perpanjangan = alasan
    permohonan.tenggat = tg.tenggat_diperpanjang(lama)
    permohonan.status = StatusPermohonan.DIPERPANJANG
    _validasi(permohonan)
    permohonan.save()
    audit.record(
        action="ppid.permohonan_diperpanjang",
        actor=actor,
        desa=desa,
        obj=permohonan,
        request=request,
        changes={"tenggat": [str(lama), str(permohonan.tenggat)]},
    )
    return permohonan


@transaction.atomic
def jawab_permohonan(
    *,
    desa,
    actor,
    permohonan,
    jawaban,
    uraian="",
    dasar_pengecualian="",
    uji_konsekuensi="",
    penguasa_lain="",
    biaya=0,
    request=None,
    hari=None,
):
    """Answer a request (the Surat Pemberitahuan Tertulis). A refusal, full or partial, must
    cite the exception and its consequence test; every answer short of "given in full" must
    explain itself to the requester."""
    _cek_milik(permohonan, desa)
    hari = hari or _hari_ini()
    permohonan = Permohonan.objects.select_for_update().get(pk=permohonan.pk)
    if permohonan.status == StatusPermohonan.SELESAI:
        raise ValidationError("Permohonan ini sudah dijawab.")
    if jawaban not in Jawaban.values:
        raise ValidationError({"jawaban": "Pilih salah satu jawaban."})
    salah = {}
    uraian, dasar, uji = (uraian or "").strip(), (dasar_pengecualian or "").strip(), (uji_konsekuensi or "").strip()
    if jawaban in PERLU_PENGECUALIAN:
        if not dasar:
            salah["dasar_pengecualian"] = "Sebutkan dasar hukum pengecualian (mis. UU 14/2008 Pasal 17 huruf h)."
        if not uji:
            salah["uji_konsekuensi"] = "Tuliskan uji konsekuensi: akibat yang timbul bila informasi dibuka."
    if jawaban in PERLU_URAIAN and not uraian:
        salah["uraian_jawaban"] = "Jelaskan kepada pemohon mengapa informasi tidak diberikan seluruhnya."
    if salah:
        raise ValidationError(salah)
    permohonan.jawaban = jawaban
    permohonan.jawaban_tanggal = hari
    permohonan.uraian_jawaban = uraian
    permohonan.dasar_pengecualian = dasar if jawaban in PERLU_PENGECUALIAN else ""
    permohonan.uji_konsekuensi = uji if jawaban in PERLU_PENGECUALIAN else ""
    permohonan.penguasa_lain = (penguasa_lain or "").strip() if jawaban == Jawaban.BELUM_DIKUASAI else ""
    permohonan.biaya = biaya or 0
    permohonan.status = StatusPermohonan.SELESAI
    permohonan.dijawab_oleh = actor if getattr(actor, "pk", None) else None
    _validasi(permohonan)
    permohonan.save()
    audit.record(
        action="ppid.permohonan_dijawab",
        actor=actor,
        desa=desa,
        obj=permohonan,
        request=request,
        changes={"jawaban": [None, jawaban], "terlambat": [None, hari > permohonan.tenggat]},
    )
    return permohonan


# --- keberatan --------------------------------------------------------------------------------


@transaction.atomic
def ajukan_keberatan(*, desa, permohonan, alasan, uraian="", actor=None, request=None, hari=None):
    """File an objection within its window (30 working days after the answer, or after the
    missed deadline). Outside it: a ValidationError naming the dates."""
    _cek_milik(permohonan, desa)
    hari = hari or _hari_ini()
    permohonan = Permohonan.objects.select_for_update().get(pk=permohonan.pk)
    if Keberatan.objects.filter(desa=desa, permohonan=permohonan).exists():
        raise ValidationError("Keberatan atas permohonan ini sudah diajukan; lihat statusnya di halaman status.")
    mulai, akhir = tg.jendela_keberatan(
        jawaban_tanggal=permohonan.jawaban_tanggal, tenggat=permohonan.tenggat, hari=hari
    )
    if mulai is None:
        raise ValidationError(
            f"Permohonan masih diproses; PPID punya waktu sampai {permohonan.tenggat:%d-%m-%Y}. Keberatan dapat "
            "diajukan setelah ada jawaban atau setelah tenggat itu lewat."
        )
    if hari > akhir:
        raise ValidationError(
            f"Batas waktu pengajuan keberatan sudah berakhir pada {akhir:%d-%m-%Y} "
            f"(30 hari kerja sejak {mulai:%d-%m-%Y})."
        )
    tahun = hari.year
    urut = _urut_berikutnya(Keberatan, desa=desa, tahun=tahun)
    keberatan = Keberatan(
        desa=desa,
        permohonan=permohonan,
        tahun=tahun,
        urut=urut,
        nomor=_nomor("KEB", desa, tahun, urut),
        alasan=alasan,
        uraian=(uraian or "").strip(),
        diterima=hari,
        tenggat=tg.tenggat_atasan(hari),
    )
    keberatan.full_clean()
    keberatan.save()
    audit.record(
        action="ppid.keberatan_diterima",
        actor=actor,
        desa=desa,
        obj=keberatan,
        request=request,
        changes={"permohonan": [None, permohonan.nomor], "alasan": [None, alasan]},
    )
    return keberatan


@transaction.atomic
def tanggapi_keberatan(*, desa, actor, keberatan, putusan, tanggapan, request=None, hari=None):
    """The atasan PPID's written decision on an objection."""
    _cek_milik(keberatan, desa)
    hari = hari or _hari_ini()
    keberatan = Keberatan.objects.select_for_update().get(pk=keberatan.pk)
    if keberatan.status == StatusKeberatan.SELESAI:
        raise ValidationError("Keberatan ini sudah ditanggapi.")
    salah = {}
    if putusan not in PutusanKeberatan.values:
        salah["putusan"] = "Pilih putusan atas keberatan."
    if not (tanggapan or "").strip():
        salah["tanggapan"] = "Tuliskan tanggapan tertulis atasan PPID beserta pertimbangannya."
    if salah:
        raise ValidationError(salah)
    keberatan.putusan = putusan
    keberatan.tanggapan = tanggapan.strip()
    keberatan.tanggapan_tanggal = hari
    keberatan.status = StatusKeberatan.SELESAI
    keberatan.ditanggapi_oleh = actor if getattr(actor, "pk", None) else None
    keberatan.full_clean()
    keberatan.save()
    audit.record(
        action="ppid.keberatan_ditanggapi",
        actor=actor,
        desa=desa,
        obj=keberatan,
        request=request,
        changes={"putusan": [None, putusan], "terlambat": [None, hari > keberatan.tenggat]},
    )
    return keberatan


# --- daftar informasi publik -----------------------------------------------------------------


@transaction.atomic
def simpan_informasi(*, desa, actor, informasi, berkas=None, hapus_berkas=False, request=None):
    """Create or update a DIP entry; a new file is checked by its content. Excluded information
    keeps no file and no link."""
    before = audit.snapshot(InformasiPublik.objects.get(pk=informasi.pk)) if informasi.pk else None
    informasi.desa = desa
    if informasi.dikecualikan:
        berkas, hapus_berkas, informasi.tautan = None, True, ""
    lama = informasi.berkas.name if informasi.pk else ""
    if berkas is not None:
        informasi.jenis_berkas = periksa_berkas_dip(berkas)
        informasi.ukuran = berkas.size
        berkas.seek(0)
        informasi.berkas.save(f"dip.{informasi.jenis_berkas}", berkas, save=False)
    elif hapus_berkas:
        informasi.berkas, informasi.jenis_berkas, informasi.ukuran = "", "", 0
    informasi.full_clean(exclude=["berkas"])
    informasi.save()
    if informasi.terbit and konten.periksa(
        desa=desa, obj=informasi, teks={"tautan": informasi.tautan}, actor=actor, terbitkan=TERBITKAN, request=request
    ):
        informasi.terbit = False  # held for the kabupaten's review; its release publishes it
        informasi.save(update_fields=["terbit"])
    if lama and lama != informasi.berkas.name:
        transaction.on_commit(lambda: informasi.berkas.storage.delete(lama))
    audit.record(
        action="ppid.informasi_diubah" if before is not None else "ppid.informasi_dibuat",
        actor=actor,
        desa=desa,
        obj=informasi,
        request=request,
        changes=audit.diff(before or {}, audit.snapshot(informasi)),
    )
    sitecache.bump_on_commit(desa.pk)
    return informasi


@transaction.atomic
def terbitkan_setelah_tinjau(*, obj, actor):
    """Publish a DIP entry the content check held (balai.core.konten), once the kabupaten released it."""
    before = audit.snapshot(obj)
    obj.terbit = True
    obj.save(update_fields=["terbit", "diperbarui"])
    audit.record(
        action="ppid.informasi_dilepas_pemeriksaan",
        actor=actor,
        desa=obj.desa,
        obj=obj,
        changes=audit.diff(before, audit.snapshot(obj)),
    )
    sitecache.bump_on_commit(obj.desa.pk)


@transaction.atomic
def hapus_informasi(*, desa, actor, informasi, request=None):
    _cek_milik(informasi, desa)
    audit.record(
        action="ppid.informasi_dihapus",
        actor=actor,
        desa=desa,
        obj=informasi,
        request=request,
        changes=audit.diff(audit.snapshot(informasi), {}),
    )
    nama = informasi.berkas.name
    storage = informasi.berkas.storage
    informasi.delete()
    if nama:
        transaction.on_commit(lambda: storage.delete(nama))
    sitecache.bump_on_commit(desa.pk)


def catat_akses(*, desa, actor, obj, action, request=None, label=""):
    """Record that staff opened or printed personal data (ID scan, written answer, register)."""
    audit.record(action=action, actor=actor, desa=desa, obj=obj, request=request, label=label)


# --- notifications ----------------------------------------------------------------------------


def alamat_petugas(desa):
    """Email addresses of the village's active accounts that handle PPID requests."""
    from balai.akun.izin import PERAN_IZIN
    from balai.akun.models import User

    peran = [p for p, izin in PERAN_IZIN.items() if "ppid.kelola" in izin and p != "admin_kabupaten"]
    qs = User.objects.filter(desa=desa, is_active=True, keanggotaan__peran__in=peran).exclude(email="")
    return sorted(set(qs.values_list("email", flat=True)))


def _kabari_petugas(permohonan):
    alamat = alamat_petugas(permohonan.desa)
    if not alamat:
        return
    try:
        send_mail(
            f"Permohonan informasi baru {permohonan.nomor}",
            f"Permohonan informasi {permohonan.nomor} diterima pada {permohonan.diterima:%d-%m-%Y}. "
            f"Tenggat jawaban: {permohonan.tenggat:%d-%m-%Y} (10 hari kerja). "
            "Buka menu PPID di kantor desa untuk menanganinya.",
            None,
            alamat,
        )
    except OSError:
        log.warning("PPID notice for request %s could not be sent", permohonan.pk)


def kirim_pengingat(*, hari=None):
    """One email per village with requests or objections due within HARI_SEGERA working days or
    overdue, to its PPID accounts. Returns the number of villages notified. Run daily (the
    `ppid_pengingat` command)."""
    from django_scopes import scopes_disabled

    from .selectors import perlu_perhatian

    hari = hari or _hari_ini()
    dikirim = 0
    with scopes_disabled():
        for desa, daftar in perlu_perhatian(hari=hari).items():
            alamat = alamat_petugas(desa)
            if not alamat:
                continue
            baris = [f"- {item.nomor}: tenggat {item.tenggat:%d-%m-%Y} ({ket})" for item, ket in daftar]
            send_mail(
                f"PPID {desa.nama}: {len(daftar)} permohonan/keberatan perlu segera dijawab",
                "Tenggat berikut sudah dekat atau terlewat:\n" + "\n".join(baris),
                None,
                alamat,
            )
            audit.record(
                action="ppid.pengingat_dikirim", desa=desa, changes={"jumlah": [None, len(daftar)]}, label=desa.nama
            )
            dikirim += 1
    return dikirim
