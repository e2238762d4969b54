from django.urls import path

from . import dasbor, kantor, views

app_name = "pembangunan"
urlpatterns = [
    path("pembangunan/", views.daftar, name="daftar"),
    path("pembangunan/<slug:slug>/", views.detail, name="detail"),
    # back office
    path("admin-desa/pembangunan/", kantor.daftar, name="kantor_daftar"),
    path("admin-desa/pembangunan/tambah/", kantor.ubah, name="kantor_tambah"),
    path("admin-desa/pembangunan/<int:pk>/", kantor.detail, name="kantor_detail"),
    path("admin-desa/pembangunan/<int:pk>/ubah/", kantor.ubah, name="kantor_ubah"),
    path("admin-desa/pembangunan/<int:pk>/hapus/", kantor.hapus, name="kantor_hapus"),
    path("admin-desa/pembangunan/<int:pk>/progres/", kantor.progres_tambah, name="kantor_progres"),
    path("admin-desa/pembangunan/progres/<int:pk>/hapus/", kantor.progres_hapus, name="kantor_progres_hapus"),
    path("admin-desa/pembangunan/progres/<int:pk>/berita/", kantor.progres_berita, name="kantor_progres_berita"),
    # kecamatan and kabupaten
    path("dasbor/pembangunan/", dasbor.rekap, name="rekap"),
]
