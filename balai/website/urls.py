from django.urls import path

from .views import feeds, kantor, kantor_situs, portal, publik

app_name = "website"

urlpatterns = [
    path("", portal.beranda, name="beranda"),
    path("cari/", portal.cari, name="cari"),
    path("artikel/", publik.artikel_list, name="artikel_list"),
    path("artikel/<slug:slug>/", publik.artikel_detail, name="artikel_detail"),
    path("artikel/<slug:slug>/komentar/", publik.komentar_kirim, name="komentar_kirim"),
    path("halaman/<slug:slug>/", publik.halaman, name="halaman"),
    path("pemerintahan/", publik.pemerintahan, name="pemerintahan"),
    path("wilayah/", publik.wilayah, name="wilayah"),
    path("kontak/", publik.kontak, name="kontak"),
    path("tema.css", publik.tema_css, name="tema_css"),
    path("feed/", feeds.feed, name="feed"),
    path("sitemap.xml", publik.sitemap, name="sitemap"),
    path("robots.txt", publik.robots, name="robots"),
    path("favicon.ico", publik.favicon, name="favicon"),
    # back office
    path("admin-desa/artikel/", kantor.artikel_list, name="kantor_artikel_list"),
    path("admin-desa/artikel/tambah/", kantor.artikel_tambah, name="kantor_artikel_tambah"),
    path("admin-desa/artikel/<int:pk>/ubah/", kantor.artikel_ubah, name="kantor_artikel_ubah"),
    path("admin-desa/artikel/<int:pk>/hapus/", kantor.artikel_hapus, name="kantor_artikel_hapus"),
    path("admin-desa/artikel/<int:pk>/pratinjau/", kantor.artikel_pratinjau, name="kantor_artikel_pratinjau"),
    path("admin-desa/artikel/<int:pk>/revisi/", kantor.artikel_revisi, name="kantor_artikel_revisi"),
    path("admin-desa/artikel/revisi/<int:pk>/pulihkan/", kantor.revisi_pulihkan, name="kantor_revisi_pulihkan"),
    path("admin-desa/halaman/<int:pk>/pratinjau/", kantor.halaman_pratinjau, name="kantor_halaman_pratinjau"),
    path("admin-desa/komentar/", kantor.komentar_list, name="kantor_komentar"),
    path("admin-desa/komentar/<int:pk>/moderasi/", kantor.komentar_moderasi, name="kantor_komentar_moderasi"),
    path("admin-desa/situs/", kantor.pengaturan, name="kantor_pengaturan"),
    path("dasbor/situs/", kantor.kabupaten_kesegaran, name="kabupaten_kesegaran"),
]
for name in ("halaman", "perangkat", "menu", "kategori"):
    urlpatterns += [
        path(f"admin-desa/{name}/", getattr(kantor_situs, f"{name}_list"), name=f"kantor_{name}"),
        path(f"admin-desa/{name}/tambah/", getattr(kantor_situs, f"{name}_edit"), name=f"kantor_{name}_tambah"),
        path(f"admin-desa/{name}/<int:pk>/ubah/", getattr(kantor_situs, f"{name}_edit"), name=f"kantor_{name}_ubah"),
        path(f"admin-desa/{name}/<int:pk>/hapus/", getattr(kantor_situs, f"{name}_hapus"), name=f"kantor_{name}_hapus"),
    ]
