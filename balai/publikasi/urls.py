from django.urls import path

from . import views

app_name = "publikasi"
urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/<slug:slug>/", views.agenda_detail, name="agenda_detail"),
    path("agenda/<slug:slug>/kalender.ics", views.agenda_ics, name="agenda_ics"),
    path("pengumuman/", views.pengumuman, name="pengumuman"),
    path("pengumuman/<slug:slug>/", views.pengumuman_detail, name="pengumuman_detail"),
    path("galeri/", views.galeri, name="galeri"),
    path("galeri/<slug:slug>/", views.album, name="album"),
    path("galeri/<slug:slug>/foto/<int:pk>/", views.foto, name="foto"),
    path("unduhan/", views.unduhan, name="unduhan"),
    path("unduhan/<int:pk>/unduh/", views.unduh, name="dokumen_unduh"),
]
