from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from balai.api import api
from balai.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("", include("balai.akun.urls")),
    path("", include("balai.panel.urls")),
    path("admin-desa/", include("balai.pemerintahan.urls")),
    path("admin-desa/", include("balai.publikasi.kantor_urls")),
    path("", include("balai.publikasi.urls")),
    path("admin-desa/penduduk/", include("balai.penduduk.urls")),
    path("dasbor/pindah-antar-desa/", include("balai.penduduk.urls_kecamatan")),
    path("", include("balai.statistik.urls")),
    path("admin-desa/laporan/", include("balai.laporan.urls")),
    path("", include("balai.surat.urls")),
    path("", include("balai.mandiri.urls")),
    path("", include("balai.ppid.urls")),
    path("", include("balai.keuangan.urls")),
    path("", include("balai.pembangunan.urls")),
    path("", include("balai.lapak.urls")),
    path("", include("balai.kehadiran.urls")),
    path("", include("balai.keamanan.urls")),
    path("", include("balai.pengawasan.urls")),
    path("", include("balai.website.urls")),
]

if settings.BALAI_SERVE_MEDIA:
    # Local media for the demo; production serves media from object storage.
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))
