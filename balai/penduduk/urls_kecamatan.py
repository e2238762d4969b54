"""The kecamatan's pages of the population register (on kec-<slug> hosts)."""

from django.urls import path

from . import views

app_name = "penduduk_kecamatan"
urlpatterns = [
    path("", views.kecamatan_pindah, name="pindah"),
    path("<int:pk>/konfirmasi/", views.kecamatan_pindah_konfirmasi, name="pindah_konfirmasi"),
]
