"""Reads for letters: the queue, a resident's letters, the types residents may request, the
verification lookup, dashboard counts."""

from statistics import median

from django.db.models import Count, Min, Q
from django.utils import timezone

from balai.core.hitung import hitung_per_desa
from balai.penduduk.models import nama_memuat

from . import isi, katalog
from .models import PesanSurat, Surat, SuratMasuk, TemplatSurat


def jenis_untuk_warga(desa):
    """The letter types residents of `desa` may request online (katalog.JenisSurat objects:
    kode, nama, keterangan, isian (field specs), lampiran (required attachment names)), in the
    catalogue's order, without those the village switched off (one query)."""
    dimatikan = set(
        TemplatSurat.objects.filter(desa=desa)
        .filter(Q(aktif=False) | Q(untuk_warga=False))
        .values_list("jenis", flat=True)
    )
    return [j for j in katalog.DAFTAR if j.untuk_warga and j.kode not in dimatikan]


def surat_untuk_warga(desa, penduduk_ids):
    """The requests and letters for or by these residents, newest first, with what a status
    list shows (one query)."""
    return (
        Surat.objects.filter(desa=desa)
        .filter(Q(penduduk_id__in=penduduk_ids) | Q(pemohon_id__in=penduduk_ids))
        .select_related("penduduk")
        .order_by("-diajukan", "-id")
    )


def berkas_pdf(surat):
    """The issued PDF (a FieldFile) of a letter that is ready or taken; None otherwise.
    A demo letter signed without a file is rendered now (services.pastikan_pdf)."""
    if surat.status not in Surat.TERBIT:
        return None
    if not surat.berkas_pdf:
        from .services import pastikan_pdf

        surat = pastikan_pdf(surat)
    return surat.berkas_pdf


def pesan(surat):
    return PesanSurat.objects.filter(desa=surat.desa, surat=surat).order_by("waktu", "id")


def antrean(*, desa, status=None, jenis=None, q=None):
    """The back-office list: oldest waiting first for open statuses, newest first otherwise."""
    qs = Surat.objects.filter(desa=desa).select_related("penduduk", "penanda_tangan")
    if status:
        qs = qs.filter(status=status)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if q:
        q = q.strip()
        qs = qs.filter(Q(nomor_lengkap__icontains=q) | nama_memuat(q, "penduduk__") | Q(penduduk__nik=q))
    if status in Surat.BERJALAN or not status:
        return qs.order_by("diajukan", "id") if status else qs.order_by("-diajukan", "-id")
    return qs.order_by("-diajukan", "-id")


def hitung_status(*, desa):
    """{status: (count, oldest diajukan)} for the queue header (one query)."""
    rows = Surat.objects.filter(desa=desa).values("status").annotate(n=Count("id"), tertua=Min("diajukan"))
    return {r["status"]: (r["n"], r["tertua"]) for r in rows}


def menunggu_saya(user, desa):
    """Letters waiting for this user: to verify (surat.proses) and to sign (their Perangkat)."""
    hasil = {"verifikasi": 0, "tandatangan": 0}
    if user.punya_izin("surat.proses"):
        hasil["verifikasi"] = Surat.objects.filter(desa=desa, status=Surat.Status.PERMOHONAN).count()
    perangkat = getattr(user, "perangkat", None)
    if perangkat is not None and user.punya_izin("surat.tandatangan"):
        hasil["tandatangan"] = Surat.objects.filter(
            desa=desa, status=Surat.Status.DIVERIFIKASI, penanda_tangan=perangkat
        ).count()
    return hasil


def widget_surat(request):
    return {"menunggu": menunggu_saya(request.user, request.desa), "sekarang": timezone.now()}


def cari_verifikasi(desa, token):
    """The letter a QR code names, in the village of the host; None when unknown."""
    return (
        Surat.objects.filter(desa=desa, token=token)
        .exclude(nomor_lengkap="")
        .select_related("penduduk")
        .only("nomor_lengkap", "tanggal_surat", "jenis", "status", "sha256", "penduduk__nama", "desa_id", "token")
        .first()
    )


def templat(desa, jenis):
    return isi.templat_untuk(desa, jenis)


# --- what the kabupaten's oversight reads (balai.pengawasan) -----------------------------------


def ukuran_surat_terbit(desa_ids, awal, akhir):
    """Activity measure: letters signed in [awal, akhir), per village (one query)."""
    return hitung_per_desa(Surat.objects.filter(ditandatangani_pada__gte=awal, ditandatangani_pada__lt=akhir), desa_ids)


def ukuran_waktu_layanan(desa_ids, awal, akhir):
    """Activity measure: the median hours from a request to its signed letter, over the letters
    signed in [awal, akhir) (one query; villages that signed none are left out)."""
    rows = Surat.objects.filter(
        desa_id__in=desa_ids, ditandatangani_pada__gte=awal, ditandatangani_pada__lt=akhir
    ).values_list("desa_id", "diajukan", "ditandatangani_pada")
    jam = {}
    for desa_id, diajukan, ditandatangani in rows:
        jam.setdefault(desa_id, []).append((ditandatangani - diajukan).total_seconds() / 3600)
    return {d: round(median(j), 1) for d, j in jam.items()}


def ukuran_permohonan_mandiri(desa_ids, awal, akhir):
    """Activity measure: letters residents asked for through Layanan Mandiri in [awal, akhir)."""
    return hitung_per_desa(
        Surat.objects.filter(kanal=Surat.Kanal.MANDIRI, diajukan__gte=awal, diajukan__lt=akhir), desa_ids
    )


def bagian_desa(*, desa, awal, akhir):
    """The kecamatan's read-only page of a village: the month's letters per type, as counts
    (requests received, letters signed) and the median hours from request to signature over
    the letters signed, the same rule as `ukuran_waktu_layanan`. Two queries; no names."""
    diajukan = dict(
        Surat.objects.filter(desa=desa, diajukan__gte=awal, diajukan__lt=akhir)
        .order_by()
        .values_list("jenis")
        .annotate(n=Count("id"))
    )
    jam = {}
    rows = Surat.objects.filter(desa=desa, ditandatangani_pada__gte=awal, ditandatangani_pada__lt=akhir)
    for jenis, masuk, ttd in rows.values_list("jenis", "diajukan", "ditandatangani_pada"):
        jam.setdefault(jenis, []).append((ttd - masuk).total_seconds() / 3600)
    baris = [
        {
            "nama": katalog.JENIS[kode].nama if kode in katalog.JENIS else kode,
            "diajukan": diajukan.get(kode, 0),
            "ditandatangani": len(jam.get(kode, [])),
            "median_jam": round(median(jam[kode]), 1) if jam.get(kode) else None,
        }
        for kode in sorted(set(diajukan) | set(jam), key=lambda k: katalog.JENIS[k].nama if k in katalog.JENIS else k)
    ]
    semua = [j for daftar in jam.values() for j in daftar]
    total = {
        "diajukan": sum(diajukan.values()),
        "ditandatangani": len(semua),
        "median_jam": round(median(semua), 1) if semua else None,
    }
    return {"baris": baris, "total": total}


# --- registers: Buku Agenda Surat Keluar ----------------------------------------------------


def tahun_agenda(desa):
    """The years that have numbered letters, newest first (one query)."""
    tanggal = Surat.objects.filter(desa=desa).exclude(nomor_lengkap="").dates("tanggal_surat", "year", order="DESC")
    return [d.year for d in tanggal]


def agenda_keluar(*, desa, tahun):
    """Every numbered letter dated in `tahun`, in number order, with a summary: letters per type
    per month ({jenis nama: [12 counts]}) and the median hours from request to signature
    (None when nothing was signed). One query; the summary is counted from the same rows."""
    rows = list(
        Surat.objects.filter(desa=desa, tanggal_surat__year=tahun)
        .exclude(nomor_lengkap="")
        .select_related("penduduk", "penanda_tangan")
        .only(
            "desa_id",
            "jenis",
            "nomor",
            "nomor_lengkap",
            "tanggal_surat",
            "status",
            "atas_nama",
            "diajukan",
            "ditandatangani_pada",
            "penduduk__nama",
            "penanda_tangan__nama",
            "penanda_tangan__jabatan",
        )
        .order_by("nomor", "tanggal_surat", "id")
    )
    per_jenis = {}
    jam = []
    for s in rows:
        per_jenis.setdefault(s.spec.nama, [0] * 12)[s.tanggal_surat.month - 1] += 1
        if s.ditandatangani_pada:
            jam.append((s.ditandatangani_pada - s.diajukan).total_seconds() / 3600)
    return {
        "surat": rows,
        "per_jenis": dict(sorted(per_jenis.items())),
        "median_jam": round(median(jam), 1) if jam else None,
    }


# --- registers: surat masuk --------------------------------------------------------------------


def tahun_surat_masuk(desa):
    """The years that have incoming mail, newest first (one query)."""
    return list(SuratMasuk.objects.filter(desa=desa).order_by("-tahun").values_list("tahun", flat=True).distinct())


def surat_masuk(*, desa, tahun, status=None, q=None):
    """The year's incoming mail in agenda order, optionally by status or a word in the sender,
    subject or letter number (one query)."""
    qs = SuratMasuk.objects.filter(desa=desa, tahun=tahun).select_related("disposisi_kepada")
    if status:
        qs = qs.filter(status=status)
    if q:
        q = q.strip()
        qs = qs.filter(Q(pengirim__icontains=q) | Q(perihal__icontains=q) | Q(nomor_surat__icontains=q))
    return qs.order_by("nomor_agenda")
