"""The village activity score: computed on a schedule (`manage.py hitung_skor`, daily), never
on a page view. Every figure a dashboard shows about a village's use of Balai comes from the
rows written here, so the kabupaten and kecamatan pages agree."""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.models import Peran, User
from balai.core import audit, sitecache
from balai.core.html import clean_html
from balai.core.registry import SCORE_PARTS, ActivityMeasure, extensions
from balai.wilayah.models import Desa

from .models import (
    BOBOT_AWAL,
    DukunganUsulan,
    KecamatanSipande,
    Panduan,
    PengaturanSkor,
    Pengingat,
    Siaran,
    SkorDesa,
    Usulan,
)

AUDIT_LABELS = {
    "pengawasan.bobot_diubah": "Bobot skor aktivitas desa diubah",
    "pengawasan.sipande_diubah": "Status Sipande kecamatan diubah",
    "usulan.diajukan": "Usulan layanan diajukan",
    "usulan.didukung": "Usulan layanan didukung",
    "usulan.dijawab": "Usulan layanan dijawab kabupaten",
    "siaran.dikirim": "Siaran dikirim ke desa",
    "panduan.dibuat": "Panduan ditulis",
    "panduan.diubah": "Panduan diubah",
    "pengingat.dikirim": "Desa diingatkan",
    "peringatan.surel_dikirim": "Surel peringatan harian dikirim",
    "peringatan.preferensi_diubah": "Pilihan surel peringatan diubah",
    "pembinaan.butir_dibuat": "Butir daftar periksa pembinaan ditambahkan",
    "pembinaan.butir_diubah": "Butir daftar periksa pembinaan diubah",
    "pembinaan.dicentang": "Butir pembinaan desa ditandai selesai",
    "pembinaan.dibatalkan": "Tanda selesai butir pembinaan desa dibatalkan",
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


# --- usulan layanan --------------------------------------------------------------------------

KATA_UMUM = {"dan", "di", "ke", "untuk", "yang", "dengan", "pada", "agar", "bisa", "dapat", "fitur", "layanan",
             "menu", "penambahan", "tambah", "tambahan", "mohon", "usulan", "sistem", "aplikasi", "desa"}  # fmt: skip


def _kata(judul: str) -> set[str]:
    return {k for k in re.findall(r"[a-z0-9]+", judul.lower()) if k not in KATA_UMUM and len(k) > 1}


def usulan_serupa(*, kabupaten, judul):
    """An open proposal whose title says the same thing in other words, or None. Titles are
    compared by their meaningful words (Jaccard >= 0.6): "Fitur surat online" and "Layanan surat
    online untuk warga" match; "Surat online" and "Lapak online" do not."""
    kata = _kata(judul)
    if not kata:
        return None
    terbuka = Usulan.objects.filter(kabupaten=kabupaten).exclude(
        status__in=[Usulan.Status.SELESAI, Usulan.Status.DITOLAK]
    )
    terbaik, nilai_terbaik = None, 0.0
    for usulan in terbuka.only("pk", "judul"):
        lain = _kata(usulan.judul)
        nilai = len(kata & lain) / len(kata | lain) if lain else 0.0
        if nilai > nilai_terbaik:
            terbaik, nilai_terbaik = usulan, nilai
    return terbaik if nilai_terbaik >= 0.6 else None


@transaction.atomic
def ajukan_usulan(*, desa, judul, uraian, actor, request=None) -> tuple[Usulan, bool]:
    """A village's proposal. When an open one already says the same, the village supports that
    one instead: returns (proposal, created)."""
    kabupaten = desa.kecamatan.kabupaten
    ada = usulan_serupa(kabupaten=kabupaten, judul=judul)
    if ada is not None:
        dukung_usulan(usulan=ada, desa=desa, actor=actor, request=request)
        return ada, False
    usulan = Usulan.objects.create(kabupaten=kabupaten, pengusul=desa, diajukan_oleh=actor, judul=judul, uraian=uraian)
    dukung_usulan(usulan=usulan, desa=desa, actor=actor, request=request, catat=False)
    audit.record(action="usulan.diajukan", actor=actor, desa=desa, obj=usulan, request=request)
    return usulan, True


@transaction.atomic
def dukung_usulan(*, usulan, desa, actor, request=None, catat=True) -> bool:
    """Record `desa`'s support once; returns whether it is new."""
    _, baru = DukunganUsulan.objects.get_or_create(usulan=usulan, pendukung=desa, defaults={"oleh": actor})
    if baru:
        Usulan.objects.filter(pk=usulan.pk).update(jumlah_dukungan=F("jumlah_dukungan") + 1)
        if catat:
            audit.record(action="usulan.didukung", actor=actor, desa=desa, obj=usulan, request=request)
    return baru


def jawab_usulan(*, usulan, status, jawaban, actor, request=None) -> Usulan:
    if status == Usulan.Status.DITOLAK and not jawaban.strip():
        raise ValidationError({"jawaban": "Usulan yang ditolak harus disertai alasannya."})
    sebelum = usulan.status
    usulan.status, usulan.jawaban, usulan.dijawab_pada = status, jawaban.strip(), timezone.now()
    usulan.save(update_fields=["status", "jawaban", "dijawab_pada"])
    audit.record(
        action="usulan.dijawab", actor=actor, obj=usulan, request=request, changes={"status": [sebelum, status]}
    )
    return usulan


# --- siaran and panduan ------------------------------------------------------------------------


def kirim_siaran(
    *, kabupaten, judul, isi, berlaku_sampai, actor, dari_kecamatan=None, untuk_kecamatan=None, request=None
) -> Siaran:
    """A broadcast to the villages' back offices. A kecamatan speaks to its own villages only."""
    if dari_kecamatan is not None:
        untuk_kecamatan = dari_kecamatan
    if berlaku_sampai < timezone.localdate():
        raise ValidationError({"berlaku_sampai": "Tanggal tampil sampai sudah lewat."})
    siaran = Siaran.objects.create(
        kabupaten=kabupaten,
        dari_kecamatan=dari_kecamatan,
        untuk_kecamatan=untuk_kecamatan,
        judul=judul,
        isi=isi,
        berlaku_sampai=berlaku_sampai,
        dibuat_oleh=actor,
    )
    audit.record(action="siaran.dikirim", actor=actor, kecamatan=dari_kecamatan, obj=siaran, request=request)
    # It shows on the dashboards of villages that have no row of their own changed by it.
    penerima = Desa.objects.filter(kecamatan__kabupaten=kabupaten)
    if untuk_kecamatan is not None:
        penerima = penerima.filter(kecamatan=untuk_kecamatan)
    desa_ids = list(penerima.values_list("pk", flat=True))
    transaction.on_commit(lambda: sitecache.bump_kantor(*desa_ids))
    return siaran


def simpan_panduan(*, panduan, actor, request=None) -> Panduan:
    baru = panduan.pk is None
    panduan.isi = clean_html(panduan.isi)
    panduan.full_clean()
    panduan.save()
    audit.record(action="panduan.dibuat" if baru else "panduan.diubah", actor=actor, obj=panduan, request=request)
    return panduan


# --- reminders ---------------------------------------------------------------------------------

PENERIMA_PENGINGAT = (Peran.ADMIN_DESA, Peran.OPERATOR_DESA, Peran.KEPALA_DESA)


def ingatkan_desa(*, desa, pesan, actor, dari_kecamatan=False, request=None) -> Pengingat:
    """Remind a village of what needs doing: on its dashboard for two weeks, by e-mail to its
    administrators where they gave an address, and in the audit log as the record it was told."""
    pesan = pesan.strip()
    if not pesan:
        raise ValidationError({"pesan": "Tulis apa yang perlu dilakukan desa."})
    alamat = sorted(
        set(
            User.objects.filter(desa=desa, is_active=True, keanggotaan__peran__in=PENERIMA_PENGINGAT)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    terkirim = 0
    if alamat and send_mail(f"Pengingat untuk {desa}", pesan, None, alamat, fail_silently=True):
        terkirim = len(alamat)
    pengingat = Pengingat.objects.create(
        desa=desa, pesan=pesan, dikirim_oleh=actor, dari_kecamatan=dari_kecamatan, email_terkirim=terkirim
    )
    audit.record(
        action="pengingat.dikirim",
        actor=actor,
        desa=desa,
        obj=pengingat,
        request=request,
        changes={"email": [None, terkirim]},
    )
    return pengingat
