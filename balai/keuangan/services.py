"""Every change to a village's APBDes: transactional, validated, audited, and followed (after
commit) by a bump of the village's public-site cache. The back-office form, the xlsx template
and the Siskeudes import all end here (`terapkan_rancangan` for the two imports)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from balai.core import audit, sitecache

from . import kode as k
from .models import Apbdes, Baris, ImporApbdes, Kegiatan, Realisasi
from .rancangan import BerkasTidakValid, periksa_realisasi, rp

AUDIT_LABELS = {
    "keuangan.apbdes_dibuat": "APBDes dibuat",
    "keuangan.perubahan_dibuat": "APBDes perubahan dibuat",
    "keuangan.apbdes_diubah": "Data APBDes diubah",
    "keuangan.apbdes_diterbitkan": "APBDes diterbitkan",
    "keuangan.apbdes_ditarik": "APBDes ditarik dari situs",
    "keuangan.baris_disimpan": "Baris APBDes disimpan",
    "keuangan.baris_dihapus": "Baris APBDes dihapus",
    "keuangan.kegiatan_disimpan": "Kegiatan APBDes disimpan",
    "keuangan.realisasi_dicatat": "Realisasi APBDes dicatat",
    "keuangan.impor_diperiksa": "Berkas APBDes diperiksa",
    "keuangan.impor_disimpan": "Berkas APBDes diimpor",
}


def _pastikan_aktif(apbdes):
    if not apbdes.aktif:
        raise ValidationError("Versi ini sudah diganti perubahan berikutnya dan tidak dapat diubah lagi.")


def segarkan_pagu(*, desa, tahun):
    """Each kegiatan's pagu := the anggaran of its lines in the year's current version (one UPDATE)."""
    total = (
        Baris.objects.filter(desa=desa, kegiatan=OuterRef("pk"), apbdes__aktif=True)
        .values("kegiatan")
        .annotate(t=Sum("anggaran"))
        .values("t")
    )
    Kegiatan.objects.filter(desa=desa, tahun=tahun).update(
        pagu=Coalesce(Subquery(total), Value(Decimal(0)), output_field=DecimalField())
    )


@transaction.atomic
def buat_apbdes(*, desa, actor, tahun, nomor_perdes="", tanggal_perdes=None, request=None):
    if Apbdes.objects.filter(desa=desa, tahun=tahun).exists():
        raise ValidationError(f"APBDes {tahun} sudah ada. Buka tahun itu untuk mengubahnya atau membuat perubahan.")
    apbdes = Apbdes(desa=desa, tahun=tahun, versi=0, nomor_perdes=nomor_perdes, tanggal_perdes=tanggal_perdes)
    apbdes.full_clean()
    apbdes.save()
    audit.record(action="keuangan.apbdes_dibuat", actor=actor, desa=desa, obj=apbdes, request=request)
    return apbdes


@transaction.atomic
def ubah_apbdes(*, desa, actor, apbdes, request=None):
    """Save the version's own fields (nomor and tanggal Perdes) from a bound form instance."""
    _pastikan_aktif(apbdes)
    before = audit.snapshot(Apbdes.objects.get(pk=apbdes.pk))
    apbdes.full_clean()
    apbdes.save()
    audit.record(
        action="keuangan.apbdes_diubah",
        actor=actor,
        desa=desa,
        obj=apbdes,
        changes=audit.diff(before, audit.snapshot(apbdes)),
        request=request,
    )
    sitecache.bump_on_commit(desa.pk)
    return apbdes


@transaction.atomic
def buat_perubahan(*, desa, actor, apbdes, request=None):
    """A new APBDes-P version: a copy of the current one (lines and realisation so far), which
    becomes the current version; the previous one is kept, read-only, and stays on the public
    site until the perubahan is published."""
    apbdes = Apbdes.objects.select_for_update().get(pk=apbdes.pk, desa=desa)
    _pastikan_aktif(apbdes)
    Apbdes.objects.filter(pk=apbdes.pk).update(aktif=False)
    baru = Apbdes.objects.create(
        desa=desa, tahun=apbdes.tahun, versi=apbdes.versi + 1, aktif=True, sumber=apbdes.sumber
    )
    lama = list(Baris.objects.filter(apbdes=apbdes).order_by("pk"))
    salinan = Baris.objects.bulk_create(
        [
            Baris(
                desa=desa,
                apbdes=baru,
                jenis=b.jenis,
                kode=b.kode,
                uraian=b.uraian,
                kegiatan_id=b.kegiatan_id,
                sumber_dana=b.sumber_dana,
                anggaran=b.anggaran,
                urutan=b.urutan,
            )
            for b in lama
        ]
    )
    peta = {b.pk: s for b, s in zip(lama, salinan, strict=True)}
    Realisasi.objects.bulk_create(
        [
            Realisasi(desa=desa, baris=peta[r.baris_id], semester=r.semester, bulan=r.bulan, jumlah=r.jumlah,
                      dicatat_oleh_id=r.dicatat_oleh_id)
            for r in Realisasi.objects.filter(baris__apbdes=apbdes)
        ]
    )  # fmt: skip
    audit.record(action="keuangan.perubahan_dibuat", actor=actor, desa=desa, obj=baru, request=request)
    return baru


@transaction.atomic
def terbitkan(*, desa, actor, apbdes, terbit=True, request=None):
    apbdes = Apbdes.objects.select_for_update().get(pk=apbdes.pk, desa=desa)
    if terbit and not Baris.objects.filter(apbdes=apbdes).exists():
        raise ValidationError("APBDes tanpa baris anggaran tidak dapat diterbitkan.")
    apbdes.terbit = terbit
    apbdes.diterbitkan = timezone.now() if terbit else None
    apbdes.save(update_fields=["terbit", "diterbitkan", "diperbarui"])
    action = "keuangan.apbdes_diterbitkan" if terbit else "keuangan.apbdes_ditarik"
    audit.record(action=action, actor=actor, desa=desa, obj=apbdes, request=request)
    sitecache.bump_on_commit(desa.pk)
    return apbdes


@transaction.atomic
def simpan_kegiatan(*, desa, actor, kegiatan, request=None):
    kegiatan.desa = desa
    kegiatan.kode = k.kode_kegiatan(kegiatan.kode) if k.kode_kegiatan_valid(kegiatan.kode) else kegiatan.kode
    if not k.kode_kegiatan_valid(kegiatan.kode):
        raise ValidationError({"kode": "Kode kegiatan ditulis bidang.sub-bidang.nomor, mis. 2.3.01 (bidang 1–5)."})
    kegiatan.bidang, kegiatan.sub_bidang = kegiatan.kode.split(".")[0], ".".join(kegiatan.kode.split(".")[:2])
    before = audit.snapshot(Kegiatan.objects.get(pk=kegiatan.pk)) if kegiatan.pk else {}
    kegiatan.full_clean()
    kegiatan.save()
    audit.record(
        action="keuangan.kegiatan_disimpan",
        actor=actor,
        desa=desa,
        obj=kegiatan,
        changes=audit.diff(before, audit.snapshot(kegiatan)),
        request=request,
    )
    sitecache.bump_on_commit(desa.pk)
    return kegiatan


@transaction.atomic
def simpan_baris(*, desa, actor, baris, request=None):
    """Save one line of the current version (`baris.apbdes` set by the caller)."""
    _pastikan_aktif(baris.apbdes)
    baris.desa = desa
    baris.kode = k.normal_kode(baris.kode)
    if not k.kode_valid(baris.kode):
        raise ValidationError({"kode": "Kode rekening tidak dikenal: tulis mis. 4.2.1 (Dana Desa) atau 5.2.1."})
    baris.jenis = baris.kode[0]
    if baris.jenis == k.BELANJA and baris.kegiatan is None:
        raise ValidationError({"kegiatan": "Baris belanja harus masuk ke satu kegiatan."})
    if baris.jenis != k.BELANJA:
        baris.kegiatan = None
    if baris.kegiatan is not None and baris.kegiatan.tahun != baris.apbdes.tahun:
        raise ValidationError({"kegiatan": "Kegiatan ini milik tahun anggaran lain."})
    before = audit.snapshot(Baris.objects.get(pk=baris.pk)) if baris.pk else {}
    baris.full_clean()
    baris.save()
    segarkan_pagu(desa=desa, tahun=baris.apbdes.tahun)
    audit.record(
        action="keuangan.baris_disimpan",
        actor=actor,
        desa=desa,
        obj=baris,
        changes=audit.diff(before, audit.snapshot(baris)),
        request=request,
    )
    sitecache.bump_on_commit(desa.pk)
    return baris


@transaction.atomic
def hapus_baris(*, desa, actor, baris, request=None):
    _pastikan_aktif(baris.apbdes)
    audit.record(
        action="keuangan.baris_dihapus",
        actor=actor,
        desa=desa,
        obj=baris,
        changes=audit.diff(audit.snapshot(baris), {}),
        request=request,
    )
    tahun = baris.apbdes.tahun
    baris.delete()
    segarkan_pagu(desa=desa, tahun=tahun)
    sitecache.bump_on_commit(desa.pk)


@transaction.atomic
def catat_realisasi(*, desa, actor, apbdes, nilai, request=None):
    """`nilai`: {baris_id: {semester: Decimal or None}}. A semester's figure replaces whatever was
    recorded for that semester (monthly figures too); None clears it. Returns the warnings
    (realisation above the budget: accepted, shown to the operator)."""
    _pastikan_aktif(apbdes)
    baris = {b.pk: b for b in Baris.objects.filter(apbdes=apbdes, pk__in=list(nilai))}
    if len(baris) != len(nilai):
        raise ValidationError("Baris yang diisi tidak ada dalam APBDes ini.")
    lama = {}
    for r in Realisasi.objects.filter(baris__in=list(baris)):
        lama[(r.baris_id, r.semester)] = lama.get((r.baris_id, r.semester), Decimal(0)) + r.jumlah
    berubah, baru = {}, []
    for pk, per_semester in nilai.items():
        for semester, jumlah in per_semester.items():
            if jumlah is not None and jumlah < 0:
                raise ValidationError(f"Realisasi {baris[pk].kode} tidak boleh negatif.")
            sebelum = lama.get((pk, semester))
            if sebelum == jumlah or (sebelum is None and not jumlah):
                continue
            berubah[f"{baris[pk].kode} smt {semester}"] = [str(sebelum) if sebelum is not None else None, str(jumlah)]
            Realisasi.objects.filter(baris_id=pk, semester=semester).delete()
            if jumlah is not None:
                baru.append(Realisasi(desa=desa, baris_id=pk, semester=semester, jumlah=jumlah, dicatat_oleh=actor))
    Realisasi.objects.bulk_create(baru)
    if berubah:
        audit.record(
            action="keuangan.realisasi_dicatat", actor=actor, desa=desa, obj=apbdes, changes=berubah, request=request
        )
        sitecache.bump_on_commit(desa.pk)
    return peringatan_realisasi(apbdes=apbdes)


@transaction.atomic
def catat_realisasi_bulan(*, desa, actor, apbdes, bulan, nilai, request=None):
    """`nilai`: {baris_id: Decimal or None} for one month. A line's semester figure, if it had
    one, is replaced by its months: the semester total is then the sum of what was entered per
    month (the earlier figure is in the audit entry). Returns the warnings, as catat_realisasi."""
    _pastikan_aktif(apbdes)
    if not 1 <= bulan <= 12:
        raise ValidationError("Bulan harus 1–12.")
    semester = 1 if bulan <= 6 else 2
    baris = {b.pk: b for b in Baris.objects.filter(apbdes=apbdes, pk__in=list(nilai))}
    if len(baris) != len(nilai):
        raise ValidationError("Baris yang diisi tidak ada dalam APBDes ini.")
    ada = {(r.baris_id, r.bulan): r for r in Realisasi.objects.filter(baris__in=list(baris), semester=semester)}
    berubah, baru = {}, []
    for pk, jumlah in nilai.items():
        if jumlah is not None and jumlah < 0:
            raise ValidationError(f"Realisasi {baris[pk].kode} tidak boleh negatif.")
        lama_bulan, lama_semester = ada.get((pk, bulan)), ada.get((pk, None))
        sebelum = lama_bulan.jumlah if lama_bulan else None
        if sebelum == jumlah or (sebelum is None and not jumlah):
            continue
        if lama_semester is not None:
            berubah[f"{baris[pk].kode} smt {semester}"] = [str(lama_semester.jumlah), "diganti rincian bulanan"]
            lama_semester.delete()
        berubah[f"{baris[pk].kode} bulan {bulan}"] = [str(sebelum) if sebelum is not None else None, str(jumlah)]
        Realisasi.objects.filter(baris_id=pk, bulan=bulan).delete()
        if jumlah:
            baru.append(
                Realisasi(desa=desa, baris_id=pk, semester=semester, bulan=bulan, jumlah=jumlah, dicatat_oleh=actor)
            )
    Realisasi.objects.bulk_create(baru)
    if berubah:
        audit.record(
            action="keuangan.realisasi_dicatat", actor=actor, desa=desa, obj=apbdes, changes=berubah, request=request
        )
        sitecache.bump_on_commit(desa.pk)
    return peringatan_realisasi(apbdes=apbdes)


def peringatan_realisasi(*, apbdes):
    """Lines of `apbdes` whose realisation is above their budget, as messages."""
    qs = (
        Baris.objects.filter(apbdes=apbdes)
        .annotate(r=Sum("realisasi__jumlah"))
        .filter(r__gt=F("anggaran"))
        .order_by("kode")
    )
    return [f"Realisasi {b.kode} {b.uraian} ({rp(b.r)}) melebihi anggarannya ({rp(b.anggaran)})." for b in qs]


@transaction.atomic
def terapkan_rancangan(*, desa, actor, rancangan, sumber, request=None):
    """Write an import into the year's current version, replacing its lines and realisation
    (the first version of the year is created when there is none). All or nothing."""
    if rancangan.jumlah_galat:
        raise ValidationError("Berkas masih berisi masalah; perbaiki lalu unggah lagi.")
    tahun = rancangan.tahun
    apbdes = Apbdes.objects.select_for_update().filter(desa=desa, tahun=tahun, aktif=True).first()
    if apbdes is None:
        apbdes = Apbdes.objects.create(desa=desa, tahun=tahun, versi=0, aktif=True)
    Realisasi.objects.filter(baris__apbdes=apbdes).delete()
    Baris.objects.filter(apbdes=apbdes).delete()
    apbdes.sumber = sumber
    if rancangan.nomor_perdes:
        apbdes.nomor_perdes = rancangan.nomor_perdes[:100]
    apbdes.save()

    ada = {g.kode: g for g in Kegiatan.objects.filter(desa=desa, tahun=tahun)}
    baru, ubah = [], []
    for kode, r in rancangan.kegiatan.items():
        data = {"nama": r.nama[:300], "sumber_dana": r.sumber_dana[:60], "lokasi": r.lokasi[:200],
                "keluaran": r.keluaran[:300]}  # fmt: skip
        g = ada.get(kode)
        if g is None:
            bidang, sub = kode.split(".")[0], ".".join(kode.split(".")[:2])
            baru.append(Kegiatan(desa=desa, tahun=tahun, kode=kode, bidang=bidang, sub_bidang=sub, **data))
        elif any(getattr(g, f) != v for f, v in data.items()):
            for f, v in data.items():
                setattr(g, f, v)
            ubah.append(g)
    Kegiatan.objects.bulk_create(baru)
    Kegiatan.objects.bulk_update(ubah, ["nama", "sumber_dana", "lokasi", "keluaran"])
    kegiatan = {g.kode: g for g in Kegiatan.objects.filter(desa=desa, tahun=tahun)}

    lines = Baris.objects.bulk_create(
        [
            Baris(
                desa=desa,
                apbdes=apbdes,
                jenis=b.jenis,
                kode=k.normal_kode(b.kode),
                uraian=b.uraian[:300],
                kegiatan=kegiatan[b.kegiatan] if b.jenis == k.BELANJA else None,
                sumber_dana=b.sumber_dana[:10],
                anggaran=b.anggaran,
                urutan=i,
            )
            for i, b in enumerate(rancangan.baris)
        ]
    )
    Realisasi.objects.bulk_create(
        [
            Realisasi(desa=desa, baris=line, semester=smt, bulan=bulan, jumlah=jumlah, dicatat_oleh=actor)
            for line, b in zip(lines, rancangan.baris, strict=True)
            for (smt, bulan), jumlah in b.realisasi.items()
            if jumlah
        ]
    )
    segarkan_pagu(desa=desa, tahun=tahun)
    audit.record(
        action="keuangan.impor_disimpan",
        actor=actor,
        desa=desa,
        obj=apbdes,
        changes={"sumber": [None, sumber], "baris": [None, len(lines)], "kegiatan": [None, len(rancangan.kegiatan)]},
        request=request,
    )
    sitecache.bump_on_commit(desa.pk)
    return apbdes


def baca_berkas(*, desa, tahun, jenis, isi, versi_berlaku):
    """The Rancangan of an uploaded file (raises BerkasTidakValid)."""
    from . import impor_xlsx, siskeudes

    if jenis == ImporApbdes.Jenis.XLSX:
        rancangan = impor_xlsx.baca(isi, tahun=tahun)
    else:
        rancangan = siskeudes.baca(isi, desa=desa, tahun=tahun, perubahan=versi_berlaku > 0)
    periksa_realisasi(rancangan)
    return rancangan


@transaction.atomic
def periksa_impor(*, desa, actor, tahun, jenis, berkas, request=None):
    """The dry run: read and check the file, write nothing but the check's record (which keeps
    the file until it is saved, so the operator does not upload it twice)."""
    isi = berkas.read()
    aktif = Apbdes.objects.filter(desa=desa, tahun=tahun, aktif=True).first()
    impor = ImporApbdes(desa=desa, tahun=tahun, jenis=jenis, nama_berkas=(berkas.name or "")[:255], oleh=actor)
    try:
        rancangan = baca_berkas(desa=desa, tahun=tahun, jenis=jenis, isi=isi, versi_berlaku=aktif.versi if aktif else 0)
    except BerkasTidakValid as exc:
        impor.status = ImporApbdes.Status.DITOLAK
        impor.galat = [{"baris": "", "kolom": "", "sel": "", "pesan": str(exc)}]
    else:
        impor.galat, impor.peringatan, impor.ringkasan = rancangan.galat, rancangan.peringatan, rancangan.ringkasan()
        if rancangan.jumlah_galat:
            impor.status = ImporApbdes.Status.DITOLAK
        else:
            impor.isi = isi
    impor.save()
    # An earlier check of the same year that was never saved is of no use any more.
    ImporApbdes.objects.filter(desa=desa, tahun=tahun, status=ImporApbdes.Status.DIPERIKSA).exclude(pk=impor.pk).update(
        status=ImporApbdes.Status.DITOLAK, isi=b""
    )
    audit.record(
        action="keuangan.impor_diperiksa",
        actor=actor,
        desa=desa,
        obj=impor,
        changes={"status": [None, impor.status], "masalah": [None, len(impor.galat)]},
        request=request,
    )
    return impor


@transaction.atomic
def simpan_impor(*, desa, actor, impor, request=None):
    impor = ImporApbdes.objects.select_for_update().get(pk=impor.pk, desa=desa)
    if not impor.bisa_disimpan:
        raise ValidationError("Berkas ini sudah disimpan, ditolak, atau diganti unggahan yang lebih baru.")
    aktif = Apbdes.objects.filter(desa=desa, tahun=impor.tahun, aktif=True).first()
    rancangan = baca_berkas(
        desa=desa, tahun=impor.tahun, jenis=impor.jenis, isi=bytes(impor.isi), versi_berlaku=aktif.versi if aktif else 0
    )
    sumber = Apbdes.Sumber.XLSX if impor.jenis == ImporApbdes.Jenis.XLSX else Apbdes.Sumber.SISKEUDES
    apbdes = terapkan_rancangan(desa=desa, actor=actor, rancangan=rancangan, sumber=sumber, request=request)
    impor.status, impor.isi = ImporApbdes.Status.DISIMPAN, b""
    impor.save(update_fields=["status", "isi"])
    return apbdes
