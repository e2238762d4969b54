"""Every change to letters: requests, verification, signing (number, frozen content, PDF),
the camat's countersignature, rejection, cancellation, correction, messages, templates and
settings. Each function runs in one transaction and writes one audit entry.

The workflow (Surat.Status):

    permohonan --verifikasi--> diverifikasi --tandatangani--> ditandatangani --selesaikan--> selesai
                                              (perlu camat) -> menunggu_camat --setujui_camat--> ditandatangani
    permohonan / diverifikasi / menunggu_camat --tolak--> ditolak
    menunggu_camat / ditandatangani / selesai --batalkan--> batal (keeps its number)
    a signed letter's correction (koreksi_surat) is a new letter; once signed, the old is diganti.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from balai.core import audit

from . import isi, katalog, nomor, pdf, templat
from .berkas import periksa_lampiran
from .katalog import ANGKA, PILIHAN, TANGGAL, UANG
from .models import LampiranSurat, PengaturanSurat, PesanSurat, Surat, SuratMasuk, TemplatSurat

AUDIT_LABELS = {
    "surat.diajukan": "Permohonan surat diajukan",
    "surat.diubah": "Isian surat diubah",
    "surat.diverifikasi": "Surat diverifikasi",
    "surat.ditandatangani": "Surat ditandatangani",
    "surat.disetujui_camat": "Surat diketahui camat",
    "surat.ditolak": "Surat ditolak",
    "surat.selesai": "Surat diambil/selesai",
    "surat.dibatalkan": "Surat dibatalkan",
    "surat.diganti": "Surat diganti dengan surat koreksi",
    "surat.koreksi": "Surat koreksi dibuat",
    "surat.pesan": "Pesan surat dikirim",
    "surat.templat_disimpan": "Templat surat disimpan",
    "surat.pengaturan_disimpan": "Pengaturan surat disimpan",
    "surat_masuk.dicatat": "Surat masuk dicatat",
    "surat_masuk.disposisi": "Surat masuk didisposisi",
    "surat_masuk.selesai": "Surat masuk selesai ditindaklanjuti",
}

Status = Surat.Status


def _spec(jenis):
    return jenis if isinstance(jenis, katalog.JenisSurat) else katalog.jenis(jenis)


def bersihkan_isian(spec, isian: dict) -> dict:
    """The letter type's fields from `isian`, as stored strings (dates ISO, numbers digits);
    ValidationError {field: message} for a missing required field or a bad value."""
    bersih, masalah = {}, {}
    for i in spec.isian:
        value = isian.get(i.nama, "")
        if isinstance(value, datetime.date):
            value = value.isoformat()
        value = "" if value is None else str(value).strip()
        if not value:
            if i.wajib:
                masalah[i.nama] = f"{i.label} wajib diisi."
            bersih[i.nama] = ""
            continue
        try:
            if i.jenis == TANGGAL:
                value = datetime.date.fromisoformat(value).isoformat()
            elif i.jenis in (ANGKA, UANG):
                angka = int(value.replace(".", "")) if value.replace(".", "").isdigit() else -1
                if angka < 0 or angka > 10**13:
                    raise ValueError
                value = str(angka)
            elif i.jenis == PILIHAN and value not in i.pilihan:
                raise ValueError
        except ValueError:
            masalah[i.nama] = f"{i.label}: nilai “{value[:40]}” tidak sah."
            continue
        bersih[i.nama] = value[:2000]
    if masalah:
        raise ValidationError(masalah)
    return bersih


def _periksa_penduduk(desa, penduduk, pemohon):
    if penduduk.desa_id != desa.pk or (pemohon is not None and pemohon.desa_id != desa.pk):
        raise ValidationError("Penduduk tidak terdaftar di desa ini.")
    if pemohon is not None and pemohon.pk != penduduk.pk:
        if not pemohon.keluarga_id or pemohon.keluarga_id != penduduk.keluarga_id:
            raise ValidationError("Surat hanya dapat diminta untuk diri sendiri atau anggota satu KK.")


def _simpan_lampiran(surat, spec, lampiran: dict, *, wajib: bool):
    masalah = {}
    for nama in spec.lampiran:
        file = lampiran.get(nama)
        if file is None:
            if wajib:
                masalah[nama] = f"Lampiran “{nama}” wajib diunggah."
            continue
        try:
            jenis = periksa_lampiran(file)
        except ValidationError as e:
            masalah[nama] = f"{nama}: {' '.join(e.messages)}"
            continue
        file.seek(0)
        item = LampiranSurat(desa=surat.desa, surat=surat, nama=nama, jenis_berkas=jenis, ukuran=file.size)
        item.berkas.save(f"lampiran.{jenis}", ContentFile(file.read()), save=False)
        item.save()
    unknown = set(lampiran) - set(spec.lampiran)
    if unknown:
        masalah["lampiran"] = f"Lampiran tidak dikenal: {', '.join(sorted(unknown))}."
    if masalah:
        raise ValidationError(masalah)


def ajukan_permohonan(
    *, desa, jenis, penduduk, pemohon, isian: dict, lampiran: dict, kanal: str, actor=None,
    telepon="", email="", request=None,
) -> Surat:  # fmt: skip
    """A new letter request (from Layanan Mandiri or the office). `penduduk` is whom the
    letter is for, `pemohon` the resident asking (same KK, or None for the office). Required
    attachments are required online; at the office the operator sees the papers."""
    spec = _spec(jenis)
    if kanal not in Surat.Kanal.values:
        raise ValidationError("Kanal permohonan tidak dikenal.")
    _periksa_penduduk(desa, penduduk, pemohon)
    templat_desa = isi.templat_untuk(desa, spec.kode)
    if not templat_desa.aktif or (kanal == Surat.Kanal.MANDIRI and not (spec.untuk_warga and templat_desa.untuk_warga)):
        raise ValidationError("Jenis surat ini tidak dapat diminta di desa ini.")
    bersih = bersihkan_isian(spec, isian)
    with transaction.atomic():
        surat = Surat(
            desa=desa,
            jenis=spec.kode,
            klasifikasi=templat_desa.klasifikasi,
            penduduk=penduduk,
            pemohon=pemohon,
            kanal=kanal,
            isian=bersih,
            telepon=(telepon or "")[:20],
            email=email or "",
            perlu_camat=spec.perlu_camat,
            dibuat_oleh=actor if getattr(actor, "pk", None) else None,
        )
        surat.full_clean(exclude=["penduduk", "pemohon", "desa"])
        surat.save()
        _simpan_lampiran(surat, spec, lampiran or {}, wajib=kanal == Surat.Kanal.MANDIRI)
        audit.record(
            action="surat.diajukan", actor=actor, desa=desa, obj=surat, request=request,
            changes={"jenis": [None, spec.kode], "kanal": [None, kanal]},
        )  # fmt: skip
    return surat


def _ambil(surat, *boleh):
    """The letter re-read and locked for this transaction, if its status is one of `boleh`."""
    fresh = Surat.objects.select_for_update().get(pk=surat.pk, desa_id=surat.desa_id)
    if fresh.status not in boleh:
        raise ValidationError(
            f"Surat berstatus “{fresh.get_status_display()}”; langkah ini tidak dapat dilakukan sekarang."
        )
    return fresh


def _catat(surat, action, actor, request, lama, **extra):
    changes = {"status": [lama, surat.status]} | extra
    audit.record(action=action, actor=actor, desa=surat.desa, obj=surat, request=request, changes=changes)
    _beri_tahu(surat)


def ubah_isian(*, surat, actor, isian: dict, telepon=None, email=None, request=None) -> Surat:
    """Change a letter's fields; refused once it is signed (a signed letter never changes)."""
    with transaction.atomic():
        surat = _ambil(surat, Status.PERMOHONAN, Status.DIVERIFIKASI)
        surat.isian = bersihkan_isian(surat.spec, isian)
        if telepon is not None:
            surat.telepon = telepon[:20]
        if email is not None:
            surat.email = email
        surat.save()
        audit.record(action="surat.diubah", actor=actor, desa=surat.desa, obj=surat, request=request)
    return surat


def verifikasi_surat(*, surat, actor, penanda_tangan, atas_nama="", request=None) -> Surat:
    """The operator checked the request and names who signs (kepala desa, or a.n./u.b.)."""
    if penanda_tangan is None or penanda_tangan.desa_id != surat.desa_id:
        raise ValidationError({"penanda_tangan": "Pilih penanda tangan dari perangkat desa ini."})
    if atas_nama not in Surat.AtasNama.values:
        raise ValidationError({"atas_nama": "Pilihan atas nama tidak sah."})
    with transaction.atomic():
        surat = _ambil(surat, Status.PERMOHONAN)
        lama = surat.status
        surat.status = Status.DIVERIFIKASI
        surat.penanda_tangan = penanda_tangan
        surat.atas_nama = atas_nama
        surat.diverifikasi_pada = timezone.now()
        surat.diverifikasi_oleh = actor
        surat.save()
        _catat(surat, "surat.diverifikasi", actor, request, lama, penanda_tangan=[None, str(penanda_tangan)])
    return surat


def boleh_tandatangani(surat, user) -> bool:
    """Only the official the letter names, through their own account, holding surat.tandatangan."""
    perangkat = getattr(user, "perangkat", None) if getattr(user, "is_authenticated", False) else None
    return (
        surat.status == Status.DIVERIFIKASI
        and perangkat is not None
        and surat.penanda_tangan_id == perangkat.pk
        and user.punya_izin("surat.tandatangan")
    )


def _terbitkan(surat):
    """Render, sign and store the PDF of a signed letter; remember the hash of those bytes."""
    data = pdf.tandatangani(surat, pdf.render(surat))
    surat.sha256 = pdf.sha256(data)
    surat.berkas_pdf.save("surat.pdf", ContentFile(data), save=False)


def tandatangani_surat(*, surat, actor, request=None, terbitkan=True) -> Surat:
    """The named signer signs: the letter gets its number and date and its content is frozen;
    then (unless the camat must countersign first) the signed PDF is issued.

    The village's number counter stays locked until the signing commits, so everything that can
    be prepared without the number is done before taking it, and the PDF (render + signature,
    the slow part) is made after the commit, under the letter's own row lock only
    (pastikan_pdf): one slow render never holds up the village's other signers. Should it fail,
    the letter is signed and numbered and its PDF is made on first download.
    `terbitkan=False` (demo data, the numbering benchmark) leaves the PDF to that first download."""
    if not boleh_tandatangani(surat, actor):
        raise PermissionDenied("Hanya penanda tangan yang ditunjuk pada surat ini yang dapat menandatanganinya.")
    with transaction.atomic():
        surat = _ambil(surat, Status.DIVERIFIKASI)
        lama = surat.status
        teks = isi.templat_untuk(surat.desa, surat.jenis).isi
        pengaturan = nomor.pengaturan(surat.desa)
        surat.tanggal_surat = timezone.localdate()
        if surat.spec.berlaku_hari:
            surat.berlaku_sampai = surat.tanggal_surat + datetime.timedelta(days=surat.spec.berlaku_hari)
        surat.data = isi.data_beku(surat)
        # From here on the counter row is locked until commit: keep it short.
        surat.nomor = nomor.ambil_nomor(desa=surat.desa, jenis=surat.jenis, tanggal=surat.tanggal_surat)
        surat.nomor_lengkap = nomor.susun(
            pengaturan.format_nomor, kode=surat.klasifikasi, nomor=surat.nomor, desa=surat.desa,
            tanggal=surat.tanggal_surat,
        )  # fmt: skip
        surat.data["nomor_surat"] = surat.nomor_lengkap
        surat.isi_final = isi.isi_html(surat, teks)
        surat.ditandatangani_pada = timezone.now()
        surat.ditandatangani_oleh = actor
        surat.status = Status.MENUNGGU_CAMAT if surat.perlu_camat else Status.DITANDATANGANI
        surat.save()
        _ganti_yang_lama(surat, actor, request)
        _catat(surat, "surat.ditandatangani", actor, request, lama, nomor_lengkap=[None, surat.nomor_lengkap])
    if terbitkan and surat.status == Status.DITANDATANGANI:
        surat = pastikan_pdf(surat)
    return surat


def _ganti_yang_lama(surat, actor, request):
    lama = surat.menggantikan
    if lama is None:
        return
    lama = Surat.objects.select_for_update().get(pk=lama.pk, desa_id=surat.desa_id)
    if lama.status in (Status.DITANDATANGANI, Status.SELESAI, Status.MENUNGGU_CAMAT):
        before = lama.status
        lama.status = Status.DIGANTI
        lama.save(update_fields=["status", "diperbarui"])
        audit.record(
            action="surat.diganti", actor=actor, desa=lama.desa, obj=lama, request=request,
            changes={"status": [before, lama.status], "pengganti": [None, surat.nomor_lengkap]},
        )  # fmt: skip


def setujui_camat(*, surat, actor, nama_camat, nip_camat="", request=None) -> Surat:
    """The kecamatan countersigns ("mengetahui"); the letter is then issued."""
    if not (nama_camat or "").strip():
        raise ValidationError({"nama_camat": "Nama camat wajib diisi."})
    with transaction.atomic():
        surat = _ambil(surat, Status.MENUNGGU_CAMAT)
        lama = surat.status
        surat.camat_nama = nama_camat.strip()[:100]
        surat.camat_nip = (nip_camat or "").strip()[:30]
        surat.camat_pada = timezone.now()
        surat.camat_oleh = actor
        surat.status = Status.DITANDATANGANI
        _terbitkan(surat)
        surat.save()
        _catat(surat, "surat.disetujui_camat", actor, request, lama)
    return surat


def tolak_surat(*, surat, actor, alasan, request=None) -> Surat:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan penolakan; pemohon akan membacanya."})
    with transaction.atomic():
        surat = _ambil(surat, Status.PERMOHONAN, Status.DIVERIFIKASI, Status.MENUNGGU_CAMAT)
        if surat.status == Status.DIVERIFIKASI and not (
            actor.punya_izin("surat.proses") or boleh_tandatangani(surat, actor)
        ):
            raise PermissionDenied
        lama = surat.status
        surat.status = Status.DITOLAK
        surat.alasan_tolak = alasan[:2000]
        surat.ditolak_pada = timezone.now()
        surat.save()
        _catat(surat, "surat.ditolak", actor, request, lama, alasan=[None, alasan[:200]])
    return surat


def selesaikan_surat(*, surat, actor, request=None) -> Surat:
    """The resident took the letter (or downloaded it)."""
    with transaction.atomic():
        surat = _ambil(surat, Status.DITANDATANGANI)
        lama = surat.status
        surat.status = Status.SELESAI
        surat.selesai_pada = timezone.now()
        surat.save(update_fields=["status", "selesai_pada", "diperbarui"])
        _catat(surat, "surat.selesai", actor, request, lama)
    return surat


def batalkan_surat(*, surat, actor, alasan, request=None) -> Surat:
    """Cancel a signed letter: it keeps its number in the register, marked batal, and the
    verification page says so."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan pembatalan."})
    with transaction.atomic():
        surat = _ambil(surat, Status.MENUNGGU_CAMAT, Status.DITANDATANGANI, Status.SELESAI)
        lama = surat.status
        surat.status = Status.BATAL
        surat.alasan_batal = alasan[:2000]
        surat.dibatalkan_pada = timezone.now()
        surat.save(update_fields=["status", "alasan_batal", "dibatalkan_pada", "diperbarui"])
        _catat(surat, "surat.dibatalkan", actor, request, lama, alasan=[None, alasan[:200]])
    return surat


def koreksi_surat(*, surat, actor, request=None) -> Surat:
    """A new letter (permohonan) with the same resident and fields, pointing at the signed one
    it corrects; the old one is marked diganti when the new one is signed."""
    if surat.status not in (Status.MENUNGGU_CAMAT, Status.DITANDATANGANI, Status.SELESAI):
        raise ValidationError("Hanya surat yang sudah ditandatangani yang dikoreksi dengan surat baru.")
    with transaction.atomic():
        baru = Surat.objects.create(
            desa=surat.desa,
            jenis=surat.jenis,
            klasifikasi=surat.klasifikasi,
            penduduk=surat.penduduk,
            pemohon=surat.pemohon,
            kanal=Surat.Kanal.KANTOR,
            isian=dict(surat.isian),
            telepon=surat.telepon,
            email=surat.email,
            perlu_camat=surat.perlu_camat,
            menggantikan=surat,
            dibuat_oleh=actor,
        )
        audit.record(
            action="surat.koreksi", actor=actor, desa=surat.desa, obj=baru, request=request,
            changes={"menggantikan": [None, surat.nomor_lengkap]},
        )  # fmt: skip
    return baru


def pastikan_pdf(surat) -> Surat:
    """The issued PDF of a letter signed without rendering (demo data): rendered, signed and
    stored on first use, under the row lock, so two downloads never issue two files."""
    if surat.berkas_pdf or surat.status not in Surat.TERBIT:
        return surat
    with transaction.atomic():
        fresh = Surat.objects.select_for_update().get(pk=surat.pk, desa_id=surat.desa_id)
        if not fresh.berkas_pdf:
            _terbitkan(fresh)
            fresh.save(update_fields=["berkas_pdf", "sha256", "diperbarui"])
    return fresh


def kirim_pesan(*, surat, teks, dari_warga: bool, pengirim: str, actor=None, request=None) -> PesanSurat:
    teks = (teks or "").strip()
    if not teks:
        raise ValidationError({"teks": "Pesan kosong."})
    if len(teks) > 2000:
        raise ValidationError({"teks": "Pesan terlalu panjang (paling banyak 2.000 karakter)."})
    with transaction.atomic():
        pesan = PesanSurat.objects.create(
            desa=surat.desa, surat=surat, dari_warga=dari_warga, pengirim=(pengirim or "")[:100], teks=teks
        )
        audit.record(
            action="surat.pesan", actor=actor, desa=surat.desa, obj=surat, request=request,
            changes={"dari_warga": [None, dari_warga]},
        )  # fmt: skip
    if not dari_warga and surat.email:
        _kirim_email(surat, f"Pesan baru tentang {surat.spec.nama}", f"{pengirim}: {teks}")
    return pesan


def simpan_templat(*, desa, actor, jenis, isi: str, klasifikasi: str, untuk_warga=True, aktif=True, request=None):
    spec = katalog.jenis(jenis)
    templat.periksa(isi, spec)
    if not (klasifikasi or "").strip():
        raise ValidationError({"klasifikasi": "Kode klasifikasi wajib diisi."})
    with transaction.atomic():
        obj, _ = TemplatSurat.objects.get_or_create(
            desa=desa, jenis=spec.kode, defaults={"isi": isi, "klasifikasi": klasifikasi}
        )
        before = audit.snapshot(obj, ["isi", "klasifikasi", "untuk_warga", "aktif"])
        obj.isi, obj.klasifikasi, obj.untuk_warga, obj.aktif = isi, klasifikasi.strip(), untuk_warga, aktif
        obj.diubah_oleh = actor
        obj.save()
        after = audit.snapshot(obj, ["isi", "klasifikasi", "untuk_warga", "aktif"])
        audit.record(
            action="surat.templat_disimpan", actor=actor, desa=desa, obj=obj, request=request,
            changes=audit.diff(before, after),
        )  # fmt: skip
    return obj


def simpan_pengaturan(*, desa, actor, pengaturan: PengaturanSurat, request=None) -> PengaturanSurat:
    nomor.periksa_format(pengaturan.format_nomor)
    with transaction.atomic():
        pengaturan.desa = desa
        existing = PengaturanSurat.objects.filter(desa=desa).first()
        if existing is not None:
            pengaturan.pk = existing.pk
        pengaturan.full_clean(exclude=["desa"], validate_constraints=False)
        pengaturan.save()
        audit.record(action="surat.pengaturan_disimpan", actor=actor, desa=desa, obj=pengaturan, request=request)
    return pengaturan


# Notifications ---------------------------------------------------------------------------

PESAN_STATUS = {
    Status.DIVERIFIKASI: "sudah diperiksa dan menunggu tanda tangan.",
    Status.MENUNGGU_CAMAT: "sudah ditandatangani dan menunggu diketahui camat.",
    Status.DITANDATANGANI: "sudah selesai dan dapat diambil atau diunduh.",
    Status.SELESAI: "sudah diambil. Terima kasih.",
    Status.DITOLAK: "ditolak.",
    Status.BATAL: "dibatalkan.",
}


def pesan_status(surat) -> str:
    text = f"{surat.spec.nama} untuk {surat.penduduk.nama} {PESAN_STATUS.get(surat.status, surat.get_status_display())}"
    if surat.status == Status.DITOLAK and surat.alasan_tolak:
        text += f" Alasan: {surat.alasan_tolak}"
    return text


def _kirim_email(surat, subject, body):
    to = surat.email
    desa = surat.desa.nama
    transaction.on_commit(
        lambda: send_mail(f"[{desa}] {subject}", body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=True)
    )


def _beri_tahu(surat):
    if surat.email and surat.status in PESAN_STATUS:
        _kirim_email(surat, f"{surat.spec.nama}: {surat.get_status_display()}", pesan_status(surat))


# Surat masuk (incoming mail) ----------------------------------------------------------------


def catat_surat_masuk(
    *, desa, actor, tanggal_terima, nomor_surat, tanggal_surat, pengirim, perihal, berkas=None, request=None
) -> SuratMasuk:
    """Record an arrived letter under the next agenda number of its year of arrival. A scan, if
    given, must be a PDF/JPEG/PNG by content (the attachment check); otherwise nothing is saved."""
    jenis = periksa_lampiran(berkas) if berkas else ""
    with transaction.atomic():
        item = SuratMasuk(
            desa=desa, tahun=tanggal_terima.year, tanggal_terima=tanggal_terima, nomor_surat=nomor_surat,
            tanggal_surat=tanggal_surat, pengirim=pengirim, perihal=perihal, jenis_berkas=jenis, dicatat_oleh=actor,
            nomor_agenda=nomor.ambil_nomor_agenda_masuk(desa=desa, tahun=tanggal_terima.year),
        )  # fmt: skip
        item.full_clean(exclude=["berkas"])
        if berkas:
            berkas.seek(0)
            item.berkas.save(f"masuk.{jenis}", ContentFile(berkas.read()), save=False)
        item.save()
        audit.record(action="surat_masuk.dicatat", actor=actor, desa=desa, obj=item, request=request)
    return item


def disposisi_surat_masuk(*, surat_masuk, actor, kepada, isi: str, request=None) -> SuratMasuk:
    """Hand the letter to an official of the same village with an instruction."""
    if kepada.desa_id != surat_masuk.desa_id:
        raise ValidationError({"disposisi_kepada": "Perangkat ini bukan perangkat desa ini."})
    if surat_masuk.status == SuratMasuk.Status.SELESAI:
        raise ValidationError("Surat masuk ini sudah selesai; disposisi tidak bisa diubah.")
    with transaction.atomic():
        item = SuratMasuk.objects.select_for_update().get(pk=surat_masuk.pk, desa=surat_masuk.desa)
        lama = item.disposisi_kepada.nama if item.disposisi_kepada_id else None
        item.disposisi_kepada, item.isi_disposisi = kepada, isi.strip()
        item.status = SuratMasuk.Status.DIDISPOSISI
        item.save(update_fields=["disposisi_kepada", "isi_disposisi", "status", "diperbarui"])
        audit.record(
            action="surat_masuk.disposisi", actor=actor, desa=item.desa, obj=item, request=request,
            changes={"disposisi_kepada": [lama, kepada.nama]},
        )  # fmt: skip
    return item


def selesaikan_surat_masuk(*, surat_masuk, actor, tindak_lanjut: str, request=None) -> SuratMasuk:
    """Close the letter with what was done about it."""
    if not tindak_lanjut.strip():
        raise ValidationError({"tindak_lanjut": "Tuliskan tindak lanjut surat ini."})
    with transaction.atomic():
        item = SuratMasuk.objects.select_for_update().get(pk=surat_masuk.pk, desa=surat_masuk.desa)
        lama = item.status
        item.tindak_lanjut, item.status = tindak_lanjut.strip(), SuratMasuk.Status.SELESAI
        item.save(update_fields=["tindak_lanjut", "status", "diperbarui"])
        audit.record(
            action="surat_masuk.selesai", actor=actor, desa=item.desa, obj=item, request=request,
            changes={"status": [lama, item.status]},
        )  # fmt: skip
    return item
