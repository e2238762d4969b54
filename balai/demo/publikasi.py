"""Demo data: agenda and pengumuman for every village (bulk), photo albums with drawn pictures
for the showcase and a handful of villages, and real PDF/XLSX documents for the showcase."""

import io
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from balai.akun.models import Peran, User
from balai.publikasi import services
from balai.publikasi.models import Agenda, Album, Dokumen, Foto, Pengumuman
from balai.publikasi.pdf import pdf_sederhana

AGENDA = [
    # (judul, jam mulai, durasi jam, lokasi, penyelenggara, uraian)
    (
        "Musyawarah Desa RKPDes {tahun}",
        9,
        3,
        "Balai Desa",
        "BPD dan Pemerintah Desa",
        "<p>Pembahasan usulan kegiatan RKPDes. Perwakilan RT, RW, PKK dan karang taruna diundang.</p>",
    ),
    (
        "Posyandu Balita Dusun {dusun}",
        8,
        3,
        "Posyandu Dusun {dusun}",
        "Kader Posyandu",
        "<p>Penimbangan, imunisasi dan pemberian makanan tambahan. Bawa buku KIA.</p>",
    ),
    (
        "Kerja Bakti Saluran Irigasi",
        7,
        4,
        "Saluran irigasi Dusun {dusun}",
        "Kelompok Tani",
        "<p>Membersihkan saluran menjelang musim tanam. Warga diharap membawa cangkul dan arit.</p>",
    ),
    (
        "Pengajian Rutin Malam Jumat",
        19,
        2,
        "Masjid Dusun {dusun}",
        "Takmir Masjid",
        "<p>Pengajian rutin dan doa bersama untuk keselamatan desa.</p>",
    ),
    (
        "Rapat Koordinasi RT/RW",
        13,
        2,
        "Balai Desa",
        "Pemerintah Desa",
        "<p>Pembahasan pendataan warga dan jadwal ronda.</p>",
    ),
    (
        "Posyandu Lansia",
        8,
        2,
        "Balai Desa",
        "Kader Posyandu dan Puskesmas",
        "<p>Pemeriksaan tekanan darah, gula darah dan senam lansia.</p>",
    ),
]
PENGUMUMAN = [
    (
        "Jadwal Pencairan BLT Dana Desa Tahap {tahap}",
        True,
        False,
        "<p>Pencairan BLT Dana Desa dilaksanakan di Balai Desa mulai pukul 08.00. "
        "Penerima membawa KTP-el dan KK asli.</p>",
    ),
    (
        "Penutupan Jalan Desa Sementara",
        False,
        True,
        "<p>Jalan poros desa ditutup sementara karena pengecoran. Kendaraan dialihkan lewat jalan dusun.</p>",
    ),
    (
        "Vaksinasi dan Imunisasi Anak",
        False,
        False,
        "<p>Bulan imunisasi anak bersama Puskesmas. Bawa buku KIA ke posyandu terdekat.</p>",
    ),
]
ALBUM = ["Kerja Bakti Bersih Desa", "Peringatan HUT RI", "Posyandu Balita", "Panen Raya"]
DOKUMEN = [
    ("Ringkasan APBDes {tahun}", Dokumen.Kategori.APBDES),
    ("Peraturan Desa Nomor 1 Tahun {tahun} tentang APBDes", Dokumen.Kategori.PERDES),
    ("Peraturan Desa tentang RPJMDes 2025-2031", Dokumen.Kategori.PERDES),
    ("Laporan Realisasi APBDes Semester I", Dokumen.Kategori.LAPORAN),
]
GALERI_VILLAGES = 4  # villages besides the showcase that get one small album


def seed(*, villages, showcase, rng, fake, stdout):
    if Agenda.objects.filter(desa=showcase).exists():
        return
    now = timezone.localtime()
    dusun = {}
    from balai.wilayah.models import Dusun

    for d in Dusun.objects.filter(desa__in=villages).values("desa_id", "nama"):
        dusun.setdefault(d["desa_id"], []).append(d["nama"])
    Agenda.objects.bulk_create(a for desa in villages for a in _agenda(desa, showcase, dusun, rng, now))
    Pengumuman.objects.bulk_create(p for desa in villages for p in _pengumuman(desa, showcase, rng, now))
    actor = User.objects.filter(desa=showcase, keanggotaan__peran=Peran.OPERATOR_DESA).first()
    others = [d for d in villages if d.kecamatan_id == showcase.kecamatan_id and d != showcase][:GALERI_VILLAGES]
    for desa, n_album, n_foto in [(showcase, len(ALBUM), 6)] + [(d, 1, 4) for d in others]:
        _galeri(desa, actor, rng, now, n_album, n_foto)
    _dokumen(showcase, actor, rng, now)
    stdout.write(f"Publikasi: agenda dan pengumuman untuk {len(villages)} desa, galeri untuk {len(others) + 1} desa.")


def _agenda(desa, showcase, dusun, rng, now):
    count = 12 if desa == showcase else 5
    items = []
    for i in range(count):
        judul, jam, durasi, lokasi, penyelenggara, uraian = AGENDA[i % len(AGENDA)]
        hari = rng.randint(-40, 30) if desa == showcase else rng.randint(-20, 25)
        mulai = timezone.make_aware(datetime.combine((now + timedelta(days=hari)).date(), time(jam)))
        nama_dusun = rng.choice(dusun.get(desa.pk) or ["Krajan"])
        judul = judul.format(tahun=now.year + 1, dusun=nama_dusun)
        items.append(Agenda(
            desa=desa, judul=judul, slug=f"{slugify(judul)[:180]}-{i + 1}", mulai=mulai,
            selesai=mulai + timedelta(hours=durasi), lokasi=lokasi.format(dusun=nama_dusun),
            penyelenggara=penyelenggara, uraian=uraian, status=Agenda.Status.TERBIT,
        ))  # fmt: skip
    return items


def _pengumuman(desa, showcase, rng, now):
    items = []
    for i, (judul, sematkan, penting, isi) in enumerate(PENGUMUMAN):
        judul = judul.format(tahap=rng.randint(1, 4))
        mulai = now - timedelta(days=rng.randint(0, 6), hours=rng.randint(1, 9))
        items.append(Pengumuman(
            desa=desa, judul=judul, slug=f"{slugify(judul)}-{i + 1}", isi=isi, mulai_tayang=mulai,
            berlaku_sampai=_akhir_hari(now + timedelta(days=rng.randint(3, 20))), disematkan=sematkan,
            penting=penting,
        ))  # fmt: skip
    if desa == showcase:  # an expired one: kept in the back office, gone from the site
        items.append(Pengumuman(
            desa=desa, judul="Pendaftaran Lomba Agustusan", slug="pendaftaran-lomba-agustusan",
            isi="<p>Pendaftaran sudah ditutup.</p>",
            mulai_tayang=now - timedelta(days=60), berlaku_sampai=now - timedelta(days=30),
        ))  # fmt: skip
    return items


def _akhir_hari(waktu):
    return timezone.make_aware(datetime.combine(waktu.date(), time(23, 59)))


def gambar_pemandangan(rng, size=(960, 640)):
    """A simple landscape: sky, sun, two mountain ridges, terraced rice fields. JPEG bytes."""
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    top, bottom = (rng.randint(60, 120), rng.randint(140, 190), 235), (rng.randint(190, 250), 215, 180)
    for y in range(h // 2 + 40):
        t = y / (h // 2 + 40)
        draw.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    sx, sy, r = rng.randint(80, w - 80), rng.randint(50, 160), rng.randint(28, 48)
    draw.ellipse([sx - r, sy - r, sx + r, sy + r], fill=(255, rng.randint(190, 230), 90))
    for shade, base in ((rng.randint(70, 100), h // 2 - 20), (rng.randint(40, 70), h // 2 + 30)):
        peaks = [(0, h)] + [(x, base - rng.randint(0, 140)) for x in range(0, w + 120, 120)] + [(w, h)]
        draw.polygon(peaks, fill=(shade, shade + 50, shade + 20))
    for i, y in enumerate(range(h // 2 + 60, h, 36)):
        g = 120 + (i * 17 + rng.randint(0, 30)) % 100
        draw.rectangle([0, y, w, y + 36], fill=(60 + i * 6 % 40, g, 50))
        draw.line([(0, y), (w, y)], fill=(110, 90, 50), width=3)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=82)
    return buf.getvalue()


def _galeri(desa, actor, rng, now, n_album, n_foto):
    from balai.media.services import simpan_gambar

    for i in range(n_album):
        judul = ALBUM[i % len(ALBUM)]
        album = Album.objects.create(
            desa=desa, judul=judul, slug=slugify(judul), tanggal=(now - timedelta(days=20 * i + 3)).date(),
            uraian=f"Dokumentasi kegiatan {judul.lower()} warga {desa.nama}.",
        )  # fmt: skip
        fotos = []
        for n in range(n_foto):
            file = ContentFile(gambar_pemandangan(rng), name=f"foto-{n}.jpg")
            gambar = simpan_gambar(desa=desa, actor=actor, file=file, alt=f"{judul} {n + 1}")
            fotos.append(Foto(desa=desa, album=album, gambar=gambar, urutan=n + 1, keterangan=f"{judul} ({n + 1})"))
        Foto.objects.bulk_create(fotos)
        album.sampul = fotos[0].gambar
        album.save(update_fields=["sampul"])


def _xlsx_apbdes(tahun):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f"APBDes {tahun}"
    ws.append(["Uraian", "Anggaran (Rp)"])
    for row in [("Pendapatan Asli Desa", 85_000_000), ("Dana Desa", 1_012_000_000), ("Alokasi Dana Desa", 412_000_000),
                ("Belanja Bidang Pemerintahan", 540_000_000), ("Belanja Bidang Pembangunan", 720_000_000),
                ("Belanja Bidang Pemberdayaan", 150_000_000)]:  # fmt: skip
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _dokumen(desa, actor, rng, now):
    tahun = now.year + 1
    for judul, kategori in DOKUMEN:
        judul = judul.format(tahun=tahun)
        isi = pdf_sederhana(judul, [f"{desa} - Kecamatan {desa.kecamatan.nama}", "Dokumen contoh untuk demo Balai."])
        berkas = ContentFile(isi, name=f"{slugify(judul)}.pdf")
        dokumen = Dokumen(desa=desa, judul=judul, kategori=kategori, jumlah_unduh=rng.randint(3, 120))
        services.simpan_dokumen(desa=desa, actor=actor, dokumen=dokumen, berkas=berkas)
    berkas = ContentFile(_xlsx_apbdes(tahun), name="rincian.xlsx")
    dokumen = Dokumen(desa=desa, judul=f"Rincian APBDes {tahun} (lembar kerja)", kategori=Dokumen.Kategori.APBDES)
    services.simpan_dokumen(desa=desa, actor=actor, dokumen=dokumen, berkas=berkas)
