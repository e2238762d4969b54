"""Reads of the judi-online guard: the security check of every village (in a fixed number of
queries whatever the number of villages), the review queues and the lists."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, F
from django.db.models.functions import TruncHour
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from balai.akun.models import Peran, User
from balai.core import kesegaran
from balai.core.hitung import hitung_per_desa
from balai.core.models import AuditEntry
from balai.wilayah.models import Desa

from .models import DomainBlokir, Izin, Pemindaian, Penahanan, Temuan

PERAN_WAJIB_2FA = {Peran.ADMIN_DESA, Peran.OPERATOR_DESA}
HARI_TIDAK_DIPAKAI = 90
# Sign-ins of one account from this many addresses within one hour: the account is shared (or stolen).
ALAMAT_BERSAMA = 3
HARI_PANTAU_MASUK = 30
SINGKAT = {
    "2fa": "2FA belum lengkap",
    "akun_lama": "akun tak terpakai",
    "akun_bersama": "akun dipakai bersama",
    "segar": "situs basi",
    "temuan": "ada temuan/konten ditahan",
}


@dataclass
class Bagian:
    """One part of the check: its weight, the points earned, what is wrong and where to fix it."""

    kunci: str
    label: str
    bobot: int
    nilai: float = 0
    masalah: list = field(default_factory=list)  # names (accounts, pages) to fix
    perbaikan: str = ""  # what to click, in words
    url: str = ""  # url name of the page to fix it on

    @property
    def singkat(self):
        """What is wrong, in two or three words (for the kabupaten's table)."""
        return SINGKAT[self.kunci]

    @property
    def lulus(self):
        return self.nilai >= self.bobot


@dataclass
class SkorDesa:
    desa: Desa
    bagian: list

    @property
    def skor(self):
        return round(sum(b.nilai for b in self.bagian))


def _fraction(bad, total):
    return 1.0 if total == 0 else (total - bad) / total


def _akun(desa_ids):
    """{desa_id: [active staff users with their roles]}."""
    users = (
        User.objects.filter(desa_id__in=desa_ids, is_active=True)
        .prefetch_related("keanggotaan")
        .only("id", "username", "first_name", "last_name", "desa_id", "last_login", "date_joined", "kecamatan_id")
    )
    found = {}
    for user in users:
        found.setdefault(user.desa_id, []).append(user)
    return found


def _bersama(user_ids, now):
    """Ids of the accounts that signed in from ALAMAT_BERSAMA or more addresses within one hour."""
    with scopes_disabled():
        rows = (
            AuditEntry.objects.filter(
                action="akun.masuk",
                actor_id__in=user_ids,
                waktu__gte=now - timedelta(days=HARI_PANTAU_MASUK),
                ip__isnull=False,
            )
            .annotate(jam=TruncHour("waktu"))
            .values("actor_id", "jam")
            .annotate(n=Count("ip", distinct=True))
            .filter(n__gte=ALAMAT_BERSAMA)
            .values_list("actor_id", flat=True)
        )
        return set(rows)


def _hitung(model, desa_ids, status, **filters):
    with scopes_disabled():
        return hitung_per_desa(model.objects.filter(status=status, **filters), desa_ids)


def skor_keamanan(villages, *, now=None):
    """[SkorDesa] of `villages` (Desa with kecamatan__kabupaten loaded), in a fixed number of queries."""
    now = now or timezone.now()
    villages = list(villages)
    ids = [d.pk for d in villages]
    if not ids:
        return []
    with scopes_disabled():
        akun = _akun(ids)
        all_ids = [u.pk for users in akun.values() for u in users]
        with_2fa = set(TOTPDevice.objects.filter(user_id__in=all_ids, confirmed=True).values_list("user_id", flat=True))
    shared = _bersama(all_ids, now)
    ambang = villages[0].kecamatan.kabupaten.ambang_kesegaran_hari
    segar = kesegaran.per_desa(ids, ambang, now)
    temuan, ditahan = _hitung(Temuan, ids, Temuan.Status.TERBUKA), _hitung(Penahanan, ids, Penahanan.Status.DITAHAN)
    batas = now - timedelta(days=HARI_TIDAK_DIPAKAI)
    hasil = []
    for desa in villages:
        users = akun.get(desa.pk, [])
        wajib = [u for u in users if {k.peran for k in u.keanggotaan.all()} & PERAN_WAJIB_2FA]
        tanpa_2fa = [u for u in wajib if u.pk not in with_2fa]
        lama = [u for u in users if (u.last_login or u.date_joined) < batas]
        bersama = [u for u in users if u.pk in shared]
        k = segar[desa.pk]
        n_temuan, n_ditahan = temuan.get(desa.pk, 0), ditahan.get(desa.pk, 0)
        bagian = [
            Bagian(
                "2fa",
                "Verifikasi dua langkah untuk admin dan operator",
                30,
                30 * _fraction(len(tanpa_2fa), len(wajib)),
                [str(u) for u in tanpa_2fa],
                "Setiap admin dan operator membuka menu Akun → Verifikasi dua langkah, lalu memindai kode QR "
                "dengan aplikasi autentikator di ponselnya.",
                "akun:atur_2fa",
            ),
            Bagian(
                "akun_lama",
                f"Tidak ada akun yang tidak dipakai {HARI_TIDAK_DIPAKAI} hari",
                15,
                15 * _fraction(len(lama), len(users)),
                [str(u) for u in lama],
                "Admin desa membuka Pengguna, lalu menonaktifkan akun orang yang sudah tidak bertugas.",
                "panel:desa_pengguna",
            ),
            Bagian(
                "akun_bersama",
                "Tidak ada akun yang dipakai bersama",
                15,
                15 * _fraction(len(bersama), len(users)),
                [str(u) for u in bersama],
                f"Akun ini masuk dari {ALAMAT_BERSAMA} alamat atau lebih dalam satu jam. Buat akun sendiri untuk "
                "setiap orang di Pengguna, lalu ganti kata sandi akun ini (Akun → Ganti kata sandi).",
                "panel:desa_pengguna",
            ),
            Bagian(
                "segar",
                "Situs diperbarui",
                15,
                0 if k.basi else 15,
                []
                if not k.basi
                else [f"terbitan terakhir {k.hari} hari lalu" if k.hari is not None else "belum pernah"],
                "Terbitkan berita kegiatan desa (Artikel → Tambah), agenda atau pengumuman.",
                "website:kantor_artikel_tambah",
            ),
            Bagian(
                "temuan",
                "Tidak ada temuan keamanan terbuka",
                25,
                max(0, 25 - 10 * n_temuan - 5 * n_ditahan),
                ([f"{n_temuan} temuan pemindaian"] if n_temuan else [])
                + ([f"{n_ditahan} konten ditahan"] if n_ditahan else []),
                "Lihat daftar temuan di bawah: hapus atau perbaiki konten yang disebut, lalu hubungi kabupaten.",
                "keamanan:desa",
            ),
        ]
        hasil.append(SkorDesa(desa, bagian))
    return hasil


def skor_kabupaten(kabupaten, *, now=None):
    """Every active village's check, weakest first."""
    villages = Desa.objects.filter(kecamatan__kabupaten=kabupaten, aktif=True).select_related("kecamatan__kabupaten")
    return sorted(skor_keamanan(villages, now=now), key=lambda s: (s.skor, s.desa.nama))


def antrean_ditahan(*, kabupaten, status=Penahanan.Status.DITAHAN):
    with scopes_disabled():
        return list(
            Penahanan.objects.filter(desa__kecamatan__kabupaten=kabupaten, status=status)
            .select_related("desa__kecamatan", "penulis")
            .order_by(F("penulis").asc(nulls_last=True), "-dibuat")[:200]  # staff-written first
        )


def antrean_temuan(*, kabupaten, status=Temuan.Status.TERBUKA):
    with scopes_disabled():
        return list(
            Temuan.objects.filter(desa__kecamatan__kabupaten=kabupaten, status=status)
            .select_related("desa__kecamatan")
            .order_by("-terakhir")[:300]
        )


def daftar_blokir(kabupaten):
    return list(DomainBlokir.objects.filter(kabupaten=kabupaten))


def daftar_izin(kabupaten):
    with scopes_disabled():
        return list(
            Izin.objects.filter(kabupaten=kabupaten).select_related("desa").order_by("desa__nama", "jenis", "nilai")
        )


def pemindaian_terakhir(kabupaten):
    return Pemindaian.objects.filter(kabupaten=kabupaten).first()


def ringkasan(*, kabupaten):
    """Counts for the kabupaten's dashboard widget."""
    with scopes_disabled():
        ditahan = Penahanan.objects.filter(desa__kecamatan__kabupaten=kabupaten, status=Penahanan.Status.DITAHAN)
        temuan = Temuan.objects.filter(desa__kecamatan__kabupaten=kabupaten, status=Temuan.Status.TERBUKA)
        return {
            "ditahan": ditahan.count(),
            "ditahan_staf": ditahan.filter(penulis__isnull=False).count(),
            "temuan": temuan.count(),
            "desa_temuan": temuan.values("desa_id").distinct().count(),
            "pemindaian": pemindaian_terakhir(kabupaten),
        }


def widget_kabupaten(request):
    return {"r": ringkasan(kabupaten=request.kabupaten)}


def widget_desa(request):
    desa = request.desa
    return {
        "temuan": Temuan.objects.filter(desa=desa, status=Temuan.Status.TERBUKA).count(),
        "ditahan": Penahanan.objects.filter(desa=desa, status=Penahanan.Status.DITAHAN).count(),
        "skor": skor_keamanan([desa])[0],
    }


def konten_desa(desa):
    """The village's own open findings and held texts."""
    return {
        "temuan": list(Temuan.objects.filter(desa=desa, status=Temuan.Status.TERBUKA)[:100]),
        "ditahan": list(Penahanan.objects.filter(desa=desa, status=Penahanan.Status.DITAHAN)[:100]),
    }


# --- what the kabupaten's oversight reads (balai.pengawasan) -----------------------------------


def ukuran_skor(desa_ids, awal, akhir):
    """Activity measure: the village's security check (0–100) as it stands at `akhir`."""
    villages = Desa.objects.filter(pk__in=desa_ids).select_related("kecamatan__kabupaten")
    return {s.desa.pk: s.skor for s in skor_keamanan(villages, now=akhir)}


HARI_PENOLAKAN = 7  # refused texts stay in the alert this many days: a sign of misuse, nothing to review


def peringatan_temuan(desa_ids):
    """Alert: open findings of the scan, texts held for review and texts refused in the last
    week, per village (three queries)."""
    sejak = timezone.now() - timedelta(days=HARI_PENOLAKAN)
    temuan, ditahan, ditolak = (
        _hitung(Temuan, desa_ids, Temuan.Status.TERBUKA),
        _hitung(Penahanan, desa_ids, Penahanan.Status.DITAHAN),
        _hitung(Penahanan, desa_ids, Penahanan.Status.DITOLAK, dibuat__gte=sejak),
    )
    hasil = []
    for desa_id in set(temuan) | set(ditahan) | set(ditolak):
        bagian = [f"{temuan[desa_id]} temuan pemindaian terbuka"] if temuan.get(desa_id) else []
        bagian += [f"{ditahan[desa_id]} konten ditahan menunggu tinjauan"] if ditahan.get(desa_id) else []
        bagian += (
            [f"{ditolak[desa_id]} teks ditolak pemeriksaan judi online dalam {HARI_PENOLAKAN} hari terakhir"]
            if ditolak.get(desa_id)
            else []
        )
        hasil.append((desa_id, "; ".join(bagian) + "."))
    return hasil
