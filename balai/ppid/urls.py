from django.urls import path

from . import kantor, views, wilayah

app_name = "ppid"
K = "admin-desa/ppid/"
urlpatterns = [
    # public, on the village host
    path("ppid/", views.profil, name="profil"),
    path("ppid/informasi/", views.informasi, name="informasi"),
    path("ppid/informasi/<int:pk>/", views.informasi_detail, name="informasi_detail"),
    path("ppid/informasi/<int:pk>/unduh/", views.informasi_unduh, name="informasi_unduh"),
    path("ppid/permohonan/", views.permohonan, name="permohonan"),
    path("ppid/status/<str:token>/", views.status, name="status"),
    path("ppid/keberatan/", views.keberatan, name="keberatan"),
    # back office
    path(K, kantor.kantor, name="kantor"),
    path(K + "permohonan/baru/", kantor.permohonan_baru, name="kantor_permohonan_baru"),
    path(K + "permohonan/<int:pk>/", kantor.permohonan_detail, name="kantor_permohonan"),
    path(K + "permohonan/<int:pk>/jawab/", kantor.permohonan_jawab, name="kantor_permohonan_jawab"),
    path(K + "permohonan/<int:pk>/perpanjang/", kantor.permohonan_perpanjang, name="kantor_permohonan_perpanjang"),
    path(K + "permohonan/<int:pk>/spt.pdf", kantor.permohonan_spt, name="kantor_permohonan_spt"),
    path(K + "permohonan/<int:pk>/identitas/", kantor.permohonan_identitas, name="kantor_permohonan_identitas"),
    path(K + "keberatan/", kantor.keberatan_daftar, name="kantor_keberatan_daftar"),
    path(K + "keberatan/<int:pk>/", kantor.keberatan_detail, name="kantor_keberatan"),
    path(K + "keberatan/<int:pk>/tanggapi/", kantor.keberatan_tanggapi, name="kantor_keberatan_tanggapi"),
    path(K + "informasi/", kantor.informasi_daftar, name="kantor_informasi"),
    path(K + "informasi/baru/", kantor.informasi_tambah, name="kantor_informasi_tambah"),
    path(K + "informasi/<int:pk>/", kantor.informasi_ubah, name="kantor_informasi_ubah"),
    path(K + "informasi/<int:pk>/hapus/", kantor.informasi_hapus, name="kantor_informasi_hapus"),
    path(K + "register/permohonan/", kantor.register_permohonan, name="kantor_register_permohonan"),
    path(K + "register/keberatan/", kantor.register_keberatan, name="kantor_register_keberatan"),
    path(K + "register/informasi/", kantor.register_informasi, name="kantor_register_informasi"),
    path(K + "laporan/", kantor.laporan, name="kantor_laporan"),
    path(K + "kelengkapan/", kantor.kelengkapan, name="kantor_kelengkapan"),
    # kecamatan and kabupaten
    path("dasbor/ppid/", wilayah.wilayah, name="wilayah"),
]
