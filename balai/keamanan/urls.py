from django.urls import path

from . import views

app_name = "keamanan"
urlpatterns = [
    path("admin-desa/keamanan/", views.desa, name="desa"),
    path("admin-desa/keamanan/panduan/", views.panduan_desa, name="panduan_desa"),
    path("dasbor/keamanan/", views.kabupaten, name="kabupaten"),
    path("dasbor/keamanan/panduan/", views.panduan_kabupaten, name="panduan_kabupaten"),
    path("dasbor/keamanan/ditahan/", views.ditahan_list, name="ditahan_list"),
    path("dasbor/keamanan/ditahan/<int:pk>/", views.ditahan_detail, name="ditahan_detail"),
    path("dasbor/keamanan/temuan/", views.temuan_list, name="temuan_list"),
    path("dasbor/keamanan/temuan/<int:pk>/tandai/", views.temuan_tandai, name="temuan_tandai"),
    path("dasbor/keamanan/daftar/", views.daftar, name="daftar"),
    path("dasbor/keamanan/daftar/blokir/<int:pk>/hapus/", views.blokir_hapus, name="blokir_hapus"),
    path("dasbor/keamanan/daftar/izin/<int:pk>/hapus/", views.izin_hapus, name="izin_hapus"),
]
