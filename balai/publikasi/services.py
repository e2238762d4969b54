"""Every change to agenda, pengumuman, galeri and dokumen: transactional, validated, audited,
and followed (after commit) by a bump of the village's public-site cache when the public site
shows or showed the object."""

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from balai.core import audit, konten, sitecache
from balai.core.html import clean_html
from balai.media.services import hapus_gambar, simpan_gambar

from .berkas import periksa_dokumen
from .models import Agenda, Album, Dokumen, Foto, Pengumuman

# Readable names of this app's audit actions (registered in apps.py; see balai.core.audit).
AUDIT_LABELS = {
    "dokumen.ditarik_pemeriksaan": "Dokumen ditarik dari publikasi (pemeriksaan ulang berkas)",
    "agenda.dibuat": "Agenda ditambah",
    "agenda.diubah": "Agenda diubah",
    "agenda.dihapus": "Agenda dihapus",
    "pengumuman.dibuat": "Pengumuman ditambah",
    "pengumuman.diubah": "Pengumuman diubah",
    "pengumuman.dihapus": "Pengumuman dihapus",
    "dokumen.dibuat": "Dokumen diunggah",
    "dokumen.diubah": "Dokumen diubah",
    "dokumen.dihapus": "Dokumen dihapus",
    "galeri.album_dibuat": "Album galeri dibuat",
    "galeri.album_diubah": "Album galeri diubah",
    "galeri.album_dihapus": "Album galeri dihapus",
    "galeri.foto_diunggah": "Foto diunggah",
    "galeri.foto_diubah": "Keterangan foto diubah",
    "galeri.foto_dihapus": "Foto dihapus",
    "galeri.sampul_diganti": "Sampul album diganti",
    "publikasi.dilepas_pemeriksaan": "Diterbitkan setelah ditinjau pemeriksaan konten",
}

MAKS_FOTO_SEKALI_UNGGAH = 30


def unique_slug(model, *, desa, judul, instance=None):
    """A slug from `judul`, made unique inside the village by a numeric suffix."""
    base = (slugify(judul) or model._meta.model_name)[:200].strip("-")
    taken = set(
        model.objects.filter(desa=desa, slug__startswith=base)
        .exclude(pk=getattr(instance, "pk", None))
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _before(instance):
    if instance.pk is None:
        return None
    return audit.snapshot(type(instance).objects.get(pk=instance.pk))


# Called by the content check's reviewer to publish what it held (see terbitkan_setelah_tinjau).
TERBITKAN = "balai.publikasi.services.terbitkan_setelah_tinjau"


def _tayang(instance, value=None):
    """Whether `instance` is published; with `value`, publish or unpublish it (unsaved)."""
    if isinstance(instance, Agenda):
        if value is not None:
            instance.status = Agenda.Status.TERBIT if value else Agenda.Status.DRAFT
        return instance.status == Agenda.Status.TERBIT
    if value is not None:
        instance.terbit = value
    return instance.terbit


def _save(*, desa, actor, instance, action, before, request=None, public=True, teks=None):
    instance.desa = desa
    instance.full_clean()
    instance.save()
    if _tayang(instance) and konten.periksa(
        desa=desa, obj=instance, teks=teks, actor=actor, terbitkan=TERBITKAN, request=request
    ):
        _tayang(instance, False)  # held for the kabupaten's review; its release publishes it
        instance.save()
    verb = "diubah" if before is not None else "dibuat"
    audit.record(
        action=f"{action}{verb}",
        actor=actor,
        desa=desa,
        obj=instance,
        request=request,
        changes=audit.diff(before or {}, audit.snapshot(instance)),
    )
    if public:
        sitecache.bump_on_commit(desa.pk)
    return instance


def _delete(*, desa, actor, instance, action, request=None):
    if instance.desa_id != desa.pk:
        raise ValueError("Objek bukan milik desa ini.")
    audit.record(
        action=action,
        actor=actor,
        desa=desa,
        obj=instance,
        request=request,
        changes=audit.diff(audit.snapshot(instance), {}),
    )
    instance.delete()
    sitecache.bump_on_commit(desa.pk)


def terbitkan_setelah_tinjau(*, obj, actor):
    """Publish what the content check held (balai.core.konten), once the kabupaten released it."""
    before = audit.snapshot(obj)
    _tayang(obj, True)
    obj.save()
    label = type(obj)._meta.model_name
    audit.record(
        action="publikasi.dilepas_pemeriksaan",
        actor=actor,
        desa=obj.desa,
        obj=obj,
        label=f"{label}: {obj}",
        changes=audit.diff(before, audit.snapshot(obj)),
    )
    sitecache.bump_on_commit(obj.desa.pk)


# --- agenda --------------------------------------------------------------------------------


@transaction.atomic
def simpan_agenda(*, desa, actor, agenda, request=None):
    """Create or update an agenda item of `desa` (uraian sanitised, slug made unique)."""
    before = _before(agenda)
    teks = {"uraian": agenda.uraian}
    agenda.uraian = clean_html(agenda.uraian)
    if not agenda.slug:
        agenda.slug = unique_slug(Agenda, desa=desa, judul=agenda.judul, instance=agenda)
    public = agenda.terbit or (before or {}).get("status") == Agenda.Status.TERBIT
    return _save(
        desa=desa,
        actor=actor,
        instance=agenda,
        action="agenda.",
        before=before,
        request=request,
        public=public,
        teks=teks,
    )


@transaction.atomic
def hapus_agenda(*, desa, actor, agenda, request=None):
    _delete(desa=desa, actor=actor, instance=agenda, action="agenda.dihapus", request=request)


# --- pengumuman ----------------------------------------------------------------------------


@transaction.atomic
def simpan_pengumuman(*, desa, actor, pengumuman, request=None):
    before = _before(pengumuman)
    teks = {"isi": pengumuman.isi}
    pengumuman.isi = clean_html(pengumuman.isi)
    if not pengumuman.isi:
        raise ValidationError({"isi": "Isi pengumuman kosong (setelah kode yang tidak diizinkan dibuang)."})
    if not pengumuman.slug:
        pengumuman.slug = unique_slug(Pengumuman, desa=desa, judul=pengumuman.judul, instance=pengumuman)
    public = pengumuman.terbit or (before or {}).get("terbit", False)
    return _save(
        desa=desa,
        actor=actor,
        instance=pengumuman,
        action="pengumuman.",
        before=before,
        request=request,
        public=public,
        teks=teks,
    )


@transaction.atomic
def hapus_pengumuman(*, desa, actor, pengumuman, request=None):
    _delete(desa=desa, actor=actor, instance=pengumuman, action="pengumuman.dihapus", request=request)


# --- dokumen -------------------------------------------------------------------------------


@transaction.atomic
def simpan_dokumen(*, desa, actor, dokumen, berkas=None, request=None):
    """Create or update a document. A new `berkas` is checked by content (periksa_dokumen) and
    stored under a random name; the replaced file is removed after commit."""
    before = _before(dokumen)
    dokumen.desa = desa
    if berkas is None and before is None:
        raise ValidationError({"berkas": "Pilih berkas yang akan diunggah."})
    if berkas is None:
        public = dokumen.terbit or before["terbit"]
        return _save(
            desa=desa, actor=actor, instance=dokumen, action="dokumen.", before=before, request=request, public=public
        )
    lama = dokumen.berkas.name if before else None
    try:
        dokumen.jenis, dokumen.ukuran = periksa_dokumen(berkas), berkas.size
    except ValidationError as exc:
        raise ValidationError({"berkas": exc.messages})
    dokumen.full_clean(exclude=["berkas"])
    dokumen.berkas.save(berkas.name, berkas, save=False)
    try:
        _save(
            desa=desa,
            actor=actor,
            instance=dokumen,
            action="dokumen.",
            before=before,
            request=request,
            teks={"berkas": berkas.name},
        )
    except Exception:
        dokumen.berkas.storage.delete(dokumen.berkas.name)
        raise
    if lama:
        storage = dokumen.berkas.storage
        transaction.on_commit(lambda: storage.delete(lama))
    return dokumen


@transaction.atomic
def hapus_dokumen(*, desa, actor, dokumen, request=None):
    name, storage = dokumen.berkas.name, dokumen.berkas.storage
    _delete(desa=desa, actor=actor, instance=dokumen, action="dokumen.dihapus", request=request)
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def periksa_ulang_dokumen(*, dokumen):
    """Check a stored document again with today's rules (files uploaded before a rule existed
    were never checked by it). A refused one is unpublished, audited as a system action.
    Returns the reason it was refused, or None."""
    try:
        with dokumen.berkas.open("rb") as f:
            periksa_dokumen(File(f, name=f"x.{dokumen.jenis}"))
        return None
    except FileNotFoundError:
        alasan = "berkas tidak ditemukan"
    except ValidationError as exc:
        alasan = " ".join(exc.messages)
    if dokumen.terbit:
        before = audit.snapshot(dokumen)
        dokumen.terbit = False
        dokumen.save(update_fields=["terbit", "diperbarui"])
        audit.record(
            action="dokumen.ditarik_pemeriksaan",
            desa=dokumen.desa,
            obj=dokumen,
            changes={**audit.diff(before, audit.snapshot(dokumen)), "alasan": [None, alasan[:300]]},
        )
        sitecache.bump_on_commit(dokumen.desa.pk)
    return alasan


def catat_unduhan(*, dokumen):
    """Count one download (a single UPDATE; anonymous downloads are not audited)."""
    Dokumen.objects.filter(pk=dokumen.pk, desa_id=dokumen.desa_id).update(jumlah_unduh=F("jumlah_unduh") + 1)


# --- galeri --------------------------------------------------------------------------------


@transaction.atomic
def simpan_album(*, desa, actor, album, request=None):
    before = _before(album)
    if not album.slug:
        album.slug = unique_slug(Album, desa=desa, judul=album.judul, instance=album)
    if album.sampul_id and album.sampul.desa_id != desa.pk:
        raise ValidationError({"sampul": "Sampul harus foto dari desa ini."})
    public = album.terbit or (before or {}).get("terbit", False)
    return _save(
        desa=desa, actor=actor, instance=album, action="galeri.album_", before=before, request=request, public=public
    )


@transaction.atomic
def hapus_album(*, desa, actor, album, request=None):
    """Delete an album, its photos and their stored pictures."""
    fotos = list(Foto.objects.filter(desa=desa, album=album).select_related("gambar"))
    _delete(desa=desa, actor=actor, instance=album, action="galeri.album_dihapus", request=request)
    for foto in fotos:
        hapus_gambar(gambar=foto.gambar, actor=actor, request=request)


@transaction.atomic
def unggah_foto(*, desa, actor, album, files, request=None):
    """Add several pictures to an album. Each file is re-encoded by simpan_gambar in its own
    savepoint: accepted files are kept, refused ones are returned as (file name, reason).
    Returns (list of new Foto, list of refusals)."""
    if album.desa_id != desa.pk:
        raise ValueError("Album bukan milik desa ini.")
    if len(files) > MAKS_FOTO_SEKALI_UNGGAH:
        raise ValidationError(f"Paling banyak {MAKS_FOTO_SEKALI_UNGGAH} foto sekali unggah; Anda memilih {len(files)}.")
    urutan = (
        Foto.objects.filter(desa=desa, album=album).order_by("-urutan").values_list("urutan", flat=True).first() or 0
    )
    baru, ditolak = [], []
    for file in files:
        try:
            with transaction.atomic():
                gambar = simpan_gambar(desa=desa, actor=actor, file=file, alt=album.judul[:200], request=request)
        except ValidationError as exc:
            ditolak.append((file.name, " ".join(exc.messages)))
            continue
        urutan += 1
        baru.append(Foto.objects.create(desa=desa, album=album, gambar=gambar, urutan=urutan))
    if baru:
        _setelah_unggah(desa=desa, actor=actor, album=album, baru=baru, request=request)
    return baru, ditolak


def _setelah_unggah(*, desa, actor, album, baru, request):
    if album.sampul_id is None:
        album.sampul = baru[0].gambar
        album.save(update_fields=["sampul", "diperbarui"])
    audit.record(
        action="galeri.foto_diunggah",
        actor=actor,
        desa=desa,
        obj=album,
        request=request,
        changes={"foto": [None, len(baru)]},
    )
    if album.terbit:
        sitecache.bump_on_commit(desa.pk)


@transaction.atomic
def ubah_foto(*, desa, actor, foto, keterangan, urutan, request=None):
    before = audit.snapshot(foto, ["keterangan", "urutan"])
    foto.keterangan, foto.urutan = keterangan, urutan
    foto.full_clean()
    konten.periksa(desa=desa, obj=foto, actor=actor, request=request)  # a held caption is refused
    foto.save(update_fields=["keterangan", "urutan"])
    audit.record(
        action="galeri.foto_diubah",
        actor=actor,
        desa=desa,
        obj=foto,
        request=request,
        changes=audit.diff(before, audit.snapshot(foto, ["keterangan", "urutan"])),
    )
    if foto.album.terbit:
        sitecache.bump_on_commit(desa.pk)
    return foto


@transaction.atomic
def jadikan_sampul(*, desa, actor, foto, request=None):
    album = foto.album
    album.sampul = foto.gambar
    album.save(update_fields=["sampul", "diperbarui"])
    audit.record(action="galeri.sampul_diganti", actor=actor, desa=desa, obj=album, request=request)
    if album.terbit:
        sitecache.bump_on_commit(desa.pk)
    return album


@transaction.atomic
def hapus_foto(*, desa, actor, foto, request=None):
    """Delete a photo and its stored picture; the album gets another cover if it was this one."""
    album, gambar = foto.album, foto.gambar
    _delete(desa=desa, actor=actor, instance=foto, action="galeri.foto_dihapus", request=request)
    if album.sampul_id == gambar.pk:
        pengganti = Foto.objects.filter(desa=desa, album=album).select_related("gambar").first()
        album.sampul = pengganti.gambar if pengganti else None
        album.save(update_fields=["sampul", "diperbarui"])
    hapus_gambar(gambar=gambar, actor=actor, request=request)
