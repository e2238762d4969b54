"""What the village site already publishes, listed in its Daftar Informasi Publik by itself
(declared as `DipSource`s in apps.py): static pages, the officials, announcements, download
documents, population statistics and the PPID's own procedures page. Modules above this one
(APBDes, pembangunan) declare their own sources in their AppConfig.

Each `target(*, desa)` returns DipEntry items in one query; each `terbaru(desa_ids)` answers
for many villages in one query, for the completeness checklist."""

from django.db.models import Max
from django.db.models.functions import TruncDate
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from balai.core.hitung import hitung_per_desa
from balai.core.registry import DipEntry
from balai.publikasi.models import Dokumen, Pengumuman
from balai.website.models import Halaman, Perangkat

MAKS = 50  # entries of one source in the list; the source's own page has the rest


def _ringkas(html, n=30):
    return Truncator(strip_tags(html or "")).words(n)


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the module is not installed
        return ""


# --- website: static pages and officials ---------------------------------------------------------


def halaman(*, desa):
    qs = Halaman.objects.filter(desa=desa, terbit=True).exclude(slug="").order_by("urutan", "judul")[:MAKS]
    return [DipEntry(h.judul, h.get_absolute_url(), _ringkas(h.isi), h.diperbarui.date()) for h in qs]


def halaman_terbaru(desa_ids):
    return hitung_per_desa(Halaman.objects.filter(terbit=True), desa_ids, t=Max(TruncDate("diperbarui")))


def perangkat(*, desa):
    jumlah = Perangkat.objects.filter(desa=desa, aktif=True).count()
    if not jumlah:
        return []
    return [
        DipEntry(
            "Struktur pemerintahan dan daftar perangkat desa",
            _url("website:pemerintahan"),
            f"{jumlah} perangkat desa beserta jabatannya.",
        )
    ]


def perangkat_terbaru(desa_ids):
    ada = Perangkat.objects.filter(desa_id__in=desa_ids, aktif=True).values_list("desa_id", flat=True).distinct()
    return {desa_id: None for desa_id in ada}


# --- publikasi: announcements and documents ------------------------------------------------------


def _pengumuman(desa, penting):
    qs = Pengumuman.objects.filter(desa=desa, penting=penting).aktif().order_by("-mulai_tayang", "-pk")[:MAKS]
    return [DipEntry(p.judul, p.get_absolute_url(), _ringkas(p.isi), timezone.localdate(p.mulai_tayang)) for p in qs]


def pengumuman_penting(*, desa):
    """Important announcements: information the public needs at once (serta merta)."""
    return _pengumuman(desa, True)


def pengumuman_biasa(*, desa):
    return _pengumuman(desa, False)


def _dokumen(desa, kategori):
    qs = Dokumen.objects.filter(desa=desa, terbit=True, kategori__in=kategori).order_by("-dibuat", "-pk")[:MAKS]
    return [
        DipEntry(d.judul, d.get_absolute_url(), f"{d.get_kategori_display()} · {d.jenis.upper()}", d.dibuat.date())
        for d in qs
    ]


def _dokumen_terbaru(desa_ids, kategori):
    return hitung_per_desa(Dokumen.objects.filter(terbit=True, kategori=kategori), desa_ids, t=Max(TruncDate("dibuat")))


def dokumen_apbdes(*, desa):
    return _dokumen(desa, [Dokumen.Kategori.APBDES])


def dokumen_apbdes_terbaru(desa_ids):
    return _dokumen_terbaru(desa_ids, Dokumen.Kategori.APBDES)


def dokumen_perdes(*, desa):
    return _dokumen(desa, [Dokumen.Kategori.PERDES])


def dokumen_perdes_terbaru(desa_ids):
    return _dokumen_terbaru(desa_ids, Dokumen.Kategori.PERDES)


def dokumen_laporan(*, desa):
    return _dokumen(desa, [Dokumen.Kategori.LAPORAN])


def dokumen_laporan_terbaru(desa_ids):
    return _dokumen_terbaru(desa_ids, Dokumen.Kategori.LAPORAN)


def dokumen_lain(*, desa):
    return _dokumen(desa, [Dokumen.Kategori.FORMULIR, Dokumen.Kategori.LAINNYA])


# --- pages every village site has ---------------------------------------------------------------


def statistik(*, desa):
    url = _url("statistik:publik")
    return (
        [
            DipEntry(
                "Data kependudukan desa (statistik)",
                url,
                "Jumlah penduduk menurut umur, jenis kelamin, pendidikan, pekerjaan dan lainnya, diperbarui otomatis.",
            )
        ]
        if url
        else []
    )


def prosedur_ppid(*, desa):
    return [
        DipEntry(
            "Maklumat, tata cara dan standar layanan informasi publik",
            reverse("ppid:profil"),
            "Hak pemohon, alur permohonan dan keberatan, jangka waktu dan biaya layanan.",
        )
    ]


def prosedur_ppid_terbaru(desa_ids):
    return {desa_id: None for desa_id in desa_ids}
