from django.urls import path

from . import views

app_name = "panel"
urlpatterns = [
    path("admin-desa/", views.desa_dasbor, name="desa_dasbor"),
    path("admin-desa/pengguna/", views.desa_pengguna, name="desa_pengguna"),
    path("admin-desa/pengguna/<int:pk>/status/", views.desa_pengguna_status, name="desa_pengguna_status"),
    path("admin-desa/pengguna/<int:pk>/peran/", views.desa_pengguna_peran, name="desa_pengguna_peran"),
    path("admin-desa/log/", views.desa_log, name="desa_log"),
    path("dasbor/", views.dasbor, name="dasbor"),
    path("dasbor/log/", views.log, name="log"),
    path("dasbor/desa/", views.kab_desa, name="kab_desa"),
    path("dasbor/desa/<int:pk>/", views.desa_detail, name="desa_detail"),
    path("dasbor/desa/<int:pk>/aktif/", views.kab_desa_aktif, name="kab_desa_aktif"),
    path("dasbor/pengguna/", views.kab_pengguna, name="kab_pengguna"),
    path("dasbor/pengguna/<int:pk>/status/", views.kab_pengguna_status, name="kab_pengguna_status"),
    path("dasbor/pengguna/<int:pk>/peran/", views.kab_pengguna_peran, name="kab_pengguna_peran"),
    path("dasbor/pengguna/<int:pk>/2fa/", views.kab_pengguna_2fa, name="kab_pengguna_2fa"),
    path("dasbor/pengguna/<int:pk>/tautan-2fa/", views.kab_pengguna_tautan_2fa, name="kab_pengguna_tautan_2fa"),
    path("dasbor/kalender/", views.kab_kalender, name="kab_kalender"),
    path("dasbor/kalender/<int:pk>/hapus/", views.kab_kalender_hapus, name="kab_kalender_hapus"),
]
