"""Site settings, static pages, village government, menu items and categories."""

from django.db import transaction

from balai.core import audit, konten, sitecache
from balai.core.html import clean_html

from ..models import Halaman, Kategori, MenuSitus, PengaturanSitus, Perangkat
from .common import TERBITKAN, store_uploads, unique_slug

# Models that can wait unpublished when the content check holds their text: the field that shows them.
_TAMPIL = {Halaman: "terbit", Perangkat: "aktif"}


def _save(*, desa, actor, instance, data, prefix, request, teks=None):
    """Apply `data` to `instance`, validate, check its public text (`teks`: raw values before
    sanitising), save and audit it as `<prefix>.dibuat|diubah`."""
    created = instance.pk is None
    fields = list(data)
    before = {} if created else audit.snapshot(instance, fields)
    for name, value in data.items():
        setattr(instance, name, value)
    instance.desa = desa
    instance.full_clean()
    tampil = _TAMPIL.get(type(instance))
    if tampil is None:  # nothing to keep unpublished: a held text is refused (KontenDitahan)
        konten.periksa(desa=desa, obj=instance, teks=teks, actor=actor, request=request)
    instance.save()
    if (
        tampil
        and getattr(instance, tampil)
        and konten.periksa(desa=desa, obj=instance, teks=teks, actor=actor, terbitkan=TERBITKAN, request=request)
    ):
        setattr(instance, tampil, False)  # held for the kabupaten's review; its release shows it
        instance.save(update_fields=[tampil])
    audit.record(
        action=f"{prefix}.{'dibuat' if created else 'diubah'}",
        actor=actor,
        desa=desa,
        obj=instance,
        request=request,
        changes=audit.diff(before, audit.snapshot(instance, fields)),
    )
    sitecache.bump_on_commit(desa.pk)
    return instance


def _delete(*, instance, actor, prefix, request):
    desa = instance.desa
    audit.record(action=f"{prefix}.dihapus", actor=actor, desa=desa, obj=instance, request=request)
    instance.delete()
    sitecache.bump_on_commit(desa.pk)


@transaction.atomic
def simpan_pengaturan(*, desa, actor, data, request=None):
    instance = PengaturanSitus.objects.filter(desa=desa).first() or PengaturanSitus(desa=desa)
    data = store_uploads(data, desa=desa, actor=actor, fields=["logo", "banner"], alt=str(desa))
    teks = {"sambutan": data.get("sambutan", "")}
    data = {**data, "sambutan": clean_html(data.get("sambutan", ""))}
    return _save(
        desa=desa, actor=actor, instance=instance, data=data, prefix="situs.pengaturan", request=request, teks=teks
    )


@transaction.atomic
def simpan_halaman(*, desa, actor, data, halaman=None, request=None):
    halaman = halaman or Halaman(desa=desa)
    teks = {"isi": data.get("isi", "")}
    data = {**data, "isi": clean_html(data.get("isi", "")), "judul": " ".join(data["judul"].split())}
    data["slug"] = unique_slug(Halaman, desa, data.get("slug") or data["judul"], exclude_pk=halaman.pk, max_length=150)
    return _save(desa=desa, actor=actor, instance=halaman, data=data, prefix="halaman", request=request, teks=teks)


@transaction.atomic
def hapus_halaman(*, halaman, actor, request=None):
    _delete(instance=halaman, actor=actor, prefix="halaman", request=request)


@transaction.atomic
def simpan_perangkat(*, desa, actor, data, perangkat=None, request=None):
    perangkat = perangkat or Perangkat(desa=desa)
    data = store_uploads(data, desa=desa, actor=actor, fields=["foto"], alt=data.get("nama", ""))
    return _save(desa=desa, actor=actor, instance=perangkat, data=data, prefix="perangkat", request=request)


@transaction.atomic
def hapus_perangkat(*, perangkat, actor, request=None):
    _delete(instance=perangkat, actor=actor, prefix="perangkat", request=request)


@transaction.atomic
def simpan_menu(*, desa, actor, data, menu=None, request=None):
    menu = menu or MenuSitus(desa=desa)
    return _save(desa=desa, actor=actor, instance=menu, data=data, prefix="menu_situs", request=request)


@transaction.atomic
def hapus_menu(*, menu, actor, request=None):
    _delete(instance=menu, actor=actor, prefix="menu_situs", request=request)


@transaction.atomic
def simpan_kategori(*, desa, actor, data, kategori=None, request=None):
    kategori = kategori or Kategori(desa=desa)
    data = {**data, "slug": unique_slug(Kategori, desa, data["nama"], exclude_pk=kategori.pk, max_length=80)}
    return _save(desa=desa, actor=actor, instance=kategori, data=data, prefix="kategori", request=request)


@transaction.atomic
def atur_ambang_kesegaran(*, kabupaten, actor, hari, request=None):
    """Set after how many days without a publication village dashboards nudge their operators."""
    before = kabupaten.ambang_kesegaran_hari
    kabupaten.ambang_kesegaran_hari = hari
    kabupaten.full_clean()
    kabupaten.save(update_fields=["ambang_kesegaran_hari"])
    audit.record(
        action="kabupaten.ambang_kesegaran_diubah",
        actor=actor,
        obj=kabupaten,
        request=request,
        changes={"ambang_kesegaran_hari": [before, hari]},
    )
    return kabupaten


@transaction.atomic
def hapus_kategori(*, kategori, actor, request=None):
    """Delete a category; its articles stay, without a category."""
    _delete(instance=kategori, actor=actor, prefix="kategori", request=request)
