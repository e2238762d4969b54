"""Demo data: attendance rules for the showcase village (office point, 100 m geofence, QR code)
and its officials' last month and this month so far: most days on time, some late mornings,
an early leave, approved leave, a sick day and a request waiting for the kepala desa. Bulk
inserts only; run once (skipped when the showcase already has rules)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from balai.akun.models import Peran
from balai.core.kalender import hari_kerja_dalam
from balai.kehadiran.models import Izin, Kehadiran, Metode, PengaturanKehadiran
from balai.website.models import Perangkat

# Where the showcase's office stands when its profile has no point (Kecamatan Kaligondang).
KANTOR = (Decimal("-7.394200"), Decimal("109.429800"))


def _saat(tanggal, jam, menit):
    return timezone.make_aware(datetime.combine(tanggal, time(jam, 0)) + timedelta(minutes=menit))


def seed(*, villages, showcase, rng, fake, stdout):
    if PengaturanKehadiran.objects.filter(desa=showcase).exists():
        return
    aturan = PengaturanKehadiran.objects.create(
        desa=showcase,
        geofence_aktif=True,
        lintang=showcase.lat or KANTOR[0],
        bujur=showcase.lng or KANTOR[1],
        radius_meter=100,
        jam_pulang_jumat=time(11, 0),
    )
    orang = list(Perangkat.objects.filter(desa=showcase, urutan__lt=20).select_related("pengguna"))
    if not orang:
        return
    hari_ini = timezone.localdate()
    awal = (hari_ini.replace(day=1) - timedelta(days=1)).replace(day=1)
    hari = [h for h in hari_kerja_dalam(awal, hari_ini) if h < hari_ini]
    kepala = next((p for p in orang if p.pengguna and Peran.KEPALA_DESA in p.pengguna.peran), None)
    sekdes = next((p for p in orang if p.pengguna and Peran.SEKDES in p.pengguna.peran), None)
    izin, cuti = _izin(showcase, orang, hari, hari_ini, kepala, sekdes, rng)
    rows = []
    for p in orang:
        for h in hari:
            if h in cuti.get(p.pk, ()) or rng.random() < 0.03:  # on leave, or absent without word
                continue
            rows.append(_hari(showcase, p, h, aturan, rng))
    Kehadiran.objects.bulk_create(rows)
    Izin.objects.bulk_create(izin)
    stdout.write(f"  kehadiran: {len(rows)} hari hadir, {len(izin)} pengajuan izin ({showcase.nama})")


def _hari(desa, p, h, aturan, rng):
    telat = rng.choice([0] * 12 + [20, 35, 50])  # minutes after the tolerance's end, some days
    masuk = _saat(h, 7, rng.randint(5, 28) if not telat else 15 + telat)
    jam_pulang = aturan.jam_pulang_pada(h)
    cepat = rng.choice([0] * 25 + [45])
    pulang = _saat(h, jam_pulang.hour, jam_pulang.minute + (rng.randint(0, 25) if not cepat else -cepat))
    return Kehadiran(
        desa=desa,
        perangkat=p,
        tanggal=h,
        masuk=masuk,
        metode=Metode.QR_LOKASI,
        jarak_meter=rng.randint(3, 60),
        terlambat_menit=max(0, int((masuk - _saat(h, 7, 30)).total_seconds() // 60)) if telat else 0,
        pulang=pulang,
        metode_pulang=Metode.QR_LOKASI,
        jarak_pulang_meter=rng.randint(3, 60),
        pulang_cepat_menit=cepat,
    )


def _izin(desa, orang, hari, hari_ini, kepala, sekdes, rng):
    """A sick day, a two-day cuti, a dinas luar (all approved), and a request still waiting."""
    if len(hari) < 12 or kepala is None:
        return [], {}
    bawahan = [p for p in orang if p != kepala and p.pengguna] or [p for p in orang if p != kepala]
    rencana = [
        (bawahan[0], Izin.Jenis.SAKIT, hari[3], hari[3], "Demam, istirahat sesuai surat dokter."),
        (bawahan[-1], Izin.Jenis.CUTI, hari[8], hari[9], "Cuti tahunan: acara keluarga."),
        (kepala, Izin.Jenis.DINAS_LUAR, hari[-4], hari[-4], "Rapat koordinasi di kantor kecamatan."),
    ]
    izin, cuti = [], {}
    for p, jenis, mulai, sampai, alasan in rencana:
        pemutus = sekdes if p == kepala else kepala
        if pemutus is None or pemutus.pengguna is None or p.pengguna is None:
            continue
        izin.append(
            Izin(
                desa=desa, perangkat=p, jenis=jenis, mulai=mulai, sampai=sampai, alasan=alasan,
                status=Izin.Status.DISETUJUI, diajukan_oleh=p.pengguna, diputus_oleh=pemutus.pengguna,
                diputus_pada=_saat(mulai, 7, 0) - timedelta(days=1),
            )
        )  # fmt: skip
        cuti.setdefault(p.pk, set()).update(h for h in hari if mulai <= h <= sampai)
    besok = hari_ini + timedelta(days=1)
    if bawahan[0].pengguna is not None:
        izin.append(
            Izin(
                desa=desa, perangkat=bawahan[0], jenis=Izin.Jenis.IZIN, mulai=besok, sampai=besok,
                alasan="Mengantar orang tua berobat ke RSUD Goeteng Taroenadibrata.", diajukan_oleh=bawahan[0].pengguna,
            )
        )  # fmt: skip
    return izin, cuti
