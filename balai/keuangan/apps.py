from django.apps import AppConfig

from balai.core.registry import (
    ActivityMeasure,
    AuditLabels,
    DipSource,
    MenuItem,
    PublicTextSource,
    SitemapSource,
    VillageColumn,
    VillageSection,
    Widget,
)

IZIN_WILAYAH = ("kecamatan.pantau", "kabupaten.kelola")


class KeuanganConfig(AppConfig):
    name = "balai.keuangan"
    verbose_name = "Keuangan desa (APBDes)"
    extensions = [
        AuditLabels("balai.keuangan.services.AUDIT_LABELS"),
        SitemapSource("balai.keuangan.selectors.sitemap_entries"),
        # The APBDes and its realisation are informasi berkala of the village's PPID list.
        DipSource(
            "berkala",
            "balai.keuangan.selectors.dip_apbdes",
            wajib="apbdes",
            terbaru="balai.keuangan.selectors.terbitan_terakhir",
            order=20,
        ),
        DipSource(
            "berkala",
            "balai.keuangan.selectors.dip_realisasi",
            wajib="realisasi",
            terbaru="balai.keuangan.selectors.realisasi_terakhir",
            order=21,
        ),
        ActivityMeasure(
            "transparansi.apbdes",
            "APBDes tahun berjalan diterbitkan",
            "transparansi",
            "balai.keuangan.selectors.ukuran_apbdes_terbit",
            penuh=1,
            satuan="(1 = ya)",
        ),
        VillageColumn(
            "keuangan.terbit",
            "APBDes terbit",
            "balai.keuangan.selectors.kolom_apbdes",
            field="terbit",
            kind="yatidak",
            order=40,
            keterangan="APBDes tahun berjalan sudah diterbitkan di situs desa.",
        ),
        VillageColumn(
            "keuangan.realisasi",
            "Realisasi belanja",
            "balai.keuangan.selectors.kolom_apbdes",
            field="realisasi",
            kind="persen",
            order=41,
            keterangan="Realisasi belanja APBDes tahun berjalan terhadap anggarannya.",
        ),
        VillageSection(
            "APBDes", "keuangan/partials/bagian_desa.html", "balai.keuangan.selectors.bagian_desa", order=40
        ),
        PublicTextSource("keuangan.Apbdes", ("nomor_perdes",)),
        PublicTextSource("keuangan.Kegiatan", ("nama", "lokasi", "keluaran")),
        PublicTextSource("keuangan.Baris", ("uraian",)),
        MenuItem("desa", "APBDes", "keuangan:kantor", grup="transparansi", izin="keuangan.kelola", order=10, icon="Rp"),
        MenuItem("kecamatan", "APBDes desa", "keuangan:dasbor", grup="pantau", order=40, icon="Rp", izin=IZIN_WILAYAH),
        MenuItem("kabupaten", "APBDes desa", "keuangan:dasbor", grup="pantau", order=40, icon="Rp", izin=IZIN_WILAYAH),
        MenuItem("publik-desa", "APBDes", "keuangan:publik", order=50),
        Widget(
            "beranda-desa",
            "keuangan/partials/beranda.html",
            "balai.keuangan.selectors.beranda",
            order=55,
            stylesheet="keuangan/keuangan.css",
        ),
        Widget(
            "desa",
            "keuangan/partials/widget_desa.html",
            "balai.keuangan.selectors.widget_desa",
            izin="keuangan.kelola",
            order=40,
        ),
        *(
            Widget(
                area,
                "keuangan/partials/widget_wilayah.html",
                "balai.keuangan.dasbor.widget_wilayah",
                order=40,
                cache=True,
            )
            for area in ("kecamatan", "kabupaten")
        ),
    ]
