from django.urls import path

from . import views

app_name = "statistik"
urlpatterns = [
    path("admin-desa/statistik/", views.desa, name="desa"),
    path("dasbor/statistik/", views.wilayah, name="wilayah"),
    path("statistik/", views.publik, name="publik"),
]
