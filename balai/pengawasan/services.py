"""The village activity score: computed on a schedule (`manage.py hitung_skor`, daily), never
on a page view. Every figure a dashboard shows about a village's use of Balai comes from the
rows written here, so the kabupaten and kecamatan pages agree."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.core import audit
from balai.core.registry import SCORE_PARTS, ActivityMeasure, extensions
from balai.wilayah.models import Desa

from .models import BOBOT_AWAL, KecamatanSipande, PengaturanSkor, SkorDesa

AUDIT_LABELS = {
    "pengawasan.bobot_diubah": "Bobot skor aktivitas desa diubah",
    "pengawasan.sipande_diubah": "Status Sipande kecamatan diubah",
}

JENDELA_HARI = 30


def pengaturan(kabupaten) -> PengaturanSkor:
    atur, _ = PengaturanSkor.objects.get_or_create(kabupaten=kabupaten, defaults={"bobot": dict(BOBOT_AWAL)})
    return atur


def nilai_ukuran(ukuran: ActivityMeasure, angka) -> int:
    """0..100 for a raw number: full marks at `penuh`, none at `nol`, linear between."""
    if angka is None or ukuran.penuh == ukuran.nol:
        return 0
    bagian = (angka - ukuran.nol) / (ukuran.penuh - ukuran.nol)
    return round(100 * min(max(bagian, 0.0), 1.0))


def skor_total(bagian: dict, bobot: dict) -> int:
    """The weighted score over the parts that are measured; the weight of a part no module
    measures yet is shared out over the others, so a village is never marked down for it."""
    terukur = {p: n for p, n in bagian.items() if n is not None}
    jumlah_bobot = sum(bobot.get(p, 0) for p in terukur)
    if not jumlah_bobot:
        return 0
    return round(sum(n * bobot.get(p, 0) for p, n in terukur.items()) / jumlah_bobot)


def hitung_skor(*, kabupaten, sekarang=None) -> int:
    """Score every village of `kabupaten` over the last 30 days and store it as the current
    month's row. One call per measure for all villages together; returns how many were scored."""
    sekarang = sekarang or timezone.now()
    awal = sekarang - timedelta(days=JENDELA_HARI)
    bulan = timezone.localtime(sekarang).date().replace(day=1)
    bobot = pengaturan(kabupaten).bobot
    with scopes_disabled():
        desa_ids = list(Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True).values_list("pk", flat=True))
        semua = extensions(ActivityMeasure)
        mentah = {u.key: u(desa_ids, awal, sekarang) for u in semua}
        baris = []
        for desa_id in desa_ids:
            ukuran = {u.key: [mentah[u.key].get(desa_id), nilai_ukuran(u, mentah[u.key].get(desa_id))] for u in semua}
            bagian = {}
            for part in SCORE_PARTS:
                nilai = [ukuran[u.key][1] for u in semua if u.part == part]
                bagian[part] = round(sum(nilai) / len(nilai)) if nilai else None
            baris.append(
                SkorDesa(
                    desa_id=desa_id,
                    bulan=bulan,
                    dihitung=sekarang,
                    total=skor_total(bagian, bobot),
                    bagian=bagian,
                    ukuran=ukuran,
                )
            )
        with transaction.atomic():
            SkorDesa.objects.bulk_create(
                baris,
                update_conflicts=True,
                unique_fields=["desa", "bulan"],
                update_fields=["dihitung", "total", "bagian", "ukuran"],
            )
    return len(baris)


def simpan_pengaturan(*, kabupaten, bobot: dict, ambang_aktif: int, actor, request=None) -> PengaturanSkor:
    """New weights (whole percents per part, adding up to 100) and the active threshold."""
    salah = [p for p in bobot if p not in SCORE_PARTS]
    if salah:
        raise ValidationError(f"Bagian tidak dikenal: {', '.join(salah)}.")
    if any(not isinstance(n, int) or n < 0 or n > 100 for n in bobot.values()):
        raise ValidationError("Setiap bobot harus bilangan bulat 0 sampai 100.")
    jumlah = sum(bobot.values())
    if jumlah != 100:
        raise ValidationError(f"Jumlah bobot harus 100; sekarang {jumlah}.")
    if not 0 <= ambang_aktif <= 100:
        raise ValidationError("Skor minimal desa aktif harus 0 sampai 100.")
    atur = pengaturan(kabupaten)
    sebelum = {"bobot": atur.bobot, "ambang_aktif": atur.ambang_aktif}
    atur.bobot = {p: bobot.get(p, 0) for p in SCORE_PARTS}
    atur.ambang_aktif = ambang_aktif
    atur.save()
    audit.record(
        action="pengawasan.bobot_diubah",
        actor=actor,
        obj=atur,
        request=request,
        changes=audit.diff(sebelum, {"bobot": atur.bobot, "ambang_aktif": atur.ambang_aktif}),
        label="Skor aktivitas desa",
    )
    return atur


def atur_sipande(*, kecamatan, punya: bool, actor, request=None, sejak=None):
    if punya:
        KecamatanSipande.objects.update_or_create(kecamatan=kecamatan, defaults={"sejak": sejak})
    else:
        KecamatanSipande.objects.filter(kecamatan=kecamatan).delete()
    audit.record(
        action="pengawasan.sipande_diubah",
        actor=actor,
        kecamatan=kecamatan,
        request=request,
        changes={"sipande": [not punya, punya]},
        label=f"Kecamatan {kecamatan.nama}",
    )
