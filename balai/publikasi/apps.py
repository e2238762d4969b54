from django.apps import AppConfig


class PublikasiConfig(AppConfig):
    name = "balai.publikasi"
    verbose_name = "Publikasi desa"

    def ready(self):
        from balai.akun.models import Peran
        from balai.core import dashboard, kesegaran, menu, pencarian

        from . import selectors

        kesegaran.register(selectors.terbitan_terakhir)
        pencarian.register("pengumuman", "Pengumuman", selectors.cari_pengumuman, order=20)
        pencarian.register("agenda", "Agenda", selectors.cari_agenda, order=30)
        pencarian.register("dokumen", "Dokumen", selectors.cari_dokumen, order=50)
        pencarian.register("galeri", "Galeri", selectors.cari_album, order=60)
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
