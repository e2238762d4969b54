from django.urls import path

from . import kantor, views, warga

app_name = "lapak"
urlpatterns = [
    # public: the village market, and on the portals the market of all their villages
    path("lapak/", views.pasar, name="pasar"),
    path("lapak/<slug:slug>/", views.produk, name="produk"),
    path("lapak/<slug:slug>/pesan/", views.pesan, name="pesan"),
    path("lapak/<slug:slug>/lihat.gif", views.lihat, name="lihat"),
    # village back office
    path("admin-desa/lapak/", kantor.produk_daftar, name="kantor"),
    path("admin-desa/lapak/produk/tambah/", kantor.produk_ubah, name="kantor_produk_tambah"),
    path("admin-desa/lapak/produk/<int:pk>/", kantor.produk_ubah, name="kantor_produk_ubah"),
    path("admin-desa/lapak/produk/<int:pk>/status/", kantor.produk_status, name="kantor_produk_status"),
    path("admin-desa/lapak/foto/<int:pk>/hapus/", kantor.foto_hapus, name="kantor_foto_hapus"),
    path("admin-desa/lapak/pelapak/", kantor.pelapak_daftar, name="kantor_pelapak"),
    path("admin-desa/lapak/pelapak/tambah/", kantor.pelapak_ubah, name="kantor_pelapak_tambah"),
    path("admin-desa/lapak/pelapak/<int:pk>/", kantor.pelapak_ubah, name="kantor_pelapak_ubah"),
    path("admin-desa/lapak/pelapak/<int:pk>/status/", kantor.pelapak_status, name="kantor_pelapak_status"),
    # the seller's own pages in Layanan Mandiri
    path("mandiri/lapak/", warga.beranda, name="warga"),
    path("mandiri/lapak/produk/tambah/", warga.produk_ubah, name="warga_produk_tambah"),
    path("mandiri/lapak/produk/<int:pk>/", warga.produk_ubah, name="warga_produk_ubah"),
    path("mandiri/lapak/produk/<int:pk>/status/", warga.produk_status, name="warga_produk_status"),
    path("mandiri/lapak/foto/<int:pk>/hapus/", warga.foto_hapus, name="warga_foto_hapus"),
    # kabupaten back office
    path("dasbor/lapak/", kantor.kabupaten_lapak, name="kabupaten"),
    path("dasbor/lapak/kategori/tambah/", kantor.kategori_ubah, name="kategori_tambah"),
    path("dasbor/lapak/kategori/<int:pk>/ubah/", kantor.kategori_ubah, name="kategori_ubah"),
    path("dasbor/lapak/kategori/bawaan/", kantor.kategori_bawaan, name="kategori_bawaan"),
]
