from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_scopes import scopes_disabled

from balai.core import audit, konten, sitecache, tasks
from balai.core.html import clean_html, plain_text

from ..models import Artikel, ArtikelRevisi, ArtikelTag, Tag
from ..tasks import terbitkan_artikel_terjadwal
from .common import TERBITKAN, store_uploads, unique_slug

ARTIKEL_FIELDS = ["judul", "slug", "ringkasan", "isi", "gambar", "kategori", "status", "terbit_pada", "unggulan"]
S = Artikel.Status


def _apply(artikel, data, now):
    for name in ("judul", "ringkasan", "kategori", "unggulan", "status", "terbit_pada"):
        if name in data:
            setattr(artikel, name, data[name])
    if "gambar" in data:
        artikel.gambar = data["gambar"]
    artikel.judul = " ".join(artikel.judul.split())
    artikel.isi = clean_html(data.get("isi", artikel.isi))
    artikel.ringkasan = plain_text(artikel.ringkasan or artikel.isi, 290)  # room for the ellipsis
    if artikel.status == S.TERBIT and artikel.terbit_pada is None:
        artikel.terbit_pada = now
    if artikel.status == S.TERBIT and artikel.terbit_pada > now:
        artikel.status = S.TERJADWAL
    if artikel.status == S.TERJADWAL and (artikel.terbit_pada is None or artikel.terbit_pada <= now):
        artikel.status, artikel.terbit_pada = S.TERBIT, artikel.terbit_pada or now


def _set_tags(artikel, names):
    tags = []
    for nama in {" ".join(n.split())[:60] for n in names if n.strip()}:
        slug = slugify(nama)[:70] or "tag"
        tag, _ = Tag.objects.get_or_create(desa=artikel.desa, slug=slug, defaults={"nama": nama})
        tags.append(tag)
    ArtikelTag.objects.filter(desa=artikel.desa, artikel=artikel).exclude(tag__in=tags).delete()
    have = set(ArtikelTag.objects.filter(desa=artikel.desa, artikel=artikel).values_list("tag_id", flat=True))
    ArtikelTag.objects.bulk_create(
        [ArtikelTag(desa=artikel.desa, artikel=artikel, tag=t) for t in tags if t.pk not in have]
    )


def _revise(artikel, actor):
    """Keep a revision when title, summary or body differ from the latest one."""
    last = ArtikelRevisi.objects.filter(desa=artikel.desa, artikel=artikel).first()
    current = (artikel.judul, artikel.ringkasan, artikel.isi)
    if last is None or (last.judul, last.ringkasan, last.isi) != current:
        ArtikelRevisi.objects.create(
            desa=artikel.desa,
            artikel=artikel,
            judul=artikel.judul,
            ringkasan=artikel.ringkasan,
            isi=artikel.isi,
            dibuat_oleh=actor if getattr(actor, "pk", None) else None,
        )


def _action(before_status, artikel, created):
    if artikel.status == S.TERBIT and before_status != S.TERBIT:
        return "artikel.diterbitkan"
    if artikel.status == S.TERJADWAL and before_status != S.TERJADWAL:
        return "artikel.dijadwalkan"
    return "artikel.dibuat" if created else "artikel.diubah"


def _schedule(artikel):
    tasks.enqueue(terbitkan_artikel_terjadwal, artikel.desa, artikel.pk, run_after=artikel.terbit_pada)


def _simpan(*, desa, actor, data, artikel, tags, request=None):
    created = artikel is None
    data = store_uploads(data, desa=desa, actor=actor, fields=["gambar"], alt=data.get("judul", ""))
    artikel = artikel or Artikel(desa=desa, penulis=actor if getattr(actor, "pk", None) else None)
    before = {} if created else audit.snapshot(artikel, ARTIKEL_FIELDS)
    before_status = None if created else artikel.status
    _apply(artikel, data, timezone.now())
    wanted = data.get("slug") or (artikel.slug if not created else "") or artikel.judul
    artikel.slug = unique_slug(Artikel, desa, wanted, exclude_pk=artikel.pk)
    artikel.full_clean(exclude=["desa", "penulis"])
    artikel.save()
    if artikel.status != S.DRAFT and konten.periksa(
        desa=desa,
        obj=artikel,
        teks={"isi": data.get("isi", artikel.isi), "tags": " ".join(tags or ())},
        actor=actor,
        terbitkan=TERBITKAN,
        request=request,
    ):
        artikel.status = S.DRAFT  # held for the kabupaten's review; its release publishes it
        artikel.save(update_fields=["status"])
    if tags is not None:
        _set_tags(artikel, tags)
    _revise(artikel, actor)
    if artikel.status == S.TERJADWAL:
        _schedule(artikel)
    sitecache.bump_on_commit(desa.pk)
    changes = audit.diff(before, audit.snapshot(artikel, ARTIKEL_FIELDS))
    return artikel, _action(before_status, artikel, created), changes


@transaction.atomic
def simpan_artikel(*, desa, actor, data, artikel=None, tags=None, request=None):
    """Create or update an article. `data` holds the form fields (judul, ringkasan, isi, kategori,
    unggulan, status, terbit_pada, optional slug, gambar_file upload / gambar_hapus); `tags` a list
    of tag names. The body is sanitised here, whatever the editor sent."""
    artikel, action, changes = _simpan(desa=desa, actor=actor, data=data, artikel=artikel, tags=tags, request=request)
    audit.record(action=action, actor=actor, desa=desa, obj=artikel, request=request, changes=changes)
    return artikel


@transaction.atomic
def pulihkan_revisi(*, revisi, actor, request=None):
    """Bring an article's title, summary and body back to an earlier revision (kept as a new revision)."""
    data = {"judul": revisi.judul, "ringkasan": revisi.ringkasan, "isi": revisi.isi}
    artikel, _action_, changes = _simpan(
        desa=revisi.desa, actor=actor, data=data, artikel=revisi.artikel, tags=None, request=request
    )
    changes["revisi"] = [None, f"{revisi.dibuat:%Y-%m-%d %H:%M}"]
    audit.record(
        action="artikel.revisi_dipulihkan",
        actor=actor,
        desa=artikel.desa,
        obj=artikel,
        request=request,
        changes=changes,
    )
    return artikel


def terbitkan_ditinjau(*, artikel, actor):
    """Publish an article the content check held, once the kabupaten released it: at its
    publication time (now, or later when it was scheduled)."""
    now = timezone.now()
    artikel.status = S.TERJADWAL if artikel.terbit_pada and artikel.terbit_pada > now else S.TERBIT
    artikel.terbit_pada = artikel.terbit_pada or now
    artikel.save(update_fields=["status", "terbit_pada", "diperbarui"])
    if artikel.status == S.TERJADWAL:
        _schedule(artikel)
    action = "artikel.dijadwalkan" if artikel.status == S.TERJADWAL else "artikel.diterbitkan"
    audit.record(
        action=action, actor=actor, desa=artikel.desa, obj=artikel, changes={"status": [S.DRAFT, artikel.status]}
    )
    sitecache.bump_on_commit(artikel.desa_id)


@transaction.atomic
def hapus_artikel(*, artikel, actor, request=None):
    desa = artikel.desa
    audit.record(action="artikel.dihapus", actor=actor, desa=desa, obj=artikel, request=request)
    artikel.delete()
    sitecache.bump_on_commit(desa.pk)


@transaction.atomic
def terbitkan_jatuh_tempo(*, artikel_id, desa):
    """Publish one scheduled article if it is still scheduled and due. Safe to run twice."""
    now = timezone.now()
    artikel = (
        Artikel.objects.select_for_update()
        .filter(desa=desa, pk=artikel_id, status=S.TERJADWAL, terbit_pada__lte=now)
        .first()
    )
    if artikel is None:
        return False
    artikel.status = S.TERBIT
    artikel.save(update_fields=["status", "diperbarui"])
    audit.record(action="artikel.diterbitkan", desa=desa, obj=artikel, changes={"status": [S.TERJADWAL, S.TERBIT]})
    sitecache.bump_on_commit(desa.pk)
    return True


def terbitkan_semua_jatuh_tempo(*, now=None):
    """Publish every due scheduled article of every village (for a timer); returns how many."""
    from django_scopes import scope

    now = now or timezone.now()
    with scopes_disabled():
        due = list(
            Artikel.objects.filter(status=S.TERJADWAL, terbit_pada__lte=now)
            .select_related("desa__kecamatan")
            .only("pk", "desa")
        )
    count = 0
    for artikel in due:
        with scope(desa=artikel.desa):
            count += terbitkan_jatuh_tempo(artikel_id=artikel.pk, desa=artikel.desa)
    return count
