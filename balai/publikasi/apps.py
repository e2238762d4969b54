from django.apps import AppConfig

from balai.core.registry import (
    ActivityMeasure,
    AuditLabels,
    FreshnessSource,
    MenuItem,
    PublicTextSource,
    SearchSource,
    SitemapSource,
    Widget,
)


class PublikasiConfig(AppConfig):
    name = "balai.publikasi"
    verbose_name = "Publikasi desa"
    extensions = [
        AuditLabels("balai.publikasi.services.AUDIT_LABELS"),
        FreshnessSource("balai.publikasi.selectors.terbitan_terakhir"),
        ActivityMeasure(
            "konten.publikasi",
            "Agenda, pengumuman, album dan dokumen baru",
            "konten",
            "balai.publikasi.selectors.ukuran_publikasi_baru",
            penuh=6,
            satuan="terbitan",
        ),
        SitemapSource("balai.publikasi.selectors.sitemap_entries"),
        SearchSource("pengumuman", "Pengumuman", "balai.publikasi.selectors.cari_pengumuman", order=20),
        SearchSource("agenda", "Agenda", "balai.publikasi.selectors.cari_agenda", order=30),
        SearchSource("dokumen", "Dokumen", "balai.publikasi.selectors.cari_dokumen", order=50),
        SearchSource("galeri", "Galeri", "balai.publikasi.selectors.cari_album", order=60),
        MenuItem(
            "desa",
            "Agenda",
            "publikasi_kantor:agenda_daftar",
            grup="publikasi",
            izin="situs.kelola",
            order=40,
            icon="◷",
        ),
        MenuItem(
            "desa",
            "Pengumuman",
            "publikasi_kantor:pengumuman_daftar",
            grup="publikasi",
            izin="pengumuman.kelola",
            order=42,
            icon="!",
        ),
        MenuItem(
            "desa", "Galeri", "publikasi_kantor:album_daftar", grup="publikasi", izin="situs.kelola", order=44, icon="▦"
        ),
        MenuItem(
            "desa",
            "Dokumen unduhan",
            "publikasi_kantor:dokumen_daftar",
            grup="publikasi",
            izin="dokumen.kelola",
            order=46,
            icon="↓",
        ),
        MenuItem("publik-desa", "Agenda", "publikasi:agenda", order=40),
        MenuItem("publik-desa", "Pengumuman", "publikasi:pengumuman", order=42),
        MenuItem("publik-desa", "Galeri", "publikasi:galeri", order=44),
        MenuItem("publik-desa", "Unduhan", "publikasi:unduhan", order=46),
        Widget(
            "beranda-desa",
            "publikasi/partials/beranda_pengumuman.html",
            "balai.publikasi.selectors.beranda_pengumuman",
            order=20,
            stylesheet="publikasi/publikasi.css",
        ),
        Widget(
            "beranda-desa",
            "publikasi/partials/beranda_agenda.html",
            "balai.publikasi.selectors.beranda_agenda",
            order=30,
        ),
        Widget(
            "beranda-desa",
            "publikasi/partials/beranda_galeri.html",
            "balai.publikasi.selectors.beranda_galeri",
            order=60,
        ),
        PublicTextSource("publikasi.Agenda", ("judul", "uraian", "lokasi", "penyelenggara")),
        PublicTextSource("publikasi.Pengumuman", ("judul", "isi")),
        PublicTextSource("publikasi.Album", ("judul", "uraian")),
        PublicTextSource("publikasi.Foto", ("keterangan",)),
        PublicTextSource("publikasi.Dokumen", ("judul", "berkas")),
    ]
