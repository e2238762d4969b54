from django.apps import AppConfig

from balai.core.registry import (
    ActivityMeasure,
    AlertSource,
    AuditLabels,
    FreshnessSource,
    MenuItem,
    PublicTextSource,
    SearchSource,
    SitemapSource,
    VillageColumn,
    VillageSection,
    Widget,
)


class PembangunanConfig(AppConfig):
    name = "balai.pembangunan"
    verbose_name = "Pembangunan desa"
    extensions = [
        AuditLabels("balai.pembangunan.services.AUDIT_LABELS"),
        AlertSource(
            "pembangunan_terlambat", "Pembangunan melewati rencana", "balai.pembangunan.selectors.proyek_terlambat"
        ),
        ActivityMeasure(
            "transparansi.progres_pembangunan",
            "Progres pembangunan dilaporkan",
            "transparansi",
            "balai.pembangunan.selectors.ukuran_progres",
            penuh=2,
            satuan="laporan progres",
        ),
        FreshnessSource("balai.pembangunan.selectors.terbitan_terakhir"),
        *(
            VillageColumn(
                f"pembangunan.{field}",
                label,
                "balai.pembangunan.selectors.kolom_proyek",
                field=field,
                kind=kind,
                kosong=0 if field == "jumlah" else None,  # no project this year: none counted
                order=order,
                keterangan=keterangan,
            )
            for field, label, kind, order, keterangan in (
                (
                    "jumlah",
                    "Kegiatan pembangunan",
                    "angka",
                    50,
                    "Kegiatan pembangunan tahun berjalan, tanpa yang batal.",
                ),
                ("rata_persen", "Rata-rata progres", "persen", 51, "Rata-rata progres kegiatan tahun berjalan."),
                ("terakhir", "Pembangunan diperbarui", "waktu", 52, "Perubahan terakhir kegiatan yang terbit."),
            )
        ),
        VillageSection(
            "Pembangunan", "pembangunan/partials/bagian_desa.html", "balai.pembangunan.selectors.bagian_desa", order=50
        ),
        SitemapSource("balai.pembangunan.selectors.sitemap_entries"),
        SearchSource("pembangunan", "Pembangunan", "balai.pembangunan.selectors.cari_proyek", order=55),
        MenuItem(
            "desa",
            "Pembangunan",
            "pembangunan:kantor_daftar",
            grup="transparansi",
            izin="keuangan.kelola",
            order=60,
            icon="⚒",
        ),
        MenuItem("publik-desa", "Pembangunan", "pembangunan:daftar", order=50),
        *(
            MenuItem(area, "Pembangunan desa", "pembangunan:rekap", grup="pantau", izin=izin, order=50, icon="⚒")
            for area, izin in (("kecamatan", "kecamatan.pantau"), ("kabupaten", "kabupaten.kelola"))
        ),
        Widget(
            "beranda-desa",
            "pembangunan/partials/beranda.html",
            "balai.pembangunan.selectors.beranda_pembangunan",
            order=50,
            stylesheet="pembangunan/pembangunan.css",
        ),
        *(
            Widget(
                area,
                "pembangunan/partials/widget_rekap.html",
                "balai.pembangunan.selectors.widget_rekap",
                order=50,
                cache=True,
            )
            for area in ("kecamatan", "kabupaten")
        ),
        PublicTextSource("pembangunan.Proyek", ("nama", "uraian", "lokasi", "pelaksana", "satuan")),
        PublicTextSource("pembangunan.Progres", ("catatan",)),
    ]
