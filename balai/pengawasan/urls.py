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
]
