from django.urls import path

from . import views

app_name = "penduduk"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
    path("lahir/", views.lahir, name="lahir"),
    path("datang/", views.datang, name="datang"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/mati/", views.mati, name="mati"),
    path("<int:pk>/pindah/", views.pindah, name="pindah"),
    path("pindah-antar-desa/", views.pindah_antar_desa, name="pindah_antar_desa"),
    path("pindah-antar-desa/ajukan/", views.pindah_antar_desa_ajukan, name="pindah_antar_desa_ajukan"),
    path(
        "pindah-antar-desa/<int:pk>/konfirmasi/",
        views.pindah_antar_desa_konfirmasi,
        name="pindah_antar_desa_konfirmasi",
    ),
    path("pindah-antar-desa/<int:pk>/tolak/", views.pindah_antar_desa_tolak, name="pindah_antar_desa_tolak"),
    path("keluarga/", views.keluarga_daftar, name="keluarga_daftar"),
    path("keluarga/tambah/", views.keluarga_form, name="keluarga_tambah"),
    path("keluarga/<int:pk>/", views.keluarga_detail, name="keluarga_detail"),
    path("keluarga/<int:pk>/ubah/", views.keluarga_form, name="keluarga_ubah"),
    path("rumah-tangga/", views.rumah_tangga_daftar, name="rumah_tangga_daftar"),
    path("rumah-tangga/tambah/", views.rumah_tangga_tambah, name="rumah_tangga_tambah"),
    path("rumah-tangga/<int:pk>/", views.rumah_tangga_detail, name="rumah_tangga_detail"),
    path("rumah-tangga/<int:pk>/anggota/", views.rumah_tangga_anggota, name="rumah_tangga_anggota"),
    path("rumah-tangga/<int:pk>/keluarkan/", views.rumah_tangga_keluarkan, name="rumah_tangga_keluarkan"),
    path("rumah-tangga/<int:pk>/kepala/", views.rumah_tangga_kepala, name="rumah_tangga_kepala"),
    path("rumah-tangga/<int:pk>/bubarkan/", views.rumah_tangga_bubarkan, name="rumah_tangga_bubarkan"),
    path("impor/", views.impor, name="impor"),
    path("impor/templat/", views.impor_templat, name="impor_templat"),
    path("kosongkan/", views.kosongkan, name="kosongkan"),
    path("impor/<int:pk>/", views.impor_detail, name="impor_detail"),
    path("impor/<int:pk>/lanjut/", views.impor_lanjut, name="impor_lanjut"),
    path("ekspor/", views.ekspor_view, name="ekspor"),
]
