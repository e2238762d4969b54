from django.urls import path

from . import dasbor, kantor, views

app_name = "keuangan"
urlpatterns = [
    # public, village host
    path("apbdes/", views.publik, name="publik"),
    path("apbdes/<int:tahun>/", views.publik, name="publik_tahun"),
    path("apbdes/<int:tahun>/apbdes.xlsx", views.unduh_xlsx, name="unduh_xlsx"),
    path("apbdes/<int:tahun>/apbdes.pdf", views.unduh_pdf, name="unduh_pdf"),
    # village back office
    path("admin-desa/apbdes/", kantor.kantor, name="kantor"),
    path("admin-desa/apbdes/<int:pk>/", kantor.versi, name="versi"),
    path("admin-desa/apbdes/<int:pk>/terbit/", kantor.terbit, name="terbit"),
    path("admin-desa/apbdes/<int:pk>/perubahan/", kantor.perubahan, name="perubahan"),
    path("admin-desa/apbdes/<int:pk>/realisasi/", kantor.realisasi, name="realisasi"),
    path("admin-desa/apbdes/<int:pk>/baris/tambah/", kantor.baris_tambah, name="baris_tambah"),
    path("admin-desa/apbdes/<int:pk>/kegiatan/tambah/", kantor.kegiatan_tambah, name="kegiatan_tambah"),
    path("admin-desa/apbdes/baris/<int:pk>/", kantor.baris_ubah, name="baris_ubah"),
    path("admin-desa/apbdes/baris/<int:pk>/hapus/", kantor.baris_hapus, name="baris_hapus"),
    path("admin-desa/apbdes/kegiatan/<int:pk>/", kantor.kegiatan_ubah, name="kegiatan_ubah"),
    path("admin-desa/apbdes/templat/<int:tahun>/", kantor.templat, name="templat"),
    path("admin-desa/apbdes/impor/", kantor.impor, name="impor"),
    path("admin-desa/apbdes/impor/<int:pk>/", kantor.impor_detail, name="impor_detail"),
    path("admin-desa/apbdes/impor/<int:pk>/simpan/", kantor.impor_simpan, name="impor_simpan"),
    # kecamatan host and kabupaten dashboard
    path("dasbor/apbdes/", dasbor.dasbor, name="dasbor"),
]
