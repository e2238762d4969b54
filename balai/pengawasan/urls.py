from django.urls import path

from . import views

app_name = "pengawasan"
urlpatterns = [
    path("dasbor/skor/", views.skor, name="skor"),
    path("dasbor/skor/unduh/", views.skor_unduh, name="skor_unduh"),
    path("dasbor/skor/pengaturan/", views.skor_pengaturan, name="skor_pengaturan"),
    path("dasbor/skor/desa/<int:pk>/", views.rincian, name="rincian"),
    path("dasbor/sipande/", views.sipande, name="sipande"),
    path("dasbor/sipande/<int:pk>/atur/", views.sipande_atur, name="sipande_atur"),
    path("admin-desa/usulan/", views.usulan_desa, name="usulan_desa"),
    path("admin-desa/usulan/<int:nomor>/", views.usulan_desa_detail, name="usulan_desa_detail"),
    path("dasbor/usulan/", views.usulan_kabupaten, name="usulan"),
    path("dasbor/usulan/<int:nomor>/", views.usulan_jawab, name="usulan_jawab"),
    path("dasbor/siaran/", views.siaran, name="siaran"),
    path("admin-desa/panduan/", views.panduan_desa, name="panduan_desa"),
    path("admin-desa/panduan/<int:nomor>/", views.panduan_desa_baca, name="panduan_desa_baca"),
    path("dasbor/panduan/", views.panduan, name="panduan"),
    path("dasbor/panduan/baru/", views.panduan_ubah, name="panduan_baru"),
    path("dasbor/panduan/<int:nomor>/", views.panduan_baca, name="panduan_baca"),
    path("dasbor/panduan/<int:nomor>/ubah/", views.panduan_ubah, name="panduan_ubah"),
    path("dasbor/peringatan/", views.peringatan, name="peringatan"),
    path("dasbor/peringatan/<int:pk>/ingatkan/", views.ingatkan, name="ingatkan"),
    path("dasbor/bukti/", views.bukti, name="bukti"),
    path("akun/surel-peringatan/", views.surel_peringatan, name="surel_peringatan"),
    path("dasbor/pembinaan/", views.pembinaan_ringkas, name="pembinaan"),
    path("dasbor/pembinaan/butir/", views.pembinaan_butir, name="pembinaan_butir"),
    path("dasbor/pembinaan/butir/<int:nomor>/", views.pembinaan_butir, name="pembinaan_butir_ubah"),
    path("dasbor/pembinaan/desa/<int:pk>/", views.pembinaan_desa, name="pembinaan_desa"),
]
