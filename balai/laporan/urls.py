from django.urls import path

from . import views

app_name = "laporan"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("unduhan/<str:kunci>/", views.unduhan_view, name="unduhan"),
    path("<slug:buku>/", views.buku, name="buku"),
]
