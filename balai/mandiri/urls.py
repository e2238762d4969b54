from django.urls import path

from . import kantor, permohonan, views

app_name = "mandiri"
urlpatterns = [
    path("mandiri/", views.beranda, name="beranda"),
    path("mandiri/masuk/", views.masuk, name="masuk"),
    path("mandiri/keluar/", views.keluar, name="keluar"),
    path("mandiri/pin/", views.ganti_pin, name="ganti_pin"),
    path("mandiri/data/", views.data_saya, name="data"),
    path("mandiri/keluarga/", views.keluarga, name="keluarga"),
    path("mandiri/surat/", permohonan.daftar, name="surat_daftar"),
    path("mandiri/surat/baru/", permohonan.pilih_jenis, name="surat_jenis"),
    path("mandiri/surat/baru/<slug:kode>/", permohonan.ajukan, name="surat_ajukan"),
    path("mandiri/surat/<int:pk>/", permohonan.detail, name="surat_detail"),
    path("mandiri/surat/<int:pk>/unduh/", permohonan.unduh, name="surat_unduh"),
    path("mandiri/surat/<int:pk>/pesan/", permohonan.kirim_pesan, name="surat_pesan"),
    path("admin-desa/mandiri/", kantor.daftar, name="kantor_daftar"),
    path("admin-desa/mandiri/penduduk/<int:pk>/", kantor.detail, name="kantor_detail"),
    path("admin-desa/mandiri/penduduk/<int:pk>/pin/", kantor.terbitkan_pin, name="kantor_pin"),
    path("admin-desa/mandiri/penduduk/<int:pk>/slip/", kantor.slip_pin, name="kantor_slip"),
    path("admin-desa/mandiri/penduduk/<int:pk>/nonaktif/", kantor.nonaktifkan, name="kantor_nonaktif"),
]
