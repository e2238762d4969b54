"""Every change to the market: transactional, validated, audited, and followed (after commit) by
a bump of the village's public-site cache (which also makes the kecamatan and kabupaten market
pages stale) when the public market shows or showed what changed.

Who may change what is decided here too: the village office approves sellers and products; a
seller (a resident signed in to Layanan Mandiri) edits only their own products, and every edit
of theirs goes back to the office for approval before it is public again."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django_scopes import scopes_disabled

from balai.core import audit, konten, sitecache
from balai.media.services import simpan_gambar
from balai.wilayah.models import Desa

from .models import FotoProduk, Kategori, Pelapak, Produk, StatistikProduk

AUDIT_LABELS = {
    "lapak.kategori_dibuat": "Kategori lapak ditambah",
    "lapak.kategori_diubah": "Kategori lapak diubah",
    "lapak.pelapak_dibuat": "Pelapak ditambah",
    "lapak.pelapak_diubah": "Data pelapak diubah",
    "lapak.pelapak_didaftarkan": "Warga mendaftar sebagai pelapak",
    "lapak.pelapak_disetujui": "Pelapak disetujui",
    "lapak.pelapak_ditolak": "Pendaftaran pelapak ditolak",
    "lapak.pelapak_nonaktif": "Pelapak dinonaktifkan",
    "lapak.produk_dibuat": "Produk ditambah",
    "lapak.produk_diubah": "Produk diubah",
    "lapak.produk_disetujui": "Produk disetujui dan tayang",
    "lapak.produk_ditolak": "Produk ditolak",
    "lapak.produk_dijeda": "Produk dijeda",
    "lapak.produk_dilanjutkan": "Produk ditayangkan lagi",
    "lapak.foto_dihapus": "Foto produk dihapus",
    "lapak.produk_dilepas_pemeriksaan": "Produk tayang setelah ditinjau pemeriksaan konten",
}

MAKS_FOTO = 5  # photos per product
P, S = Produk.Status, Pelapak.Status
TERBITKAN = "balai.lapak.services.terbitkan_setelah_tinjau"


def _slug_unik(*, desa, nama, produk):
    base = (slugify(nama) or "produk")[:120].strip("-")
    taken = set(
        Produk.objects.filter(desa=desa, slug__startswith=base).exclude(pk=produk.pk).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _ditahan(*, desa, actor, produk, tayang_pada, request):
    """A product about to show whose public text the content check (balai.core.konten) holds
    waits instead (the author is told why); the kabupaten's release shows it. True when held."""
    if produk.status != P.TAYANG or not konten.periksa(
        desa=desa, obj=produk, teks={"pelapak": produk.pelapak.nama}, actor=actor, terbitkan=TERBITKAN, request=request
    ):
        return False
    produk.status, produk.tayang_pada = P.MENUNGGU, tayang_pada
    produk.save(update_fields=["status", "tayang_pada"])
    return True


def _record(action, *, actor, desa, obj, before=None, request=None, oleh_warga=False):
    changes = audit.diff(before or {}, audit.snapshot(obj)) if before is not None or obj.pk else {}
    if oleh_warga:
        changes["oleh"] = ["", "pelapak lewat Layanan Mandiri"]
    audit.record(action=action, actor=actor, desa=desa, obj=obj, request=request, changes=changes)


# --- kategori (kabupaten) ----------------------------------------------------------------------


KATEGORI_BAWAAN = [
    "Makanan & camilan",
    "Minuman & kopi",
    "Gula kelapa & gula jawa",
    "Hasil tani & kebun",
    "Perikanan & peternakan",
    "Kerajinan",
    "Batik & kain",
    "Rambut & bulu mata",
    "Knalpot & logam",
    "Jasa",
    "Lainnya",
]


@transaction.atomic
def simpan_kategori(*, kabupaten, actor, kategori, request=None):
    before = audit.snapshot(Kategori.objects.get(pk=kategori.pk)) if kategori.pk else None
    kategori.kabupaten = kabupaten
    if not kategori.slug:
        kategori.slug = (slugify(kategori.nama) or "kategori")[:90]
    kategori.full_clean()
    kategori.save()
    action = "lapak.kategori_diubah" if before is not None else "lapak.kategori_dibuat"
    audit.record(
        action=action,
        actor=actor,
        obj=kategori,
        request=request,
        changes=audit.diff(before or {}, audit.snapshot(kategori)),
    )
    desa_ids = list(Desa.objects.filter(kecamatan__kabupaten=kabupaten).values_list("pk", flat=True))
    # Category names show on every village's market: all of them are stale now (a rare change).
    transaction.on_commit(lambda: [sitecache.bump(pk) for pk in desa_ids])
    return kategori


@transaction.atomic
def isi_kategori_bawaan(*, kabupaten, actor, request=None):
    """The starting list of categories, for a kabupaten that has none yet."""
    if Kategori.objects.filter(kabupaten=kabupaten).exists():
        return 0
    for urutan, nama in enumerate(KATEGORI_BAWAAN):
        simpan_kategori(kabupaten=kabupaten, actor=actor, kategori=Kategori(nama=nama, urutan=urutan), request=request)
    return len(KATEGORI_BAWAAN)


# --- pelapak -------------------------------------------------------------------------------------


@transaction.atomic
def simpan_pelapak(*, desa, actor, pelapak, request=None):
    """Create or update a seller as the village office: a seller the office adds is approved."""
    before = audit.snapshot(Pelapak.objects.get(desa=desa, pk=pelapak.pk)) if pelapak.pk else None
    pelapak.desa = desa
    if before is None:
        pelapak.status = S.DISETUJUI
    pelapak.full_clean()
    pelapak.save()
    action = "lapak.pelapak_diubah" if before is not None else "lapak.pelapak_dibuat"
    _record(action, actor=actor, desa=desa, obj=pelapak, before=before, request=request)
    sitecache.bump_on_commit(desa.pk)
    return pelapak


@transaction.atomic
def daftar_pelapak(*, desa, penduduk, pelapak, request=None):
    """A resident asks to sell: a new seller linked to them, waiting for the office."""
    pelapak.desa, pelapak.penduduk, pelapak.jenis, pelapak.status = desa, penduduk, Pelapak.Jenis.WARGA, S.MENUNGGU
    pelapak.full_clean()
    pelapak.save()
    _record("lapak.pelapak_didaftarkan", actor=None, desa=desa, obj=pelapak, request=request, oleh_warga=True)
    return pelapak


AKSI_PELAPAK = {
    "setujui": (S.DISETUJUI, "lapak.pelapak_disetujui"),
    "tolak": (S.DITOLAK, "lapak.pelapak_ditolak"),
    "nonaktifkan": (S.NONAKTIF, "lapak.pelapak_nonaktif"),
}


@transaction.atomic
def ubah_status_pelapak(*, desa, actor, pelapak, aksi, catatan="", request=None):
    """Approve, refuse or switch off a seller. A seller who is not approved shows nothing."""
    if aksi not in AKSI_PELAPAK:
        raise ValidationError("Tindakan tidak dikenal.")
    pelapak = Pelapak.objects.select_for_update().get(desa=desa, pk=pelapak.pk)
    before = audit.snapshot(pelapak)
    pelapak.status, action = AKSI_PELAPAK[aksi]
    pelapak.catatan = catatan[:300]
    pelapak.save(update_fields=["status", "catatan", "diperbarui"])
    _record(action, actor=actor, desa=desa, obj=pelapak, before=before, request=request)
    sitecache.bump_on_commit(desa.pk)
    return pelapak


# --- produk --------------------------------------------------------------------------------------


def _simpan_foto(*, desa, actor, produk, foto_baru, request):
    ada = FotoProduk.objects.filter(desa=desa, produk=produk).count()
    if ada + len(foto_baru) > MAKS_FOTO:
        raise ValidationError({"foto": f"Paling banyak {MAKS_FOTO} foto per produk (sudah ada {ada})."})
    for i, berkas in enumerate(foto_baru):
        try:
            gambar = simpan_gambar(desa=desa, actor=actor, file=berkas, alt=produk.nama, request=request)
        except ValidationError as exc:
            nama = getattr(berkas, "name", "")
            raise ValidationError({"foto": [f"{nama}: {m}" for m in exc.messages]})
        FotoProduk.objects.create(desa=desa, produk=produk, gambar=gambar, urutan=ada + i)
    _perbarui_sampul(produk)


def _perbarui_sampul(produk):
    pertama = FotoProduk.objects.filter(desa=produk.desa, produk=produk).order_by("urutan", "id").first()
    sampul_id = pertama.gambar_id if pertama else None
    if produk.sampul_id != sampul_id:
        produk.sampul_id = sampul_id
        produk.save(update_fields=["sampul", "diperbarui"])


@transaction.atomic
def simpan_produk(*, desa, actor, produk, foto_baru=(), oleh_warga=False, request=None):
    """Create or update a product with its new photos (checked by content, re-encoded); one
    bad photo refuses the whole save. The office's products show at once (its own approval);
    a seller's new or edited product waits for the office, a paused one stays paused."""
    before = audit.snapshot(Produk.objects.get(desa=desa, pk=produk.pk)) if produk.pk else None
    if produk.pelapak.desa_id != desa.pk:
        raise ValidationError({"pelapak": "Pelapak bukan dari desa ini."})
    produk.desa = desa
    # Plain text, printed escaped (with its line breaks) wherever it shows: no HTML is kept.
    produk.deskripsi = (produk.deskripsi or "").strip()
    produk.slug = produk.slug or _slug_unik(desa=desa, nama=produk.nama, produk=produk)
    if oleh_warga:
        if produk.status != P.JEDA:
            produk.status = P.MENUNGGU
    elif before is None:
        produk.status = P.TAYANG
    tayang_pada = produk.tayang_pada
    if produk.status == P.TAYANG and produk.tayang_pada is None:
        produk.tayang_pada = timezone.now()
    produk.full_clean()
    produk.save()
    _ditahan(desa=desa, actor=actor, produk=produk, tayang_pada=tayang_pada, request=request)
    foto_baru = [f for f in foto_baru if f]  # an empty file input gives [None]
    _simpan_foto(desa=desa, actor=actor, produk=produk, foto_baru=foto_baru, request=request)
    action = "lapak.produk_diubah" if before is not None else "lapak.produk_dibuat"
    _record(action, actor=actor, desa=desa, obj=produk, before=before, request=request, oleh_warga=oleh_warga)
    sitecache.bump_on_commit(desa.pk)
    return produk


AKSI_PRODUK = {
    # action: (statuses it applies to, new status, audit code)
    "setujui": ({P.MENUNGGU, P.DITOLAK, P.JEDA}, P.TAYANG, "lapak.produk_disetujui"),
    "tolak": ({P.MENUNGGU, P.TAYANG, P.JEDA}, P.DITOLAK, "lapak.produk_ditolak"),
    "jeda": ({P.TAYANG, P.MENUNGGU}, P.JEDA, "lapak.produk_dijeda"),
    "lanjutkan": ({P.JEDA}, P.TAYANG, "lapak.produk_dilanjutkan"),
}
AKSI_WARGA = {"jeda", "lanjutkan"}  # what a seller may do to their own product without the office


@transaction.atomic
def ubah_status_produk(*, desa, actor, produk, aksi, catatan="", oleh_warga=False, request=None):
    """Approve, refuse, pause or resume a product. A seller pauses and resumes their own; a
    product paused while it waited for approval goes back to waiting when resumed."""
    if aksi not in AKSI_PRODUK or (oleh_warga and aksi not in AKSI_WARGA):
        raise ValidationError("Tindakan tidak dikenal.")
    produk = Produk.objects.select_for_update().get(desa=desa, pk=produk.pk)
    dari, ke, action = AKSI_PRODUK[aksi]
    if produk.status not in dari:
        raise ValidationError(f"Produk berstatus “{produk.get_status_display()}” tidak bisa di-{aksi}.")
    before = audit.snapshot(produk)
    if aksi == "lanjutkan" and produk.tayang_pada is None:
        ke = P.MENUNGGU  # never approved: resuming does not skip the office
    produk.status = ke
    if aksi in ("tolak", "setujui"):
        produk.catatan = catatan[:300]
    tayang_pada = produk.tayang_pada
    if ke == P.TAYANG and produk.tayang_pada is None:
        produk.tayang_pada = timezone.now()
    produk.save(update_fields=["status", "catatan", "tayang_pada", "diperbarui"])
    _ditahan(desa=desa, actor=actor, produk=produk, tayang_pada=tayang_pada, request=request)
    _record(action, actor=actor, desa=desa, obj=produk, before=before, request=request, oleh_warga=oleh_warga)
    sitecache.bump_on_commit(desa.pk)
    return produk


@transaction.atomic
def terbitkan_setelah_tinjau(*, obj, actor):
    """Show a product the content check held, once the kabupaten released it."""
    before = audit.snapshot(obj)
    obj.status = P.TAYANG
    obj.tayang_pada = obj.tayang_pada or timezone.now()
    obj.save(update_fields=["status", "tayang_pada", "diperbarui"])
    _record("lapak.produk_dilepas_pemeriksaan", actor=actor, desa=obj.desa, obj=obj, before=before)
    sitecache.bump_on_commit(obj.desa.pk)


@transaction.atomic
def hapus_foto(*, desa, actor, foto, oleh_warga=False, request=None):
    """Drop one photo of a product (the picture itself stays in the village's media)."""
    produk = foto.produk
    audit.record(
        action="lapak.foto_dihapus", actor=actor, desa=desa, obj=produk, request=request,
        changes={"foto": [foto.gambar_id, None], **({"oleh": ["", "pelapak"]} if oleh_warga else {})},
    )  # fmt: skip
    foto.delete()
    _perbarui_sampul(produk)
    sitecache.bump_on_commit(desa.pk)


# --- counters ------------------------------------------------------------------------------------


def catat(*, produk, kolom):
    """Count one view ("dilihat") or order click ("dipesan") of `produk` today. One UPDATE on the
    usual path; the first count of the day inserts the row, and two first counts racing each
    other end in one row holding both."""
    if kolom not in ("dilihat", "dipesan"):
        raise ValueError(kolom)
    today = timezone.localdate()
    with scopes_disabled():
        qs = StatistikProduk.objects.filter(desa_id=produk.desa_id, produk_id=produk.pk, tanggal=today)
        if qs.update(**{kolom: F(kolom) + 1}):
            return
        try:
            with transaction.atomic():
                StatistikProduk.objects.create(desa_id=produk.desa_id, produk_id=produk.pk, tanggal=today, **{kolom: 1})
        except IntegrityError:
            qs.update(**{kolom: F(kolom) + 1})
