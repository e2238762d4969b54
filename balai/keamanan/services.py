"""Every change the judi-online guard makes: holds at saving and their review, the blocklist and
the allow-list, findings of the scan. Transactional, audited; mail goes out after commit."""

import ipaddress
import logging
import re
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran, User
from balai.core import audit, konten
from balai.wilayah.models import Desa

from . import deteksi
from .models import DomainBlokir, Izin, Pemindaian, Penahanan, Temuan

logger = logging.getLogger("balai.keamanan")

AUDIT_LABELS = {
    "keamanan.konten_ditahan": "Konten ditahan pemeriksaan judi online",
    "keamanan.konten_ditolak": "Konten ditolak pemeriksaan judi online",
    "keamanan.konten_dilepas": "Konten ditahan dilepas (diterbitkan)",
    "keamanan.positif_palsu": "Konten ditahan ditandai positif palsu",
    "keamanan.konten_diperbaiki": "Konten ditahan diperbaiki penulis",
    "keamanan.blokir_ditambah": "Domain ditambahkan ke daftar blokir",
    "keamanan.blokir_dihapus": "Domain dihapus dari daftar blokir",
    "keamanan.izin_ditambah": "Entri daftar izin ditambah",
    "keamanan.izin_dihapus": "Entri daftar izin dihapus",
    "keamanan.temuan_baru": "Temuan baru pada situs desa",
    "keamanan.temuan_selesai": "Temuan ditandai selesai",
    "keamanan.temuan_positif_palsu": "Temuan ditandai positif palsu",
    "keamanan.temuan_dibuka": "Temuan dibuka kembali",
}

# --- the lists the check reads ------------------------------------------------------------------

_VERSI = "keamanan:daftar:versi"


def _versi():
    return cache.get_or_set(_VERSI, lambda: secrets.token_hex(4), None)


def _daftar_berubah():
    """Every village reads the lists afresh: now, and again after commit (another process may
    have cached the lists as they were before this transaction committed)."""
    cache.set(_VERSI, secrets.token_hex(4), None)
    transaction.on_commit(lambda: cache.set(_VERSI, secrets.token_hex(4), None))


def daftar_untuk(desa):
    """The blocklist and allow-list that apply to `desa`, cached until one of them changes."""
    kabupaten_id = desa.kecamatan.kabupaten_id
    key = f"keamanan:daftar:{_versi()}:{kabupaten_id}:{desa.pk}"
    daftar = cache.get(key)
    if daftar is None:
        with scopes_disabled():
            blokir = frozenset(DomainBlokir.objects.filter(kabupaten_id=kabupaten_id).values_list("domain", flat=True))
            izin = list(
                Izin.objects.filter(Q(desa__isnull=True) | Q(desa=desa), kabupaten_id=kabupaten_id).values_list(
                    "jenis", "nilai"
                )
            )
        rumah = tuple(h for h in (settings.BALAI_BASE_DOMAIN, desa.domain_kustom) if h)
        tempat = _nama_tempat(kabupaten_id)
        daftar = deteksi.Daftar(
            blokir=blokir,
            izin_domain=frozenset(v for j, v in izin if j == Izin.Jenis.DOMAIN),
            izin_frasa=tuple(sorted(v for j, v in izin if j == Izin.Jenis.FRASA)),
            rumah=rumah,
            nama_tempat=tempat,
        )
        cache.set(key, daftar, 3600)
    return daftar


def _nama_tempat(kabupaten_id):
    """Words of the kabupaten's kecamatan and village names (see deteksi.Daftar.nama_tempat)."""
    key = f"keamanan:tempat:{kabupaten_id}"
    found = cache.get(key)
    if found is None:
        with scopes_disabled():
            villages = Desa.objects.filter(kecamatan__kabupaten_id=kabupaten_id)
            names = list(villages.values_list("nama", "kecamatan__nama"))
        found = deteksi.kata_tempat(n for pair in names for n in pair)
        cache.set(key, found, 24 * 3600)
    return found


# --- check at saving (balai.core.konten) ---------------------------------------------------------


def _tanda(obj):
    return f"keamanan:ditahan:{obj._meta.label_lower}:{obj.pk}"


def _open_holds(obj):
    jenis = ContentType.objects.get_for_model(obj)
    return Penahanan.objects.filter(
        desa_id=obj.desa_id, jenis=jenis, objek_id=str(obj.pk), status=Penahanan.Status.DITAHAN
    )


def periksa_simpan(*, desa, obj, teks, actor=None, terbitkan=None, request=None):
    """The ContentCheck: check `teks` of `obj`. Held with `terbitkan`: record (or refresh) the
    hold, alert the kabupaten, tell the author. Held without (the caller refuses the save):
    record the refusal the same way, once the caller's transaction is rolled back. Passing: an
    earlier hold of the object is closed as corrected by its author."""
    putusan = deteksi.periksa(teks, daftar_untuk(desa))
    if not putusan.tahan:
        # Most saves never had a hold: the cache marks the objects that have one, so a save
        # costs no query for it (a lost mark leaves an old hold in the queue, nothing worse).
        if terbitkan and obj.pk is not None and cache.get(_tanda(obj)):
            for hold in _open_holds(obj):
                _tutup(hold, Penahanan.Status.DIPERBAIKI, actor, "keamanan.konten_diperbaiki", request)
            cache.delete(_tanda(obj))
        return None
    # A refused save says why in the caller's form (KontenDitahan); a held one in a message.
    if terbitkan and request is not None and getattr(request, "_messages", None) is not None:
        messages.warning(request, putusan.pesan() + " Perbaiki teksnya atau tunggu peninjauan kabupaten.")
    if terbitkan:
        _tahan(desa=desa, obj=obj, teks=teks, putusan=putusan, actor=actor, terbitkan=terbitkan, request=request)
    else:
        bukti = {
            "desa": desa,
            "jenis": ContentType.objects.get_for_model(obj),
            "objek_id": "" if obj.pk is None else str(obj.pk),
            "judul": str(obj)[:200],
            "teks": {k: v[:20_000] for k, v in teks.items()},
            "putusan": putusan,
            "actor": actor,
            "request": request,
        }
        konten.setelah_penolakan(request, lambda: _catat_penolakan(**bukti))
    return putusan


def _catat_penolakan(*, desa, jenis, objek_id, judul, teks, putusan, actor, request):
    """A refused text on the kabupaten's list (status ditolak), audited, and mailed like a held
    one when a staff account wrote it."""
    with scope(desa=desa), transaction.atomic():
        tolak = Penahanan.objects.create(
            desa=desa, jenis=jenis, objek_id=objek_id, judul=judul, teks=teks, aturan=putusan.aturan[:200],
            temuan=_temuan_json(putusan), skor=putusan.skor, terbitkan="", status=Penahanan.Status.DITOLAK,
            penulis=actor if getattr(actor, "pk", None) else None,
        )  # fmt: skip
        audit.record(
            action="keamanan.konten_ditolak",
            actor=actor,
            desa=desa,
            obj=tolak,
            request=request,
            changes={"aturan": [None, tolak.aturan]},
        )
        if tolak.penulis is not None:
            _kabari_kabupaten(
                desa,
                f"Konten ditolak di Desa {desa.nama}",
                f"{tolak.judul}\nAturan: {tolak.aturan}\nPenulis: {tolak.penulis}\n"
                f"Kutipan: {tolak.temuan[0]['kutipan'] if tolak.temuan else ''}\n\n"
                "Teksnya tidak disimpan. Lihat di dasbor kabupaten: Keamanan digital, konten ditahan (status ditolak).",
            )
    return tolak


def _temuan_json(putusan):
    return [
        {"aturan": t.aturan, "keterangan": t.keterangan, "kutipan": t.kutipan, "kunci": t.kunci} for t in putusan.temuan
    ]


def _tahan(*, desa, obj, teks, putusan, actor, terbitkan, request):
    hold = _open_holds(obj).first() or Penahanan(
        desa=desa, jenis=ContentType.objects.get_for_model(obj), objek_id=str(obj.pk)
    )
    baru = hold.pk is None
    hold.judul = str(obj)[:200]
    hold.teks = {k: v[:20_000] for k, v in teks.items()}  # evidence, not a second copy of a 5 MB body
    hold.aturan = putusan.aturan[:200]
    hold.temuan = _temuan_json(putusan)
    hold.skor = putusan.skor
    hold.terbitkan = terbitkan
    hold.penulis = actor if getattr(actor, "pk", None) else None
    hold.save()
    cache.set(_tanda(obj), True, None)  # kept after a rollback too: it only costs a lookup later
    audit.record(
        action="keamanan.konten_ditahan",
        actor=actor,
        desa=desa,
        obj=hold,
        request=request,
        changes={"aturan": [None, hold.aturan]},
    )
    if baru and hold.penulis is not None:
        # Gambling text saved by a staff account: the account may be in the wrong hands.
        _kabari_kabupaten(
            desa,
            f"Konten ditahan di Desa {desa.nama}",
            f"{hold.judul}\nAturan: {hold.aturan}\nPenulis: {hold.penulis}\n"
            f"Kutipan: {hold.temuan[0]['kutipan'] if hold.temuan else ''}\n\n"
            "Tinjau di dasbor kabupaten: Keamanan digital.",
        )
    return hold


def _tutup(hold, status, actor, action, request, catatan=""):
    hold.status = status
    hold.ditinjau_oleh = actor if getattr(actor, "pk", None) else None
    hold.ditinjau_pada = timezone.now()
    hold.catatan = catatan[:300]
    hold.save(update_fields=["status", "ditinjau_oleh", "ditinjau_pada", "catatan", "diperbarui"])
    audit.record(
        action=action, actor=actor, desa=hold.desa, obj=hold, request=request, changes={"status": [None, status]}
    )


def _objek(hold):
    model = hold.jenis.model_class()
    return model.objects.filter(desa=hold.desa, pk=hold.objek_id).first()


@transaction.atomic
def lepaskan(*, penahanan, actor, request=None, catatan=""):
    """Release a held text: its module publishes it. Returns the object (None when it is gone)."""
    hold = Penahanan.objects.select_for_update().get(pk=penahanan.pk)
    if not hold.terbuka:
        raise ValidationError("Konten ini sudah ditinjau.")
    obj = _objek(hold)
    _tutup(hold, Penahanan.Status.DILEPAS, actor, "keamanan.konten_dilepas", request, catatan)
    if obj is not None:
        import_string(hold.terbitkan)(obj=obj, actor=actor)
    return obj


@transaction.atomic
def tandai_positif_palsu(*, penahanan, actor, kunci, seluruh_kabupaten=False, request=None):
    """Release a held text and teach the check: `kunci` (the phrases or domains that fired)
    go to the allow-list of the village, or of the whole kabupaten."""
    hold = Penahanan.objects.select_for_update().get(pk=penahanan.pk)
    if not hold.terbuka:
        raise ValidationError("Konten ini sudah ditinjau.")
    desa = None if seluruh_kabupaten else hold.desa
    for nilai in kunci:
        tambah_izin(
            kabupaten=hold.desa.kecamatan.kabupaten,
            desa=desa,
            nilai=nilai,
            actor=actor,
            alasan=f"Positif palsu: {hold.judul}"[:200],
            request=request,
        )
    obj = _objek(hold)
    _tutup(hold, Penahanan.Status.POSITIF_PALSU, actor, "keamanan.positif_palsu", request)
    if obj is not None:
        import_string(hold.terbitkan)(obj=obj, actor=actor)
    return obj


# --- blocklist and allow-list -------------------------------------------------------------------

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TEPERCAYA = ("go.id", "mil.id")


def bersihkan_domain(teks):
    """A domain as the blocklist keeps it, or ValidationError saying what is wrong with `teks`."""
    nilai = (teks or "").strip().lower().rstrip(".")
    if not nilai:
        raise ValidationError("Tuliskan domainnya, mis. situs-judi.com.")
    if "://" in nilai or "/" in nilai:
        raise ValidationError(
            f"“{teks}” adalah alamat halaman, bukan domain: tulis domainnya saja, tanpa https:// dan garis miring."
        )
    if nilai.startswith("*."):
        raise ValidationError("Tanpa “*.”: subdomain ikut diblokir dengan sendirinya.")
    if " " in nilai or "@" in nilai:
        raise ValidationError(f"“{teks}” bukan domain: domain tidak memuat spasi atau @.")
    try:
        ipaddress.ip_address(nilai)
    except ValueError:
        pass
    else:
        raise ValidationError("Alamat IP bukan domain; blokir nama domainnya.")
    try:
        ascii_ = nilai.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValidationError(f"“{teks}” bukan domain yang sah.") from None
    labels = ascii_.split(".")
    if len(labels) < 2 or len(ascii_) > 253 or not all(_LABEL.match(x) for x in labels) or labels[-1].isdigit():
        raise ValidationError(
            f"“{teks}” bukan domain: tulis nama seperti situs-judi.com (huruf, angka, tanda hubung, dipisah titik)."
        )
    if any(ascii_ == d or ascii_.endswith("." + d) for d in (*_TEPERCAYA, settings.BALAI_BASE_DOMAIN)):
        raise ValidationError("Domain pemerintah dan domain situs desa ini tidak dapat diblokir.")
    return ascii_


@transaction.atomic
def tambah_blokir(*, kabupaten, domain, actor, alasan="", request=None):
    entry = DomainBlokir(kabupaten=kabupaten, domain=bersihkan_domain(domain), alasan=alasan[:200], dibuat_oleh=actor)
    try:
        entry.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.messages) from None
    entry.save()
    audit.record(
        action="keamanan.blokir_ditambah",
        actor=actor,
        obj=entry,
        request=request,
        changes={"domain": [None, entry.domain]},
    )
    _daftar_berubah()
    return entry


@transaction.atomic
def hapus_blokir(*, entry, actor, request=None):
    audit.record(
        action="keamanan.blokir_dihapus",
        actor=actor,
        obj=entry,
        request=request,
        changes={"domain": [entry.domain, None]},
    )
    entry.delete()
    _daftar_berubah()


def _jenis_izin(nilai):
    try:
        return Izin.Jenis.DOMAIN, bersihkan_domain(nilai)
    except ValidationError:
        frasa = " ".join((nilai or "").split())
        if len(deteksi.normalkan(frasa)) < 3:
            raise ValidationError("Frasa izin terlalu pendek (paling sedikit 3 huruf).") from None
        return Izin.Jenis.FRASA, frasa[:200]


@transaction.atomic
def tambah_izin(*, kabupaten, nilai, actor, desa=None, alasan="", request=None):
    """Allow a phrase or a domain (told apart by its form) in `desa`, or kabupaten-wide."""
    jenis, nilai = _jenis_izin(nilai)
    with scopes_disabled():
        entry, _ = Izin.objects.get_or_create(
            kabupaten=kabupaten,
            desa=desa,
            jenis=jenis,
            nilai=nilai,
            defaults={"alasan": alasan[:200], "dibuat_oleh": actor},
        )
    audit.record(
        action="keamanan.izin_ditambah",
        actor=actor,
        desa=desa,
        obj=entry,
        request=request,
        changes={jenis: [None, nilai]},
    )
    _daftar_berubah()
    return entry


@transaction.atomic
def hapus_izin(*, entry, actor, request=None):
    audit.record(
        action="keamanan.izin_dihapus",
        actor=actor,
        desa=entry.desa,
        obj=entry,
        request=request,
        changes={entry.jenis: [entry.nilai, None]},
    )
    entry.delete()
    _daftar_berubah()


# --- findings of the scan -----------------------------------------------------------------------


@transaction.atomic
def tandai_temuan(*, temuan, status, actor, catatan="", request=None):
    """Resolve, call a false positive or reopen a finding."""
    if status not in Temuan.Status.values:
        raise ValidationError("Status tidak dikenal.")
    before = temuan.status
    temuan.status = status
    temuan.catatan = catatan[:300]
    temuan.ditangani_oleh = actor
    temuan.ditangani_pada = timezone.now()
    temuan.save(update_fields=["status", "catatan", "ditangani_oleh", "ditangani_pada"])
    action = {
        Temuan.Status.SELESAI: "keamanan.temuan_selesai",
        Temuan.Status.POSITIF_PALSU: "keamanan.temuan_positif_palsu",
        Temuan.Status.TERBUKA: "keamanan.temuan_dibuka",
    }[status]
    audit.record(
        action=action, actor=actor, desa=temuan.desa, obj=temuan, request=request, changes={"status": [before, status]}
    )
    return temuan


# --- alerts -------------------------------------------------------------------------------------


def _alamat(*, kabupaten_id=None, desa=None):
    """E-mail addresses of the kabupaten's admins (or a village's admins) that have one."""
    with scopes_disabled():
        users = User.objects.filter(is_active=True).exclude(email="")
        if desa is not None:
            users = users.filter(desa=desa, keanggotaan__peran=Peran.ADMIN_DESA)
        else:
            users = users.filter(
                kabupaten_id=kabupaten_id,
                desa__isnull=True,
                kecamatan__isnull=True,
                keanggotaan__peran=Peran.ADMIN_KABUPATEN,
            )
        found = set(users.values_list("email", flat=True))
    extra = getattr(settings, "BALAI_EMAIL_KEAMANAN", "")
    if extra and desa is None:
        found.add(extra)
    return sorted(found)


def _kirim(to, subject, body):
    if not to:
        return
    try:
        send_mail(f"[Balai] {subject}", body, None, to)
    except Exception:  # a mail server down must not lose the hold or stop a scan
        logger.exception("Surel peringatan keamanan gagal dikirim: %s", subject)


def _kabari_kabupaten(desa, subject, body):
    to = _alamat(kabupaten_id=desa.kecamatan.kabupaten_id)
    transaction.on_commit(lambda: _kirim(to, subject, body))


def kabari_temuan(desa, temuan_baru):
    """Mail the kabupaten and the village's admins about new findings of a scan."""
    if not temuan_baru:
        return
    lines = [f"- {t.halaman}: {t.keterangan} ({t.kutipan[:100]})" for t in temuan_baru[:20]]
    body = f"Pemindaian situs Desa {desa.nama} menemukan {len(temuan_baru)} hal baru:\n" + "\n".join(lines)
    to = sorted(set(_alamat(kabupaten_id=desa.kecamatan.kabupaten_id)) | set(_alamat(desa=desa)))
    transaction.on_commit(lambda: _kirim(to, f"Temuan keamanan di situs Desa {desa.nama}", body))


# --- the scan of the public sites ---------------------------------------------------------------


def mulai_pemindaian(*, kabupaten, jumlah_desa):
    return Pemindaian.objects.create(kabupaten=kabupaten, jumlah_desa=jumlah_desa)


@transaction.atomic
def catat_hasil(*, pemindaian, desa, hasil):
    """Record one village's scan: new findings are opened (audited, mailed), ones seen again
    are refreshed (a resolved one that is back is reopened), open ones not seen any more are
    resolved. Progress of the scan is counted. Returns the new findings."""
    now = timezone.now()
    with scope(desa=desa):
        known = {t.sidik: t for t in Temuan.objects.filter(desa=desa)}
        seen, baru = set(), []
        for item in hasil.temuan:
            sidik = item.sidik
            if sidik in seen:
                continue
            seen.add(sidik)
            temuan = known.get(sidik)
            if temuan is None:
                temuan = Temuan.objects.create(
                    desa=desa,
                    halaman=item.halaman[:300],
                    aturan=item.aturan[:40],
                    keterangan=item.keterangan[:300],
                    kutipan=item.kutipan[:300],
                    kunci=item.kunci[:200],
                    sidik=sidik,
                    terakhir=now,
                    pemindaian=pemindaian,
                )
                audit.record(
                    action="keamanan.temuan_baru", desa=desa, obj=temuan, changes={"aturan": [None, temuan.aturan]}
                )
                baru.append(temuan)
                continue
            reopen = temuan.status == Temuan.Status.SELESAI
            temuan.terakhir, temuan.pemindaian = now, pemindaian
            if reopen:
                temuan.status = Temuan.Status.TERBUKA
                audit.record(
                    action="keamanan.temuan_dibuka",
                    desa=desa,
                    obj=temuan,
                    changes={"status": [Temuan.Status.SELESAI, Temuan.Status.TERBUKA]},
                )
                baru.append(temuan)
            temuan.save(update_fields=["terakhir", "pemindaian", "status"])
        for sidik, temuan in known.items():
            if sidik not in seen and temuan.status == Temuan.Status.TERBUKA:
                temuan.status, temuan.catatan = Temuan.Status.SELESAI, "Tidak terlihat lagi pada pemindaian."
                temuan.save(update_fields=["status", "catatan"])
                audit.record(
                    action="keamanan.temuan_selesai",
                    desa=desa,
                    obj=temuan,
                    changes={"status": [Temuan.Status.TERBUKA, Temuan.Status.SELESAI]},
                )
    Pemindaian.objects.filter(pk=pemindaian.pk).update(
        desa_selesai=F("desa_selesai") + 1,
        jumlah_halaman=F("jumlah_halaman") + hasil.halaman,
        jumlah_temuan=F("jumlah_temuan") + len(baru),
        jumlah_galat=F("jumlah_galat") + hasil.galat,
    )
    kabari_temuan(desa, baru)
    return baru


def selesaikan_pemindaian(pemindaian, status=Pemindaian.Status.SELESAI):
    Pemindaian.objects.filter(pk=pemindaian.pk).update(status=status, selesai=timezone.now())
