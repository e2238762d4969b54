from django.apps import AppConfig

from balai.core.registry import AuditLabels, MenuItem, SitemapSource, Widget

IZIN_WILAYAH = ("kecamatan.pantau", "kabupaten.kelola")


class KeuanganConfig(AppConfig):
    name = "balai.keuangan"
    verbose_name = "Keuangan desa (APBDes)"
    extensions = [
        AuditLabels("balai.keuangan.services.AUDIT_LABELS"),
        SitemapSource("balai.keuangan.selectors.sitemap_entries"),
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
        Widget("kecamatan", "keuangan/partials/widget_wilayah.html", "balai.keuangan.dasbor.widget_wilayah", order=40),
        Widget("kabupaten", "keuangan/partials/widget_wilayah.html", "balai.keuangan.dasbor.widget_wilayah", order=40),
    ]
