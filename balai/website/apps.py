from django.apps import AppConfig

from balai.core.registry import (
    ActivityMeasure,
    AuditLabels,
    FreshnessSource,
    MenuItem,
    PublicTextSource,
    SearchSource,
    VillageColumn,
    Widget,
)

_KANTOR = [
    ("Artikel", "website:kantor_artikel_list", "publikasi", 10, "✎"),
    ("Komentar", "website:kantor_komentar", "publikasi", 11, "✉"),
    ("Kategori artikel", "website:kantor_kategori", "publikasi", 12, "#"),
    ("Halaman", "website:kantor_halaman", "situs", 20, "▤"),
    ("Perangkat desa", "website:kantor_perangkat", "situs", 21, "☷"),
    ("Menu situs", "website:kantor_menu", "situs", 22, "☰"),
    ("Tampilan situs", "website:kantor_pengaturan", "situs", 23, "◐"),
]


class WebsiteConfig(AppConfig):
    name = "balai.website"
    verbose_name = "Situs web"
    extensions = [
        AuditLabels("balai.website.services.AUDIT_LABELS"),
        FreshnessSource("balai.website.selectors.artikel_terakhir"),
        VillageColumn(
            "situs.terakhir",
            "Terbitan terakhir",
            "balai.website.selectors.kolom_kesegaran",
            kind="waktu",
            order=70,
            keterangan="Terbitan terakhir di situs desa, dari modul mana pun.",
        ),
        ActivityMeasure(
            "konten.artikel",
            "Berita terbit",
            "konten",
            "balai.website.selectors.ukuran_artikel_terbit",
            penuh=8,
            satuan="berita",
        ),
        SearchSource("artikel", "Berita", "balai.website.selectors.cari_artikel", order=10),
        SearchSource("halaman", "Halaman", "balai.website.selectors.cari_halaman", order=40),
        *(
            MenuItem("desa", label, url, grup=grup, izin="situs.kelola", order=order, icon=icon)
            for label, url, grup, order, icon in _KANTOR
        ),
        MenuItem("publik-desa", "Berita", "website:artikel_list", order=10),
        MenuItem("publik-desa", "Pemerintahan", "website:pemerintahan", order=60),
        MenuItem("publik-desa", "Wilayah", "website:wilayah", order=70),
        MenuItem("publik-desa", "Kontak", "website:kontak", order=90),
        MenuItem("publik-kabupaten", "Cari", "website:cari", order=90),
        MenuItem("publik-kecamatan", "Cari", "website:cari", order=90),
        MenuItem(
            "kabupaten",
            "Kesegaran situs",
            "website:kabupaten_kesegaran",
            grup="pantau",
            izin="kabupaten.kelola",
            order=30,
            icon="◷",
        ),
        Widget(
            "kabupaten",
            "website/partials/widget_kesegaran_wilayah.html",
            "balai.website.selectors.widget_kesegaran_wilayah",
            order=20,
            cache=True,
        ),
        Widget(
            "kecamatan",
            "website/partials/widget_kesegaran_wilayah.html",
            "balai.website.selectors.widget_kesegaran_wilayah",
            order=20,
            cache=True,
        ),
        Widget(
            "desa",
            "website/partials/widget_kesegaran.html",
            "balai.website.selectors.widget_kesegaran",
            izin="situs.kelola",
            order=5,
            cache=True,
        ),
        PublicTextSource("website.Artikel", ("judul", "ringkasan", "isi")),
        PublicTextSource("website.Halaman", ("judul", "isi")),
        PublicTextSource("website.Komentar", ("nama", "isi")),
        PublicTextSource("website.Kategori", ("nama",)),
        PublicTextSource("website.Tag", ("nama",)),
        PublicTextSource("website.Perangkat", ("nama", "jabatan")),
        PublicTextSource("website.MenuSitus", ("label", "url")),
        PublicTextSource("website.PengaturanSitus", ("slogan", "judul_sambutan", "sambutan")),
    ]
