from django.apps import AppConfig

from balai.core.registry import (
    AuditLabels,
    MenuItem,
    PublicTextSource,
    SearchSource,
    SitemapSource,
    Widget,
)


class LapakConfig(AppConfig):
    name = "balai.lapak"
    verbose_name = "Lapak desa"
    extensions = [
        AuditLabels("balai.lapak.services.AUDIT_LABELS"),
        MenuItem("desa", "Lapak: produk", "lapak:kantor", grup="layanan", izin="lapak.kelola", order=60, icon="▣"),
        MenuItem(
            "desa", "Lapak: pelapak", "lapak:kantor_pelapak", grup="layanan", izin="lapak.kelola", order=61, icon="☺"
        ),
        MenuItem("kabupaten", "Lapak", "lapak:kabupaten", grup="pantau", izin="kabupaten.kelola", order=40, icon="▣"),
        MenuItem("publik-desa", "Lapak", "lapak:pasar", order=50),
        MenuItem("mandiri", "Lapak saya", "lapak:warga", order=50),
        MenuItem("publik-kecamatan", "Lapak", "lapak:pasar", order=50),
        MenuItem("publik-kabupaten", "Lapak", "lapak:pasar", order=50),
        Widget(
            "beranda-desa",
            "lapak/partials/beranda.html",
            "balai.lapak.selectors.beranda_lapak",
            order=50,
            stylesheet="lapak/lapak.css",
        ),
        Widget(
            "desa",
            "lapak/partials/widget_desa.html",
            "balai.lapak.selectors.widget_desa",
            izin="lapak.kelola",
            order=40,
        ),
        Widget(
            "kabupaten",
            "lapak/partials/widget_kabupaten.html",
            "balai.lapak.selectors.widget_kabupaten",
            order=40,
            cache=True,
        ),
        SitemapSource("balai.lapak.selectors.sitemap_entries"),
        SearchSource("lapak", "Lapak", "balai.lapak.selectors.cari_produk", order=70),
        PublicTextSource("lapak.Produk", ("nama", "deskripsi", "satuan")),
        PublicTextSource("lapak.Pelapak", ("nama", "lokasi")),
    ]
