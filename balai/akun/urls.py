from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "akun"
urlpatterns = [
    path("masuk/", views.MasukView.as_view(), name="masuk"),
    path("keluar/", views.KeluarView.as_view(), name="keluar"),
    path("masuk/verifikasi/", views.verifikasi, name="verifikasi"),
    path("akun/2fa/", views.atur_2fa, name="atur_2fa"),
    path("akun/2fa/tautan/<str:token>/", views.tautan_2fa, name="tautan_2fa"),
    path("akun/sandi/", views.GantiSandiView.as_view(), name="ganti_sandi"),
    path("akun/lupa-sandi/", views.LupaSandiView.as_view(), name="lupa_sandi"),
    path(
        "akun/lupa-sandi/terkirim/",
        TemplateView.as_view(template_name="akun/lupa_sandi_terkirim.html"),
        name="lupa_sandi_terkirim",
    ),
    path("akun/reset/<uidb64>/<token>/", views.ResetSandiView.as_view(), name="reset_sandi"),
    path(
        "akun/reset/selesai/",
        TemplateView.as_view(template_name="akun/reset_sandi_selesai.html"),
        name="reset_sandi_selesai",
    ),
]
