"""The JSON API (OpenAPI at /api/v1/docs). Each app declares its router as an `ApiRouter` in its
AppConfig (balai.core.registry); every endpoint answers for the tenant of the host it is called
on, inside the same scope as the pages."""

from django.http import Http404
from django.utils.module_loading import import_string
from ninja import NinjaAPI, Router, Schema

from balai.core.registry import ApiRouter, extensions
from balai.core.tenancy import DESA, KABUPATEN, site_url
from balai.wilayah.models import Desa
from balai.wilayah.selectors import pohon_wilayah

api = NinjaAPI(title="Balai API", version="1", urls_namespace="api")
wilayah = Router(tags=["wilayah"])


class DesaOut(Schema):
    kode: str
    nama: str
    jenis: str
    kecamatan: str
    url: str


class RTOut(Schema):
    nomor: int
    ketua: str


class RWOut(Schema):
    nomor: int
    ketua: str
    rt: list[RTOut]


class DusunOut(Schema):
    nama: str
    kepala: str
    rw: list[RWOut]


@wilayah.get("/desa", response=list[DesaOut], summary="Desa dan kelurahan aktif di kabupaten")
def daftar_desa(request):
    if request.tenant.kind != KABUPATEN:
        raise Http404
    villages = Desa.objects.filter(kecamatan__kabupaten=request.kabupaten, aktif=True).select_related("kecamatan")
    return [
        {
            "kode": d.kode,
            "nama": d.nama,
            "jenis": d.jenis,
            "kecamatan": d.kecamatan.nama,
            "url": site_url(request, d.slug) + "/",
        }
        for d in villages
    ]


@wilayah.get("/wilayah", response=list[DusunOut], summary="Dusun, RW dan RT desa situs ini")
def wilayah_desa(request):
    if request.tenant.kind != DESA:
        raise Http404
    return [
        {
            "nama": d.nama,
            "kepala": d.kepala,
            "rw": [{"nomor": rw.nomor, "ketua": rw.ketua, "rt": list(rw.rt.all())} for rw in d.rw.all()],
        }
        for d in pohon_wilayah(desa=request.desa)
    ]


api.add_router("/", wilayah)
for declared in extensions(ApiRouter):
    api.add_router(declared.prefix, import_string(declared.router))
