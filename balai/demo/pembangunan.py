"""Demo development projects: the showcase village's works of this year and last with a photo
timeline (0% -> 50% -> 100%), and a few projects in every other village (no photos, so the
kecamatan and kabupaten summaries have something to count). Photos are drawn with Pillow and
stored through the media service, like an operator's upload."""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from balai.akun.models import Peran, User
from balai.pembangunan.choices import Status
from balai.pembangunan.models import FotoProgres, Progres, Proyek
from balai.wilayah.models import RT, Dusun


@dataclass
class Contoh:
    nama: str  # "{dusun}" is replaced by a dusun of the village
    jenis: str  # what the photo shows: jalan, saluran, talud, jembatan, bangunan, sumur
    sumber_dana: str
    anggaran: int
    volume: int
    satuan: str
    tahapan: tuple  # percents of the updates, one month apart
    status: str
    foto: bool = True


SHOWCASE = [
    Contoh(
        "Rabat beton jalan Dusun {dusun} RT 02", "jalan", "DDS", 125_000_000, 150, "m", (0, 50, 100), Status.SELESAI
    ),
    Contoh("Saluran drainase Dusun {dusun}", "saluran", "DDS", 85_500_000, 220, "m", (0, 45), Status.BERJALAN),
    Contoh("Talud penahan tanah Dusun {dusun}", "talud", "ADD", 64_250_000, 45, "m", (0, 30, 70), Status.BERJALAN),
    Contoh("Jembatan penghubung Dusun {dusun}", "jembatan", "PBK", 180_000_000, 12, "m", (0,), Status.RENCANA),
    Contoh("Rehab gedung Posyandu Melati", "bangunan", "DDS", 48_000_000, 1, "unit", (0, 100), Status.SELESAI),
    Contoh("Sumur bor air bersih Dusun {dusun}", "sumur", "PBP", 95_000_000, 1, "titik", (0, 20), Status.TERTUNDA),
]
UMUM = [
    ("Rabat beton jalan Dusun {dusun}", "DDS", 60_000_000, 120_000_000, "m"),
    ("Pembangunan saluran irigasi Dusun {dusun}", "DDS", 40_000_000, 90_000_000, "m"),
    ("Talud jalan Dusun {dusun}", "ADD", 30_000_000, 70_000_000, "m"),
    ("Pengaspalan jalan Dusun {dusun}", "PBK", 90_000_000, 200_000_000, "m"),
    ("Rehab balai dusun {dusun}", "PAD", 20_000_000, 45_000_000, "unit"),
    ("Penerangan jalan umum Dusun {dusun}", "DDS", 15_000_000, 35_000_000, "titik"),
]
WARNA = {
    "jalan": (150, 150, 145),
    "saluran": (120, 125, 130),
    "talud": (135, 120, 105),
    "jembatan": (140, 140, 150),
    "bangunan": (200, 190, 170),
    "sumur": (110, 120, 140),
}
FOTO_DESA_LAIN = 2  # projects in other villages of the showcase's kecamatan that get photos


def foto_pekerjaan(rng, jenis, persen, label, size=(640, 480)):
    """A simple site photo: sky, green fields, the work (grey where it is done, brown earth
    where not yet), and a caption band. JPEG bytes."""
    w, h = size
    img = Image.new("RGB", size, (rng.randint(120, 160), rng.randint(180, 205), 235))
    draw = ImageDraw.Draw(img)
    horizon = h // 3 + rng.randint(-20, 20)
    draw.rectangle([0, horizon, w, h], fill=(70 + rng.randint(0, 30), 140 + rng.randint(0, 30), 60))
    for x in range(0, w, rng.randint(90, 140)):  # trees on the horizon
        r = rng.randint(18, 34)
        draw.ellipse([x - r, horizon - 2 * r, x + r, horizon + 4], fill=(30, 100 + rng.randint(0, 40), 40))
    tanah, jadi = (150, 110, 70), WARNA[jenis]
    if jenis in ("jalan", "saluran", "talud"):
        # A strip running into the distance; the finished part starts at the near end.
        kiri, kanan = (w * 0.42, w * 0.58) if jenis != "talud" else (w * 0.1, w * 0.3)
        poly = [(kiri, horizon), (kanan, horizon), (w * 0.95, h), (w * 0.05, h)]
        draw.polygon(poly, fill=tanah)
        batas = h - (h - horizon) * persen / 100
        t = (batas - horizon) / (h - horizon)
        draw.polygon(
            [
                (kiri + (w * 0.05 - kiri) * t, batas),
                (kanan + (w * 0.95 - kanan) * t, batas),
                (w * 0.95, h),
                (w * 0.05, h),
            ],
            fill=jadi,
        )
        if jenis == "saluran":
            draw.line([(w * 0.5, horizon), (w * 0.5, h)], fill=(70, 90, 120), width=18)
    else:
        # A structure rising from its foundation: taller as the work goes on.
        x0, x1 = w * 0.3, w * 0.7
        dasar = h * 0.8
        draw.rectangle([x0 - 20, dasar, x1 + 20, dasar + 25], fill=tanah)
        tinggi = (h * 0.45) * max(persen, 5) / 100
        draw.rectangle([x0, dasar - tinggi, x1, dasar], fill=jadi, outline=(90, 90, 90), width=3)
        if jenis == "bangunan" and persen >= 100:
            draw.polygon([(x0 - 30, dasar - tinggi), (x1 + 30, dasar - tinggi), ((x0 + x1) / 2, dasar - tinggi - 90)],
                         fill=(170, 60, 40))  # fmt: skip
    font = ImageFont.load_default(size=22)
    draw.rectangle([0, h - 56, w, h], fill=(0, 0, 0))
    draw.text((16, h - 44), label, fill=(255, 255, 255), font=font)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def seed(*, villages, showcase, rng, fake, stdout):
    if Proyek.objects.filter(desa=showcase).exists():
        return
    today = timezone.localdate()
    dusun = {}
    for d in Dusun.objects.filter(desa__in=villages).order_by("nama").values("desa_id", "pk", "nama"):
        dusun.setdefault(d["desa_id"], []).append(d)
    operator = User.objects.filter(desa=showcase, keanggotaan__peran=Peran.OPERATOR_DESA).first()
    _showcase(showcase, dusun[showcase.pk], operator, rng, today)
    lain = [d for d in villages if d != showcase]
    _desa_lain(lain, dusun, rng, today, kecamatan_id=showcase.kecamatan_id)
    _tautkan_apbdes(showcase, today.year)
    stdout.write(
        f"Pembangunan: {len(SHOWCASE)} kegiatan berfoto di {showcase.nama}, kegiatan di {len(lain)} desa lain."
    )


def _titik(desa, rng):
    lat = float(desa.lat or -7.39) + rng.uniform(-0.006, 0.006)
    lng = float(desa.lng or 109.36) + rng.uniform(-0.006, 0.006)
    return round(lat, 6), round(lng, 6)


def _showcase(desa, dusun, operator, rng, today):
    rt02 = RT.objects.filter(desa=desa, nomor=2).select_related("rw__dusun").order_by("rw__nomor").first()
    proyek_list = []
    for i, c in enumerate(SHOWCASE):
        du = rt02.rw.dusun if i == 0 and rt02 else None
        nama_dusun = du.nama if du else dusun[i % len(dusun)]["nama"]
        lat, lng = _titik(desa, rng)
        mulai = today - timedelta(days=30 * len(c.tahapan) + 10)
        proyek_list.append(
            Proyek(
                desa=desa, nama=c.nama.format(dusun=nama_dusun), slug=slugify(c.nama.format(dusun=nama_dusun)),
                tahun=today.year, dusun_id=du.pk if du else dusun[i % len(dusun)]["pk"],
                rw=rt02.rw if du else None, rt=rt02 if du else None, lokasi="", lat=lat, lng=lng,
                sumber_dana=c.sumber_dana, anggaran=c.anggaran, volume=c.volume, satuan=c.satuan,
                pelaksana=f"TPK Desa {desa.nama}", mulai=mulai, rencana_selesai=mulai + timedelta(days=120),
                status=c.status, persen=c.tahapan[-1],
                uraian=f"Dikerjakan secara swakelola oleh TPK bersama warga Dusun {nama_dusun}.",
            )
        )  # fmt: skip
    Proyek.objects.bulk_create(proyek_list)
    for proyek, c in zip(proyek_list, SHOWCASE, strict=True):
        _linimasa(proyek, c.tahapan, c.foto, proyek.mulai, rng, operator, c_jenis=c.jenis)


CATATAN = {
    0: "Lokasi sebelum dikerjakan; material mulai didatangkan.",
    100: "Pekerjaan selesai dan diserahterimakan kepada warga.",
}


def _linimasa(proyek, tahapan, foto, mulai, rng, operator, *, c_jenis):
    from balai.media.services import simpan_gambar

    progres = [
        Progres(
            desa=proyek.desa, proyek=proyek, tanggal=mulai + timedelta(days=30 * n), persen=p, dibuat_oleh=operator,
            catatan=CATATAN.get(p, f"Pekerjaan mencapai {p}%; dikerjakan bersama warga."),
        )
        for n, p in enumerate(tahapan)
    ]  # fmt: skip
    Progres.objects.bulk_create(progres)
    if not foto:
        return
    fotos = []
    for p in progres:
        label = f"{proyek.nama[:40]} · {p.persen}% · {p.tanggal:%d-%m-%Y}"
        file = ContentFile(foto_pekerjaan(rng, c_jenis, p.persen, label), name="progres.jpg")
        gambar = simpan_gambar(desa=proyek.desa, actor=operator, file=file, alt=f"{proyek.nama} — {p.persen}%")
        fotos.append(FotoProgres(desa=proyek.desa, progres=p, gambar=gambar, urutan=1))
    FotoProgres.objects.bulk_create(fotos)


def _desa_lain(villages, dusun, rng, today, *, kecamatan_id):
    """Two to four projects per village, this year and last, with updates but no photos
    (except the first projects of a few villages of the showcase's kecamatan)."""
    proyek_list, tahapan = [], {}
    for desa in villages:
        nama_dusun = [d["nama"] for d in dusun.get(desa.pk, [])] or [desa.nama]
        for n in range(rng.randint(2, 4)):
            nama, sumber, low, high, satuan = UMUM[rng.randrange(len(UMUM))]
            nama = nama.format(dusun=nama_dusun[n % len(nama_dusun)])
            tahun = today.year if n < 2 else today.year - 1
            langkah = (0, 100) if tahun < today.year else rng.choice([(0,), (0, 40), (0, 60, 100), (0, 30, 80)])
            status = Status.SELESAI if langkah[-1] == 100 else (Status.BERJALAN if langkah[-1] else Status.RENCANA)
            lat, lng = _titik(desa, rng)
            p = Proyek(
                desa=desa, nama=nama, slug=f"{slugify(nama)}-{tahun}-{n}", tahun=tahun, lat=lat, lng=lng,
                sumber_dana=sumber, anggaran=rng.randrange(low, high, 250_000), volume=rng.randint(40, 400)
                if satuan == "m" else rng.randint(1, 12), satuan=satuan, pelaksana=f"TPK Desa {desa.nama}",
                mulai=today.replace(year=tahun) - timedelta(days=100), status=status, persen=langkah[-1],
            )  # fmt: skip
            proyek_list.append(p)
            tahapan[id(p)] = langkah
    Proyek.objects.bulk_create(proyek_list)
    progres = [
        Progres(desa_id=p.desa_id, proyek=p, tanggal=p.mulai + timedelta(days=25 * i), persen=persen,
                catatan="Laporan TPK.")
        for p in proyek_list
        for i, persen in enumerate(tahapan[id(p)])
    ]  # fmt: skip
    Progres.objects.bulk_create(progres)
    berfoto = [p for p in proyek_list if p.desa.kecamatan_id == kecamatan_id][:FOTO_DESA_LAIN]
    for p in berfoto:
        FotoProgres.objects.bulk_create(
            FotoProgres(desa_id=p.desa_id, progres=pr, gambar=_gambar(pr, rng), urutan=1)
            for pr in progres
            if pr.proyek is p
        )


def _gambar(progres, rng):
    from balai.media.services import simpan_gambar

    proyek = progres.proyek
    label = f"{proyek.nama[:40]} · {progres.persen}%"
    file = ContentFile(foto_pekerjaan(rng, "jalan", progres.persen, label), name="progres.jpg")
    return simpan_gambar(desa=proyek.desa, actor=None, file=file, alt=f"{proyek.nama} — {progres.persen}%")


def _tautkan_apbdes(desa, tahun):
    """Link the showcase's projects to the APBDes kegiatan of bidang 2 when the demo has an
    APBDes for the year (one per project, in order)."""
    from balai.keuangan.models import Kegiatan

    kegiatan = list(Kegiatan.objects.filter(desa=desa, tahun=tahun, bidang="2").order_by("kode"))
    proyek_list = list(Proyek.objects.filter(desa=desa, tahun=tahun).order_by("pk"))
    for proyek, k in zip(proyek_list, kegiatan, strict=False):
        proyek.kegiatan = k
    Proyek.objects.bulk_update(proyek_list, ["kegiatan"])
