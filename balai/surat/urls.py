from django.urls import path

from balai.akun.access import per_host

from . import views

app_name = "surat"
urlpatterns = [
    path("admin-desa/surat/", views.daftar, name="daftar"),
    path("admin-desa/surat/baru/", views.baru, name="baru"),
    path("admin-desa/surat/cari-penduduk/", views.cari_penduduk, name="cari_penduduk"),
    path("admin-desa/surat/<int:pk>/", views.detail, name="detail"),
    path("admin-desa/surat/<int:pk>/ubah/", views.ubah, name="ubah"),
    path("admin-desa/surat/<int:pk>/verifikasi/", views.verifikasi, name="verifikasi_surat"),
    path("admin-desa/surat/<int:pk>/tandatangani/", views.tandatangani, name="tandatangani"),
    path("admin-desa/surat/<int:pk>/tolak/", views.tolak, name="tolak"),
    path("admin-desa/surat/<int:pk>/selesai/", views.selesai, name="selesai"),
    path("admin-desa/surat/<int:pk>/batal/", views.batal, name="batal"),
    path("admin-desa/surat/<int:pk>/koreksi/", views.koreksi, name="koreksi"),
    path("admin-desa/surat/<int:pk>/pesan/", views.pesan, name="pesan"),
    path("admin-desa/surat/<int:pk>/pdf/", views.unduh_pdf, name="pdf"),
    path("admin-desa/surat/<int:pk>/cetak/", views.cetak, name="cetak"),
    path("admin-desa/surat/lampiran/<int:pk>/", views.unduh_lampiran, name="lampiran"),
    path("admin-desa/surat/agenda/", views.agenda, name="agenda"),
    path("admin-desa/surat/masuk/", views.masuk_daftar, name="masuk_daftar"),
    path("admin-desa/surat/masuk/baru/", views.masuk_baru, name="masuk_baru"),
    path("admin-desa/surat/masuk/<int:pk>/", views.masuk_detail, name="masuk_detail"),
    path("admin-desa/surat/masuk/<int:pk>/berkas/", views.masuk_berkas, name="masuk_berkas"),
    path("admin-desa/surat/templat/", views.templat_daftar, name="templat_daftar"),
    path("admin-desa/surat/templat/<slug:jenis>/", views.templat_ubah, name="templat_ubah"),
    path("admin-desa/surat/templat/<slug:jenis>/pratinjau/", views.templat_pratinjau, name="templat_pratinjau"),
    path("admin-desa/surat/pengaturan/", views.pengaturan, name="pengaturan"),
    path("dasbor/surat/", per_host(kecamatan=views.camat_antrean), name="camat_antrean"),
    path("dasbor/surat/<int:pk>/", per_host(kecamatan=views.camat_detail), name="camat_detail"),
    path("surat/verifikasi/<str:token>/", views.verifikasi_publik, name="verifikasi"),
]
