from django.urls import path

from . import views

app_name = "pemerintahan"
urlpatterns = [
    path("profil/", views.profil, name="profil"),
    path("wilayah/", views.daftar, name="daftar"),
]
for name in ("dusun", "rw", "rt"):
    edit, delete = getattr(views, f"{name}_edit"), getattr(views, f"{name}_delete")
    urlpatterns += [
        path(f"wilayah/{name}/tambah/", edit, name=f"{name}_tambah"),
        path(f"wilayah/{name}/<int:pk>/ubah/", edit, name=f"{name}_ubah"),
        path(f"wilayah/{name}/<int:pk>/hapus/", delete, name=f"{name}_hapus"),
    ]
