"""The pembinaan checklist: items the kabupaten defines (ButirPembinaan), ticked per village by
its kecamatan or the kabupaten (CapaianPembinaan), read by the activity score as the share of
items done (measure `pembinaan.checklist`, part "pembinaan") and shown read-only to the village.

Writes are audited services; reads take a fixed number of queries whatever the villages."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.core import audit
from balai.wilayah.models import Desa

from .models import ButirPembinaan, CapaianPembinaan

# The checklist a kabupaten starts with (it edits, reorders or switches them off afterwards).
BUTIR_AWAL = [
    ("Operator desa sudah mengikuti bimtek", "Operator desa mengikuti bimbingan teknis Balai dari kabupaten."),
    ("SK PPID desa ditetapkan dan diunggah", "Surat keputusan PPID desa terbit dan tersedia di halaman PPID."),
    (
        "Profil dan struktur pemerintahan lengkap",
        "Profil desa, visi misi, perangkat desa dengan jabatan dan foto terisi.",
    ),
    (
        "Nomor surat dan tanda tangan kepala desa diatur",
        "Format nomor surat, kepala surat dan penanda tangan sudah diatur sehingga surat dapat diterbitkan.",
    ),
    (
        "Layanan Mandiri diperkenalkan ke warga",
        "Warga diberi tahu cara meminta PIN dan mengajukan surat lewat Layanan Mandiri.",
    ),
    (
        "Kata sandi semua petugas diganti dan 2FA admin aktif",
        "Setiap petugas memakai kata sandinya sendiri; akun admin desa memakai verifikasi dua langkah.",
    ),
]


def pastikan_butir_awal(*, kabupaten):
    """Give a kabupaten without any item the starting checklist (first use of the pages)."""
    if ButirPembinaan.objects.filter(kabupaten=kabupaten).exists():
        return
    ButirPembinaan.objects.bulk_create(
        [
            ButirPembinaan(kabupaten=kabupaten, judul=judul, uraian=uraian, urutan=i * 10)
            for i, (judul, uraian) in enumerate(BUTIR_AWAL, 1)
        ],
        ignore_conflicts=True,
    )


def simpan_butir(*, butir: ButirPembinaan, actor, request=None) -> ButirPembinaan:
    baru = butir.pk is None
    butir.judul = butir.judul.strip()
    kembar = ButirPembinaan.objects.filter(kabupaten=butir.kabupaten, judul__iexact=butir.judul).exclude(pk=butir.pk)
    if kembar.exists():
        raise ValidationError({"judul": "Butir dengan judul ini sudah ada."})
    butir.full_clean()
    medan = ("judul", "uraian", "urutan", "aktif")
    lama = {} if baru else ButirPembinaan.objects.filter(pk=butir.pk).values(*medan).first() or {}
    butir.save()
    audit.record(
        action="pembinaan.butir_dibuat" if baru else "pembinaan.butir_diubah",
        actor=actor,
        obj=butir,
        request=request,
        changes=audit.diff(lama, {m: getattr(butir, m) for m in medan}),
    )
    return butir


def _periksa_butir(desa, butir):
    if butir.kabupaten_id != desa.kecamatan.kabupaten_id or not butir.aktif:
        raise ValidationError("Butir pembinaan tidak dikenal atau tidak lagi dihitung.")


@transaction.atomic
def centang(*, desa, butir, selesai_pada=None, catatan="", actor, request=None) -> CapaianPembinaan:
    """Record that `desa` has done `butir` (on `selesai_pada`, default today)."""
    _periksa_butir(desa, butir)
    selesai_pada = selesai_pada or timezone.localdate()
    if selesai_pada > timezone.localdate():
        raise ValidationError({"selesai_pada": "Tanggal selesai tidak boleh setelah hari ini."})
    with scope(desa=desa):  # the kecamatan and kabupaten hosts have no village scope of their own
        return _centang(desa, butir, selesai_pada, catatan, actor, request)


def _centang(desa, butir, selesai_pada, catatan, actor, request):
    sebelum = CapaianPembinaan.objects.filter(desa=desa, butir=butir).first()
    capaian, _ = CapaianPembinaan.objects.update_or_create(
        desa=desa,
        butir=butir,
        defaults={"selesai_pada": selesai_pada, "catatan": catatan.strip()[:300], "dicatat_oleh": actor},
    )
    audit.record(
        action="pembinaan.dicentang",
        actor=actor,
        desa=desa,
        obj=capaian,
        request=request,
        changes={"selesai_pada": [sebelum and str(sebelum.selesai_pada), str(selesai_pada)]},
        label=butir.judul,
    )
    return capaian


@transaction.atomic
def batalkan(*, desa, butir, actor, request=None) -> bool:
    """Untick: `desa` has not done `butir` after all. Returns whether anything was ticked."""
    _periksa_butir(desa, butir)
    with scope(desa=desa):
        capaian = CapaianPembinaan.objects.filter(desa=desa, butir=butir).first()
    if capaian is None:
        return False
    audit.record(
        action="pembinaan.dibatalkan",
        actor=actor,
        desa=desa,
        obj=capaian,
        request=request,
        changes={"selesai_pada": [str(capaian.selesai_pada), None]},
        label=butir.judul,
    )
    capaian.delete()
    return True


# --- reads -----------------------------------------------------------------------------------


def persen(selesai, jumlah):
    return round(100 * selesai / jumlah) if jumlah else 0


def daftar_periksa(*, desa):
    """One village's checklist: [(item, its CapaianPembinaan or None)] over the active items,
    and the percent done (two queries)."""
    butir = list(ButirPembinaan.objects.filter(kabupaten_id=desa.kecamatan.kabupaten_id, aktif=True))
    with scopes_disabled():  # `desa` is given; rows are filtered by it
        capaian = {
            c.butir_id: c
            for c in CapaianPembinaan.objects.filter(desa=desa, butir__in=butir).select_related("dicatat_oleh")
        }
    return {
        "baris": [(b, capaian.get(b.pk)) for b in butir],
        "persen": persen(len(capaian), len(butir)),
        "selesai": len(capaian),
        "jumlah": len(butir),
    }


def ringkasan(*, kabupaten, kecamatan=None):
    """The grid villages x active items: items, and per village (kecamatan, name order) the ids
    of the items done and the percent; three queries."""
    butir = list(ButirPembinaan.objects.filter(kabupaten=kabupaten, aktif=True))
    desa_qs = Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True).select_related("kecamatan")
    if kecamatan is not None:
        desa_qs = desa_qs.filter(kecamatan=kecamatan)
    desa = list(desa_qs.order_by("kecamatan__nama", "nama"))
    selesai = {}
    with scopes_disabled():
        rows = CapaianPembinaan.objects.filter(desa__in=[d.pk for d in desa], butir__in=butir)
        for desa_id, butir_id in rows.values_list("desa_id", "butir_id"):
            selesai.setdefault(desa_id, set()).add(butir_id)
    baris = [
        {
            "desa": d,
            "sel": [b.pk in selesai.get(d.pk, ()) for b in butir],
            "persen": persen(len(selesai.get(d.pk, ())), len(butir)),
        }
        for d in desa
    ]
    per_butir = [sum(1 for r in baris if r["sel"][i]) for i in range(len(butir))]
    rata = round(sum(r["persen"] for r in baris) / len(baris)) if baris else 0
    return {"butir": list(zip(butir, per_butir, strict=True)), "baris": baris, "rata": rata}


def persen_selesai(desa_ids, awal, akhir):
    """Measure: percent of the kabupaten's active checklist items the village had done by
    `akhir` (three queries). A kabupaten without active items measures nobody."""
    desa_ids = list(desa_ids)
    kabupaten = dict(Desa.objects.filter(pk__in=desa_ids).values_list("pk", "kecamatan__kabupaten_id"))
    jumlah = dict(
        ButirPembinaan.objects.filter(kabupaten_id__in=set(kabupaten.values()), aktif=True)
        .values("kabupaten_id")
        .annotate(n=Count("id"))
        .values_list("kabupaten_id", "n")
    )
    selesai = dict(
        CapaianPembinaan.objects.filter(
            desa_id__in=desa_ids, butir__aktif=True, selesai_pada__lte=timezone.localtime(akhir).date()
        )
        .values("desa_id")
        .annotate(n=Count("id"))
        .values_list("desa_id", "n")
    )
    return {d: persen(selesai.get(d, 0), jumlah[k]) for d, k in kabupaten.items() if jumlah.get(k)}
