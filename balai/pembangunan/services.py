"""Every change to development projects and their progress: transactional, validated,
audited, and followed (after commit) by a bump of the village's public-site cache when the
public site shows or showed the project."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from balai.core import audit, konten, sitecache
from balai.media.services import hapus_gambar, simpan_gambar
from balai.website.models import Artikel, Kategori
from balai.website.services import simpan_artikel

from . import berita
from .choices import Status
from .models import FotoProgres, Progres, Proyek

# Readable names of this app's audit actions (registered in apps.py; see balai.core.audit).
AUDIT_LABELS = {
    "pembangunan.proyek_dibuat": "Kegiatan pembangunan ditambah",
    "pembangunan.proyek_diubah": "Kegiatan pembangunan diubah",
    "pembangunan.proyek_dihapus": "Kegiatan pembangunan dihapus",
    "pembangunan.progres_dicatat": "Progres pembangunan dicatat",
    "pembangunan.progres_dihapus": "Progres pembangunan dihapus",
    "pembangunan.berita_dibuat": "Draf berita dibuat dari progres pembangunan",
    "pembangunan.proyek_dilepas_pemeriksaan": "Kegiatan pembangunan terbit setelah ditinjau pemeriksaan konten",
}
TERBITKAN = "balai.pembangunan.services.terbitkan_setelah_tinjau"

MAKS_FOTO_PROGRES = 10


def _slug_unik(*, desa, nama, proyek):
    base = (slugify(nama) or "kegiatan")[:200].strip("-")
    taken = set(
        Proyek.objects.filter(desa=desa, slug__startswith=base).exclude(pk=proyek.pk).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _milik_desa(proyek, desa):
    """Dusun, RW, RT and the APBDes kegiatan must be the village's own (form choices are
    scoped; a crafted POST or another caller is checked here)."""
    for name in ("dusun", "rw", "rt", "kegiatan"):
        obj = getattr(proyek, name)
        if obj is not None and obj.desa_id != desa.pk:
            raise ValidationError({name: "Pilih dari data desa ini sendiri."})


@transaction.atomic
def simpan_proyek(*, desa, actor, proyek, request=None):
    """Create or update a project of `desa`; the slug is made from the name once."""
    before = audit.snapshot(Proyek.objects.get(desa=desa, pk=proyek.pk)) if proyek.pk else None
    proyek.desa = desa
    _milik_desa(proyek, desa)
    if proyek.rt_id and not proyek.rw_id:  # an RT names its RW, an RW its dusun
        proyek.rw = proyek.rt.rw
    if proyek.rw_id and not proyek.dusun_id:
        proyek.dusun = proyek.rw.dusun
    if proyek.kegiatan_id and not proyek.anggaran:  # the budget the APBDes gives it
        proyek.anggaran = int(proyek.kegiatan.pagu)
    proyek.nama = " ".join(proyek.nama.split())
    if not proyek.slug:
        proyek.slug = _slug_unik(desa=desa, nama=proyek.nama, proyek=proyek)
    proyek.full_clean()
    proyek.save()
    if proyek.terbit and konten.periksa(desa=desa, obj=proyek, actor=actor, terbitkan=TERBITKAN, request=request):
        proyek.terbit = False  # held for the kabupaten's review; its release publishes it
        proyek.save(update_fields=["terbit"])
    audit.record(
        action="pembangunan.proyek_diubah" if before else "pembangunan.proyek_dibuat",
        actor=actor,
        desa=desa,
        obj=proyek,
        request=request,
        changes=audit.diff(before or {}, audit.snapshot(proyek)),
    )
    if proyek.terbit or (before or {}).get("terbit"):
        sitecache.bump_on_commit(desa.pk)
    return proyek


@transaction.atomic
def terbitkan_setelah_tinjau(*, obj, actor):
    """Publish a project the content check held (balai.core.konten), once the kabupaten released it."""
    before = audit.snapshot(obj)
    obj.terbit = True
    obj.save(update_fields=["terbit", "diperbarui"])
    audit.record(
        action="pembangunan.proyek_dilepas_pemeriksaan",
        actor=actor,
        desa=obj.desa,
        obj=obj,
        changes=audit.diff(before, audit.snapshot(obj)),
    )
    sitecache.bump_on_commit(obj.desa.pk)


def _gambar_bebas(fotos):
    """The pictures of `fotos` (a FotoProgres queryset) no news article shows: those an article
    made from the update uses stay with the article when the update goes."""
    return [f.gambar for f in fotos.filter(progres__artikel__isnull=True).select_related("gambar")]


@transaction.atomic
def hapus_proyek(*, desa, actor, proyek, request=None):
    """Delete a project, its progress updates and their stored photos. Articles made from its
    updates stay, with their photos (they are the village's news now)."""
    if proyek.desa_id != desa.pk:
        raise ValueError("Kegiatan bukan milik desa ini.")
    gambar = _gambar_bebas(FotoProgres.objects.filter(desa=desa, progres__proyek=proyek))
    audit.record(
        action="pembangunan.proyek_dihapus",
        actor=actor,
        desa=desa,
        obj=proyek,
        request=request,
        changes=audit.diff(audit.snapshot(proyek), {}),
    )
    proyek.delete()
    for g in gambar:
        hapus_gambar(gambar=g, actor=actor, request=request)
    sitecache.bump_on_commit(desa.pk)


def _terakhir(proyek):
    """The latest update (by date, then by entry) or None."""
    return Progres.objects.filter(desa_id=proyek.desa_id, proyek=proyek).order_by("-tanggal", "-id").first()


def _status_menurut_progres(proyek, persen):
    """A planned project with works on the ground is running; one at 100% is done. A
    postponed or cancelled project keeps the status the operator gave it."""
    if persen >= 100 and proyek.status in (Status.RENCANA, Status.BERJALAN):
        return Status.SELESAI
    if persen > 0 and proyek.status == Status.RENCANA:
        return Status.BERJALAN
    return proyek.status


def _simpan_foto(*, desa, actor, progres, files, request):
    """Each photo checked and re-encoded by the media service. One refused file refuses the
    whole update (nothing is kept), naming the file and the reason."""
    for urutan, file in enumerate(files, start=1):
        try:
            alt = f"{progres.proyek.nama} — {progres.persen}%"
            gambar = simpan_gambar(desa=desa, actor=actor, file=file, alt=alt[:200], request=request)
        except ValidationError as exc:
            raise ValidationError({"foto": f"{file.name}: {' '.join(exc.messages)}"})
        FotoProgres.objects.create(desa=desa, progres=progres, gambar=gambar, urutan=urutan)


@transaction.atomic
def catat_progres(*, desa, actor, proyek, tanggal, persen, catatan="", foto=(), request=None):
    """Record a progress update with its photos. Returns (progres, warnings): a percent lower
    than the latest update's is accepted (a measurement corrected) with a warning."""
    if proyek.desa_id != desa.pk:
        raise ValueError("Kegiatan bukan milik desa ini.")
    if len(foto) > MAKS_FOTO_PROGRES:
        pesan = f"Paling banyak {MAKS_FOTO_PROGRES} foto sekali catat; Anda memilih {len(foto)}."
        raise ValidationError({"foto": pesan})
    proyek = Proyek.objects.select_for_update().get(desa=desa, pk=proyek.pk)
    sebelumnya = _terakhir(proyek)
    progres = Progres(
        desa=desa, proyek=proyek, tanggal=tanggal, persen=persen, catatan=(catatan or "").strip(), dibuat_oleh=actor
    )
    progres.full_clean(exclude=["dibuat_oleh"])
    progres.save()
    _simpan_foto(desa=desa, actor=actor, progres=progres, files=foto, request=request)
    peringatan = []
    if sebelumnya is not None and sebelumnya.tanggal <= tanggal and persen < sebelumnya.persen:
        peringatan.append(
            f"Progres turun dari {sebelumnya.persen}% ({sebelumnya.tanggal:%d-%m-%Y}) menjadi {persen}%. "
            "Tetap disimpan; periksa kembali bila ini salah ketik."
        )
    before = audit.snapshot(proyek, ["persen", "status"])
    terakhir = _terakhir(proyek)
    proyek.persen = terakhir.persen
    proyek.status = _status_menurut_progres(proyek, terakhir.persen)
    proyek.save(update_fields=["persen", "status", "diperbarui"])
    changes = audit.diff(before, audit.snapshot(proyek, ["persen", "status"]))
    changes["progres"] = [None, f"{persen}% ({tanggal:%Y-%m-%d}), {len(foto)} foto"]
    audit.record(
        action="pembangunan.progres_dicatat", actor=actor, desa=desa, obj=proyek, request=request, changes=changes
    )
    if proyek.terbit:
        sitecache.bump_on_commit(desa.pk)
        # The note shows on the project's public page: held, the whole project waits for review.
        if konten.periksa(
            desa=desa, obj=proyek, teks={"catatan": progres.catatan}, actor=actor, terbitkan=TERBITKAN, request=request
        ):
            proyek.terbit = False
            proyek.save(update_fields=["terbit"])
    return progres, peringatan


@transaction.atomic
def hapus_progres(*, desa, actor, progres, request=None):
    """Delete an update and its photos (unless an article made from it shows them); the
    project's percent falls back to the latest update left."""
    if progres.desa_id != desa.pk:
        raise ValueError("Progres bukan milik desa ini.")
    proyek = Proyek.objects.select_for_update().get(desa=desa, pk=progres.proyek_id)
    gambar = _gambar_bebas(FotoProgres.objects.filter(desa=desa, progres=progres))
    audit.record(
        action="pembangunan.progres_dihapus",
        actor=actor,
        desa=desa,
        obj=proyek,
        request=request,
        changes={"progres": [f"{progres.persen}% ({progres.tanggal:%Y-%m-%d})", None]},
    )
    progres.delete()
    for g in gambar:
        hapus_gambar(gambar=g, actor=actor, request=request)
    terakhir = _terakhir(proyek)
    proyek.persen = terakhir.persen if terakhir else 0
    proyek.save(update_fields=["persen", "diperbarui"])
    if proyek.terbit:
        sitecache.bump_on_commit(desa.pk)


def _kategori_berita(desa):
    """The village's 'Pembangunan' news category, when it keeps one."""
    return Kategori.objects.filter(desa=desa, slug="pembangunan").first()


@transaction.atomic
def buat_draf_berita(*, desa, actor, progres, request=None):
    """A draft news article from a progress update: title, body with location and figures,
    the photos (the first as the article's picture), tagged Pembangunan. The operator edits
    and publishes it. Asked twice, the same draft comes back (still existing) rather than a copy."""
    if progres.desa_id != desa.pk:
        raise ValueError("Progres bukan milik desa ini.")
    progres = (
        Progres.objects.select_for_update(of=("self",))
        .select_related("proyek__dusun", "proyek__rw", "proyek__rt__rw")
        .get(desa=desa, pk=progres.pk)
    )
    if progres.artikel_id and Artikel.objects.filter(desa=desa, pk=progres.artikel_id).exists():
        return progres.artikel
    fotos = [f.gambar for f in FotoProgres.objects.filter(desa=desa, progres=progres).select_related("gambar")]
    url = reverse("pembangunan:detail", args=[progres.proyek.slug])
    data = {
        "judul": berita.judul(progres),
        "isi": berita.isi(progres, fotos, url),
        "ringkasan": "",
        "status": Artikel.Status.DRAFT,
        "gambar": fotos[0] if fotos else None,
        "kategori": _kategori_berita(desa),
        "unggulan": False,
    }
    artikel = simpan_artikel(desa=desa, actor=actor, data=data, tags=["Pembangunan"], request=request)
    progres.artikel = artikel
    progres.save(update_fields=["artikel"])
    audit.record(
        action="pembangunan.berita_dibuat",
        actor=actor,
        desa=desa,
        obj=progres.proyek,
        request=request,
        changes={"artikel": [None, artikel.judul]},
    )
    return artikel
