"""Alerts by e-mail. `manage.py kirim_peringatan` (daily, by a timer) computes every village's
alerts (balai.core.registry.AlertSource) once for the kabupaten, records which are open since
when (PeringatanTercatat: the alerts page shows it), and mails a digest of what is new: to each
kabupaten admin across the kabupaten, to each kecamatan operator for their own villages, unless
they switched it off on their account page (PreferensiPeringatan). Nothing new: no mail.

Mails name villages and what the modules' alerts say (counts and days), never a resident."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.izin import PERAN_IZIN
from balai.akun.models import PERAN_TINGKAT, User
from balai.core import audit
from balai.core.registry import AlertSource, extensions
from balai.core.tenancy import site_url
from balai.wilayah.models import Desa

from .models import PeringatanTercatat, PreferensiPeringatan

# An alert still open is mailed again after this many days: once a week keeps it in mind without
# the daily repetition people learn to ignore (a new alert is always mailed the day it appears).
ULANG_HARI = 7


def peran_dengan(izin, tingkat):
    """The roles of level `tingkat` ("kecamatan", "kabupaten") that grant `izin`."""
    return sorted(p for p, semua in PERAN_IZIN.items() if izin in semua and p in PERAN_TINGKAT[tingkat])


def mau_surel(user) -> bool:
    pref = PreferensiPeringatan.objects.filter(user=user).first()
    return pref is None or pref.surel


def atur_surel(*, user, surel: bool, request=None):
    """The officer's own choice to get (or not) the daily alert mail; audited."""
    sebelum = mau_surel(user)
    PreferensiPeringatan.objects.update_or_create(user=user, defaults={"surel": surel})
    audit.record(
        action="peringatan.preferensi_diubah",
        actor=user,
        obj=user,
        request=request,
        changes={"surel_peringatan": [sebelum, surel]},
        label=f"Surel peringatan {user.get_username()}",
    )


def _penerima(*, kabupaten):
    """(kabupaten admins, kecamatan operators) who want the mail and have an address (two
    queries); who counts is read from the permissions, never from role names."""
    dasar = (
        User.objects.filter(kabupaten=kabupaten, is_active=True, desa__isnull=True)
        .exclude(email="")
        .exclude(pk__in=PreferensiPeringatan.objects.filter(surel=False).values("user_id"))
        .order_by("pk")
        .distinct()
    )
    kab = dasar.filter(kecamatan__isnull=True, keanggotaan__peran__in=peran_dengan("kabupaten.kelola", "kabupaten"))
    kec = dasar.filter(
        kecamatan__isnull=False, keanggotaan__peran__in=peran_dengan("kecamatan.pantau", "kecamatan")
    ).select_related("kecamatan")
    return list(kab), list(kec)


@dataclass
class Butir:
    desa: Desa
    label: str
    pesan: str
    sejak: object
    baru: bool


@dataclass
class HasilKirim:
    terbuka: int = 0
    baru: int = 0
    diulang: int = 0
    selesai: int = 0
    surel_kabupaten: int = 0
    surel_kecamatan: int = 0
    gagal: int = 0
    alamat: list = field(default_factory=list)

    def __str__(self):
        teks = (
            f"{self.terbuka} peringatan terbuka ({self.baru} baru, {self.diulang} diingatkan ulang), "
            f"{self.selesai} selesai sejak kemarin."
        )
        surel = self.surel_kabupaten + self.surel_kecamatan
        if not surel and not self.gagal:
            return f"{teks} Tidak ada yang perlu dikirim: tidak ada surel."
        teks += f" {surel} surel dikirim ({self.surel_kabupaten} ke kabupaten, {self.surel_kecamatan} ke kecamatan)."
        if self.gagal:
            teks += f" {self.gagal} surel gagal dikirim; dicoba lagi besok."
        return teks


def _rekam(*, kabupaten, sekarang):
    """Compare today's alerts with the open records: open the new ones, refresh the message of
    the others, close those no source reports any more. Returns (villages, open records keyed by
    (desa_id, source), labels by source, how many were new, how many closed)."""
    desa = {
        d.pk: d
        for d in Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True)
        .select_related("kecamatan")
        .order_by("kecamatan__nama", "nama")
    }
    label = {}
    kini = {}
    with scopes_disabled():
        for sumber in extensions(AlertSource):
            label[sumber.key] = sumber.label
            for desa_id, pesan in sumber(list(desa)):
                kini[(desa_id, sumber.key)] = str(pesan)[:500]
        terbuka = {
            (r.desa_id, r.sumber): r
            for r in PeringatanTercatat.objects.filter(desa__kecamatan__kabupaten=kabupaten, selesai__isnull=True)
        }
        baru = [
            PeringatanTercatat(desa_id=d, sumber=s, pesan=pesan, pertama=sekarang, terakhir=sekarang)
            for (d, s), pesan in kini.items()
            if (d, s) not in terbuka
        ]
        berubah = []
        for kunci, r in terbuka.items():
            if kunci in kini and r.pesan != kini[kunci]:
                r.pesan = kini[kunci]
                berubah.append(r)
        lama = [r.pk for k, r in terbuka.items() if k in kini]
        hilang = [r.pk for k, r in terbuka.items() if k not in kini]
        with transaction.atomic():
            baru = PeringatanTercatat.objects.bulk_create(baru)
            if berubah:
                PeringatanTercatat.objects.bulk_update(berubah, ["pesan"])
            PeringatanTercatat.objects.filter(pk__in=lama).update(terakhir=sekarang)
            PeringatanTercatat.objects.filter(pk__in=hilang).update(selesai=sekarang)
        masih = {k: r for k, r in terbuka.items() if k in kini} | {(r.desa_id, r.sumber): r for r in baru}
    return desa, masih, label, len(baru), len(hilang)


# Villages listed in one mail at most (a first run over 239 villages); the page lists them all.
DESA_PER_SUREL = 60


def _surel(*, user, wilayah, host, butir, jumlah_terbuka, tanggal):
    asal = site_url(None, host)
    desa = {}
    for b in butir:
        desa.setdefault(b.desa, []).append(b)
    baru = sum(1 for b in butir if b.baru)
    per_desa = [(d, asal + reverse("pengawasan:rincian", args=[d.pk]), isi) for d, isi in desa.items()]
    context = {
        "wilayah": wilayah,
        "tanggal": tanggal,
        "per_desa": per_desa[:DESA_PER_SUREL],
        "desa_lain": max(len(per_desa) - DESA_PER_SUREL, 0),
        "jumlah_terbuka": jumlah_terbuka,
        "ulang_hari": ULANG_HARI,
        "url_peringatan": asal + reverse("pengawasan:peringatan"),
        "url_akun": asal + reverse("akun:ganti_sandi"),
    }
    pokok = f"{baru} baru" if baru else "masih terbuka"
    subjek = f"Peringatan desa {wilayah}: {len(butir)} peringatan ({pokok})"
    return EmailMessage(subjek, render_to_string("pengawasan/surel/peringatan.txt", context), None, [user.email])


def catat_peringatan(*, kabupaten, sekarang=None) -> tuple[int, int]:
    """Record today's alerts without mailing them (the demo; they are mailed as new by the next
    run): returns (open, closed)."""
    _desa, terbuka, _label, _baru, selesai = _rekam(kabupaten=kabupaten, sekarang=sekarang or timezone.now())
    return len(terbuka), selesai


def kirim_peringatan(*, kabupaten, sekarang=None) -> HasilKirim:
    """The daily run: record today's alerts, mail what is new (or still open after ULANG_HARI
    days) to whoever wants it, and write one audit entry. A fixed number of queries whatever
    the number of villages and recipients."""
    sekarang = sekarang or timezone.now()
    desa, terbuka, label, n_baru, n_selesai = _rekam(kabupaten=kabupaten, sekarang=sekarang)
    batas_ulang = sekarang - timedelta(days=ULANG_HARI)
    hasil = HasilKirim(terbuka=len(terbuka), baru=n_baru, selesai=n_selesai)
    butir = {}  # (desa_id, source) -> Butir, for the alerts due today
    for (desa_id, sumber), r in terbuka.items():
        if r.dikirim is None or r.dikirim <= batas_ulang:
            butir[(desa_id, sumber)] = Butir(
                desa[desa_id], label.get(sumber, sumber), r.pesan, r.pertama, r.dikirim is None
            )
    hasil.diulang = sum(1 for b in butir.values() if not b.baru)
    urut = sorted(butir.items(), key=lambda kv: (kv[1].desa.kecamatan.nama, kv[1].desa.nama, kv[1].label))
    tanggal = timezone.localtime(sekarang).date()
    surel = []  # [(message, keys it covers, "kabupaten" or "kecamatan")]
    if butir:
        admin, operator = _penerima(kabupaten=kabupaten)
        for user in admin:
            isi = [b for _k, b in urut]
            pesan = _surel(
                user=user, wilayah=str(kabupaten), host=None, butir=isi, jumlah_terbuka=len(terbuka), tanggal=tanggal
            )
            surel.append((pesan, [k for k, _b in urut], "kabupaten"))
        for user in operator:
            kunci = [k for k, b in urut if b.desa.kecamatan_id == user.kecamatan_id]
            if not kunci:
                continue
            n = sum(1 for d, _s in terbuka if desa[d].kecamatan_id == user.kecamatan_id)
            pesan = _surel(
                user=user,
                wilayah=f"Kecamatan {user.kecamatan.nama}",
                host=f"kec-{user.kecamatan.slug}",
                butir=[butir[k] for k in kunci],
                jumlah_terbuka=n,
                tanggal=tanggal,
            )
            surel.append((pesan, kunci, "kecamatan"))
    terkirim = set()
    if surel:
        with get_connection() as koneksi:
            for pesan, kunci, ke in surel:
                pesan.connection = koneksi
                try:
                    pesan.send()
                except Exception:  # noqa: BLE001 - one bad address or a mail server hiccup stops no one else's
                    hasil.gagal += 1
                    continue
                terkirim.update(kunci)
                hasil.alamat.extend(pesan.to)
                if ke == "kabupaten":
                    hasil.surel_kabupaten += 1
                else:
                    hasil.surel_kecamatan += 1
    with scopes_disabled():
        if terkirim:
            PeringatanTercatat.objects.filter(pk__in=[terbuka[k].pk for k in terkirim]).update(dikirim=sekarang)
    audit.record(
        action="peringatan.surel_dikirim",
        actor=None,
        obj=kabupaten,
        changes={
            "terbuka": hasil.terbuka,
            "baru": hasil.baru,
            "diulang": hasil.diulang,
            "selesai": hasil.selesai,
            "surel": hasil.surel_kabupaten + hasil.surel_kecamatan,
            "gagal": hasil.gagal,
        },
        label="Surel peringatan harian",
    )
    return hasil


def sejak(*, desa_ids):
    """{(desa_id, source key): since when the alert is open}, from the daily run's records."""
    with scopes_disabled():
        rows = PeringatanTercatat.objects.filter(desa_id__in=list(desa_ids), selesai__isnull=True)
        return {(d, s): t for d, s, t in rows.values_list("desa_id", "sumber", "pertama")}
