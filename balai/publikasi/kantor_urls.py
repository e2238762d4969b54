from django.urls import path

from . import galeri, kantor

app_name = "publikasi_kantor"
urlpatterns = []
for nama in ("agenda", "pengumuman", "dokumen"):
    daftar, ubah, hapus = (getattr(kantor, f"{nama}_{v}") for v in ("daftar", "ubah", "hapus"))
    urlpatterns += [
        path(f"{nama}/", daftar, name=f"{nama}_daftar"),
        path(f"{nama}/tambah/", ubah, name=f"{nama}_tambah"),
        path(f"{nama}/<int:pk>/ubah/", ubah, name=f"{nama}_ubah"),
        path(f"{nama}/<int:pk>/hapus/", hapus, name=f"{nama}_hapus"),
    ]

urlpatterns += [
    path("galeri/", galeri.album_daftar, name="album_daftar"),
    path("galeri/tambah/", galeri.album_ubah, name="album_tambah"),
    path("galeri/<int:pk>/", galeri.album_detail, name="album_detail"),
    path("galeri/<int:pk>/ubah/", galeri.album_ubah, name="album_ubah"),
    path("galeri/<int:pk>/hapus/", galeri.album_hapus, name="album_hapus"),
    path("galeri/foto/<int:pk>/ubah/", galeri.foto_ubah, name="foto_ubah"),
    path("galeri/foto/<int:pk>/sampul/", galeri.foto_sampul, name="foto_sampul"),
    path("galeri/foto/<int:pk>/hapus/", galeri.foto_hapus, name="foto_hapus"),
]
