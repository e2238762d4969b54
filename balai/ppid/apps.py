from django.apps import AppConfig

from balai.core.registry import (
    ActivityMeasure,
    AlertSource,
    AuditLabels,
    DipSource,
    MenuItem,
    PublicTextSource,
    SearchSource,
    SitemapSource,
    VillageColumn,
    VillageSection,
    Widget,
)

_S = "balai.ppid.sumber."


class PpidConfig(AppConfig):
    name = "balai.ppid"
    verbose_name = "PPID desa (keterbukaan informasi publik)"
    extensions = [
        AuditLabels("balai.ppid.services.AUDIT_LABELS"),
        ActivityMeasure(
            "ppid.kelengkapan",
            "Kelengkapan daftar informasi publik",
            "ppid",
            "balai.ppid.selectors.ukuran_kelengkapan",
            penuh=100,
            satuan="%",
        ),
        ActivityMeasure(
            "ppid.tepat_waktu",
            "Permohonan informasi dijawab tepat waktu",
            "ppid",
            "balai.ppid.selectors.ukuran_tepat_waktu",
            penuh=100,
            satuan="%",
        ),
        VillageColumn(
            "ppid.kelengkapan",
            "Kelengkapan DIP",
            "balai.ppid.selectors.ukuran_kelengkapan",
            kind="persen",
            order=30,
            keterangan="Kelengkapan daftar informasi publik wajib pada akhir bulan (atau hari ini).",
        ),
        VillageColumn(
            "ppid.terbuka",
            "Permohonan informasi terbuka",
            "balai.ppid.selectors.kolom_permohonan",
            field="terbuka",
            order=31,
            keterangan="Permohonan informasi yang belum dijawab saat ini.",
        ),
        VillageColumn(
            "ppid.terlambat",
            "Permohonan melewati tenggat",
            "balai.ppid.selectors.kolom_permohonan",
            field="terlambat",
            order=32,
            keterangan="Permohonan terbuka yang sudah melewati tenggat jawaban.",
        ),
        VillageSection("PPID", "ppid/partials/bagian_desa.html", "balai.ppid.selectors.bagian_desa", order=30),
        AlertSource("ppid_terlambat", "PPID terlambat", "balai.ppid.selectors.peringatan_terlambat"),
        SitemapSource("balai.ppid.selectors.sitemap_entries"),
        SearchSource("ppid", "Informasi publik", "balai.ppid.selectors.cari_informasi", order=55),
        PublicTextSource("ppid.InformasiPublik", ("judul", "ringkasan", "uji_konsekuensi", "dasar_hukum", "berkas")),
        MenuItem(
            "desa", "PPID", "ppid:kantor", grup="layanan", izin=("ppid.kelola", "ppid.atasan"), order=30, icon="ℹ"
        ),
        MenuItem(
            "desa",
            "Daftar informasi publik",
            "ppid:kantor_informasi",
            grup="layanan",
            izin="ppid.kelola",
            order=31,
            icon="≡",
        ),
        MenuItem("kecamatan", "PPID desa", "ppid:wilayah", grup="pantau", order=40, icon="ℹ"),
        MenuItem("kabupaten", "PPID desa", "ppid:wilayah", grup="pantau", order=40, icon="ℹ"),
        MenuItem("publik-desa", "PPID", "ppid:profil", order=48),
        Widget(
            "desa",
            "ppid/partials/widget_desa.html",
            "balai.ppid.selectors.widget_desa",
            izin=("ppid.kelola", "ppid.atasan"),
            order=40,
        ),
        *(
            Widget(
                area, "ppid/partials/widget_wilayah.html", "balai.ppid.selectors.widget_wilayah", order=40, cache=True
            )
            for area in ("kecamatan", "kabupaten")
        ),
        # What the village site already publishes, in its Daftar Informasi Publik.
        DipSource("berkala", _S + "halaman", wajib="profil", terbaru=_S + "halaman_terbaru", order=10),
        DipSource("berkala", _S + "perangkat", wajib="struktur", terbaru=_S + "perangkat_terbaru", order=20),
        DipSource("berkala", _S + "statistik", order=30),
        DipSource("berkala", _S + "dokumen_apbdes", wajib="apbdes", terbaru=_S + "dokumen_apbdes_terbaru", order=40),
        DipSource(
            "berkala", _S + "dokumen_laporan", wajib="realisasi", terbaru=_S + "dokumen_laporan_terbaru", order=50
        ),
        DipSource("berkala", _S + "prosedur_ppid", wajib="ppid", terbaru=_S + "prosedur_ppid_terbaru", order=60),
        DipSource("berkala", _S + "pengumuman_biasa", order=70),
        DipSource("serta_merta", _S + "pengumuman_penting", order=10),
        DipSource(
            "setiap_saat", _S + "dokumen_perdes", wajib="perdes", terbaru=_S + "dokumen_perdes_terbaru", order=10
        ),
        DipSource("setiap_saat", _S + "dokumen_lain", order=20),
    ]
