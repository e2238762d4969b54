from django.urls import path

from . import views

app_name = "kehadiran"
urlpatterns = [
    path("admin-desa/kehadiran/", views.saya, name="saya"),
    path("admin-desa/kehadiran/absen/", views.absen, name="absen"),
    path("admin-desa/kehadiran/layar/", views.layar, name="layar"),
    path("admin-desa/kehadiran/layar/kode/", views.layar_kode, name="layar_kode"),
    path("admin-desa/kehadiran/izin/", views.izin_daftar, name="izin_daftar"),
    path("admin-desa/kehadiran/izin/ajukan/", views.izin_ajukan, name="izin_ajukan"),
    path("admin-desa/kehadiran/izin/<int:pk>/", views.izin_detail, name="izin_detail"),
    path("admin-desa/kehadiran/izin/<int:pk>/batal/", views.izin_batal, name="izin_batal"),
    path("admin-desa/kehadiran/izin/<int:pk>/lampiran/", views.izin_lampiran, name="izin_lampiran"),
    path("admin-desa/kehadiran/pengaturan/", views.pengaturan, name="pengaturan"),
    path("admin-desa/kehadiran/rekap/", views.rekap, name="rekap"),
    path("admin-desa/kehadiran/rekap/<int:pk>/", views.rekap_orang, name="rekap_orang"),
    path("dasbor/kehadiran/", views.dasbor_rekap, name="dasbor"),
    path("dasbor/kehadiran/desa/<int:pk>/", views.dasbor_rekap_desa, name="dasbor_desa"),
]
