from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "balai.website"
    verbose_name = "Situs web"

    def ready(self):
        from balai.akun.models import Peran
        from balai.core import audit, dashboard, kesegaran, menu

        from . import selectors, services

        audit.register_labels(services.AUDIT_LABELS)

        kesegaran.register(selectors.artikel_terakhir)
        kelola = {Peran.ADMIN_DESA, Peran.OPERATOR_DESA}
        for label, url, order, icon in [
            ("Artikel", "website:kantor_artikel_list", 10, "✎"),
            ("Komentar", "website:kantor_komentar", 11, "✉"),
            ("Kategori artikel", "website:kantor_kategori", 12, "#"),
            ("Halaman", "website:kantor_halaman", 20, "▤"),
            ("Perangkat desa", "website:kantor_perangkat", 21, "☷"),
            ("Menu situs", "website:kantor_menu", 22, "☰"),
            ("Tampilan situs", "website:kantor_pengaturan", 23, "◐"),
        ]:
            menu.register("desa", label, url, roles=kelola, order=order, icon=icon)
        menu.register("publik-desa", "Berita", "website:artikel_list", order=10)
        menu.register("publik-desa", "Pemerintahan", "website:pemerintahan", order=60)
        menu.register("publik-desa", "Wilayah", "website:wilayah", order=70)
        menu.register("publik-desa", "Kontak", "website:kontak", order=90)
        menu.register("publik-kabupaten", "Cari", "website:cari", order=90)
        menu.register("publik-kecamatan", "Cari", "website:cari", order=90)
        menu.register(
            "kabupaten",
            "Kesegaran situs",
            "website:kabupaten_kesegaran",
            roles={Peran.ADMIN_KABUPATEN},
            order=30,
            icon="◷",
        )
        for area in ("kabupaten", "kecamatan"):
            dashboard.register(
                area, "website/partials/widget_kesegaran_wilayah.html", selectors.widget_kesegaran_wilayah, order=20
            )
        dashboard.register(
            "desa", "website/partials/widget_kesegaran.html", selectors.widget_kesegaran, roles=kelola, order=5
        )
