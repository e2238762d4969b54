from django.apps import AppConfig


class PublikasiConfig(AppConfig):
    name = "balai.publikasi"
    verbose_name = "Publikasi desa"

    def ready(self):
        from balai.akun.models import Peran
        from balai.core import audit, dashboard, kesegaran, menu

        from . import selectors, services

        audit.register_labels(services.AUDIT_LABELS)

        kesegaran.register(selectors.terbitan_terakhir)
        pengelola = {Peran.ADMIN_DESA, Peran.OPERATOR_DESA}
        menu.register("desa", "Agenda", "publikasi_kantor:agenda_daftar", roles=pengelola, order=40, icon="◷")
        menu.register("desa", "Pengumuman", "publikasi_kantor:pengumuman_daftar", roles=pengelola, order=42, icon="!")
        menu.register("desa", "Galeri", "publikasi_kantor:album_daftar", roles=pengelola, order=44, icon="▦")
        menu.register("desa", "Dokumen unduhan", "publikasi_kantor:dokumen_daftar", roles=pengelola, order=46, icon="↓")
        menu.register("publik-desa", "Agenda", "publikasi:agenda", order=40)
        menu.register("publik-desa", "Pengumuman", "publikasi:pengumuman", order=42)
        menu.register("publik-desa", "Galeri", "publikasi:galeri", order=44)
        menu.register("publik-desa", "Unduhan", "publikasi:unduhan", order=46)
        dashboard.register(
            "beranda-desa",
            "publikasi/partials/beranda_pengumuman.html",
            selectors.beranda_pengumuman,
            order=20,
            stylesheet="publikasi/publikasi.css",
        )
        dashboard.register("beranda-desa", "publikasi/partials/beranda_agenda.html", selectors.beranda_agenda, order=30)
        dashboard.register("beranda-desa", "publikasi/partials/beranda_galeri.html", selectors.beranda_galeri, order=60)
