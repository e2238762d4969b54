"""Demo data for the market: the kabupaten's categories, sellers and about 300 products of
Purbalingga across the kabupaten (the fullest stall in Selakambang), each with a drawn photo,
and a month of view and order counts for Selakambang.

Fast on purpose: each kind of product's picture is drawn, checked and re-encoded once by the
media code (balai.media.images), and its renditions are then stored for every village that
sells it; rows go in with bulk_create."""

import io
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from balai.core.storage import path_for
from balai.core.tenancy import host_desa, origin
from balai.demo.mandiri import _kepala_keluarga
from balai.lapak.models import FotoProduk, Kategori, Pelapak, Produk, StatistikProduk
from balai.lapak.services import KATEGORI_BAWAAN
from balai.media import images
from balai.media.models import Gambar

# (name, category index in KATEGORI_BAWAAN, price range, unit, grams, description, colour, shape)
PRODUK = [
    (
        "Gula kelapa cetak",
        2,
        (16000, 22000),
        "kg",
        1000,
        "Gula kelapa murni dari nira pohon kelapa sendiri, dimasak di tungku kayu, tanpa campuran.",
        (150, 80, 30),
        "bulat",
    ),
    (
        "Gula semut organik",
        2,
        (28000, 40000),
        "kg",
        1000,
        "Gula kelapa kristal (gula semut) bersertifikat organik, cocok untuk kopi dan kue.",
        (190, 120, 50),
        "butir",
    ),
    (
        "Gula jawa batok",
        2,
        (15000, 19000),
        "kg",
        1000,
        "Gula jawa cetakan batok kelapa, manis legit, untuk dawet dan jenang.",
        (120, 60, 25),
        "bulat",
    ),
    (
        "Nopia bawang",
        0,
        (15000, 25000),
        "bungkus",
        250,
        "Nopia khas Purbalingga isi gula merah dan bawang goreng, dipanggang di tungku gentong.",
        (235, 215, 170),
        "bulat",
    ),
    (
        "Mino (mini nopia) rasa pandan",
        0,
        (10000, 15000),
        "bungkus",
        200,
        "Nopia ukuran kecil, renyah, rasa pandan. Oleh-oleh favorit.",
        (200, 225, 160),
        "butir",
    ),
    (
        "Keripik tempe",
        0,
        (10000, 15000),
        "bungkus",
        200,
        "Keripik tempe tipis dan renyah, bumbu bawang dan daun jeruk.",
        (225, 190, 110),
        "lembar",
    ),
    (
        "Keripik singkong pedas",
        0,
        (8000, 12000),
        "bungkus",
        150,
        "Singkong pilihan diiris tipis, digoreng renyah, bumbu balado.",
        (220, 120, 40),
        "lembar",
    ),
    (
        "Kripik pisang manis",
        0,
        (12000, 16000),
        "bungkus",
        200,
        "Pisang kepok dari kebun warga, digoreng dan diberi gula.",
        (240, 200, 90),
        "lembar",
    ),
    (
        "Sale pisang",
        0,
        (15000, 20000),
        "bungkus",
        250,
        "Pisang ambon dijemur lalu digoreng tepung, manis alami.",
        (160, 100, 40),
        "lembar",
    ),
    (
        "Kopi robusta bubuk",
        1,
        (25000, 45000),
        "250 gram",
        250,
        "Kopi robusta dari lereng Gunung Slamet, disangrai sedang dan digiling halus.",
        (80, 45, 25),
        "butir",
    ),
    (
        "Kopi arabika biji sangrai",
        1,
        (60000, 90000),
        "250 gram",
        250,
        "Arabika dataran tinggi Karangreja, sangrai medium, aroma cokelat dan gula aren.",
        (100, 60, 35),
        "butir",
    ),
    (
        "Wedang jahe gula kelapa",
        1,
        (12000, 18000),
        "toples",
        300,
        "Jahe merah instan dengan gula kelapa, hangat untuk malam hari.",
        (210, 150, 70),
        "butir",
    ),
    (
        "Durian lokal Purbalingga",
        3,
        (35000, 120000),
        "buah",
        2500,
        "Durian kampung matang pohon, daging tebal dan legit. Musim November sampai Februari.",
        (170, 160, 60),
        "duri",
    ),
    (
        "Manggis",
        3,
        (15000, 25000),
        "kg",
        1000,
        "Manggis segar dipetik sendiri, kulit merah keunguan.",
        (110, 30, 60),
        "bulat",
    ),
    (
        "Beras merah organik",
        3,
        (15000, 20000),
        "kg",
        1000,
        "Beras merah dari sawah tanpa pestisida kimia.",
        (160, 70, 60),
        "butir",
    ),
    (
        "Pepaya california",
        3,
        (8000, 12000),
        "kg",
        1000,
        "Pepaya manis, cocok untuk jus dan rujak.",
        (240, 140, 50),
        "bulat",
    ),
    (
        "Ikan gurami segar",
        4,
        (40000, 50000),
        "kg",
        1000,
        "Gurami dari kolam air deras, dipanen pagi hari, bisa dibersihkan.",
        (120, 130, 110),
        "ikan",
    ),
    (
        "Ikan nila",
        4,
        (28000, 35000),
        "kg",
        1000,
        "Nila segar ukuran konsumsi, 4 sampai 5 ekor per kilo.",
        (150, 150, 140),
        "ikan",
    ),
    (
        "Telur ayam kampung",
        4,
        (2500, 3500),
        "butir",
        60,
        "Telur ayam kampung dari peternakan rumahan.",
        (230, 210, 180),
        "bulat",
    ),
    (
        "Sapu glagah",
        5,
        (20000, 35000),
        "buah",
        600,
        "Sapu glagah (sapu rayung) ikatan rapat, gagang bambu, awet.",
        (200, 180, 120),
        "sapu",
    ),
    (
        "Kerajinan bambu: tempat tisu",
        5,
        (25000, 40000),
        "buah",
        300,
        "Anyaman bambu halus, dipernis, untuk meja tamu.",
        (190, 160, 100),
        "kotak",
    ),
    (
        "Besek bambu",
        5,
        (3000, 6000),
        "buah",
        100,
        "Besek anyaman bambu untuk hantaran dan tempat makanan.",
        (210, 180, 120),
        "kotak",
    ),
    (
        "Kursi bambu",
        5,
        (250000, 450000),
        "set",
        15000,
        "Satu set kursi dan meja bambu wulung, pesan dulu 2 minggu.",
        (150, 120, 60),
        "kotak",
    ),
    (
        "Batik tulis Purbalinggan",
        6,
        (250000, 650000),
        "lembar",
        400,
        "Batik tulis motif khas Purbalingga, pewarna alam, 2 x 1,15 meter.",
        (90, 50, 110),
        "kain",
    ),
    (
        "Batik cap katun",
        6,
        (85000, 150000),
        "lembar",
        350,
        "Batik cap katun primisima, motif sekar jagad.",
        (40, 70, 120),
        "kain",
    ),
    (
        "Bulu mata palsu",
        7,
        (5000, 15000),
        "pasang",
        20,
        "Bulu mata palsu buatan tangan pengrajin rumahan, rambut asli, bisa dipakai ulang.",
        (30, 25, 25),
        "bulu",
    ),
    (
        "Rambut sambung (hair extension)",
        7,
        (150000, 450000),
        "helai",
        100,
        "Rambut asli olahan industri rambut Purbalingga, panjang 50 cm.",
        (60, 40, 30),
        "bulu",
    ),
    (
        "Wig rambut asli",
        7,
        (500000, 1500000),
        "buah",
        200,
        "Wig rambut asli, jahitan tangan, pesan sesuai ukuran.",
        (50, 35, 30),
        "bulu",
    ),
    (
        "Knalpot racing stainless",
        8,
        (350000, 900000),
        "buah",
        3500,
        "Knalpot buatan bengkel Pesayangan, stainless, suara halus, bisa pesan ukuran.",
        (170, 170, 180),
        "pipa",
    ),
    (
        "Knalpot motor standar",
        8,
        (150000, 300000),
        "buah",
        3000,
        "Knalpot pengganti standar pabrik, las rapi, garansi bocor 3 bulan.",
        (90, 90, 95),
        "pipa",
    ),
    (
        "Jasa las dan bubut",
        9,
        (50000, 250000),
        "pekerjaan",
        None,
        "Las besi, stainless dan bubut ringan. Harga mulai, tergantung pekerjaan.",
        (100, 110, 120),
        "pipa",
    ),
    (
        "Dawet ayu",
        0,
        (5000, 8000),
        "gelas",
        None,
        "Dawet ayu dengan gula kelapa cair, pesan untuk hajatan minimal 50 gelas.",
        (120, 190, 120),
        "bulat",
    ),
]

PELAPAK_SHOWCASE = [
    ("BUMDes Selakambang Makmur", Pelapak.Jenis.BUMDES),
    ("Gula Semut Mbok Darsih", Pelapak.Jenis.WARGA),
    ("Nopia Pak Karso", Pelapak.Jenis.UMKM),
    ("Kopi Lereng Slamet", Pelapak.Jenis.UMKM),
    ("Kolam Gurami Pak Tarno", Pelapak.Jenis.WARGA),
    ("Bulu Mata Bu Sri", Pelapak.Jenis.WARGA),
    ("Anyaman Bambu Sidamulya", Pelapak.Jenis.UMKM),
    ("Batik Tulis Lestari", Pelapak.Jenis.UMKM),
]
SHOWCASE_PRODUK = 56
DESA_LAIN = 80  # villages with a few products each
FOTO_SISI = 360


def seed(*, villages, showcase, rng, fake, stdout):
    if Pelapak.objects.filter(desa=showcase).exists():
        return []
    kabupaten = showcase.kecamatan.kabupaten
    kategori = _kategori(kabupaten)
    foto = [_renditions(nama, warna, bentuk) for nama, *_x, warna, bentuk in PRODUK]
    lain = rng.sample([d for d in villages if d != showcase], min(DESA_LAIN, len(villages) - 1))
    rencana = [(showcase, SHOWCASE_PRODUK, len(PELAPAK_SHOWCASE))] + [
        (d, rng.randint(2, 4), rng.randint(1, 2)) for d in lain
    ]
    pelapak = _pelapak(rencana, showcase, rng, fake)
    produk, gambar_per = _produk(rencana, pelapak, kategori, foto, rng)
    _foto(produk, gambar_per, foto)
    _statistik([p for p in produk if p.desa_id == showcase.pk], rng)
    stdout.write(f"Lapak: {len(produk)} produk dari {len(pelapak)} pelapak di {len(rencana)} desa.")
    if any(p.penduduk_id for p in pelapak):  # a line for the list of demo logins
        return [f"  warga pertama di atas juga pelapak: {origin(host_desa(showcase))}/mandiri/lapak/"]
    return []


def _kategori(kabupaten):
    Kategori.objects.bulk_create(
        [Kategori(kabupaten=kabupaten, nama=n, slug=slugify(n), urutan=i) for i, n in enumerate(KATEGORI_BAWAAN)],
        ignore_conflicts=True,
    )
    by_slug = {k.slug: k for k in Kategori.objects.filter(kabupaten=kabupaten)}
    return [by_slug[slugify(n)] for n in KATEGORI_BAWAAN]


def _nomor(rng):
    return f"628{rng.choice([12, 13, 21, 22, 52, 57, 77, 78, 95])}{rng.randint(10_000_000, 99_999_999)}"


def _pelapak(rencana, showcase, rng, fake):
    # Residents who sell manage their stall in Layanan Mandiri: the first is the demo resident
    # whose PIN the demo prints (balai.demo.mandiri), so the seller's pages open at once.
    warga = [{"pk": p.pk, "nama": p.nama} for p in _kepala_keluarga(showcase, 3)]
    rows = []
    for desa, _n, jumlah in rencana:
        for i in range(jumlah):
            if desa == showcase:
                nama, jenis = PELAPAK_SHOWCASE[i]
            else:
                jenis = rng.choice([Pelapak.Jenis.WARGA, Pelapak.Jenis.UMKM, Pelapak.Jenis.UMKM, Pelapak.Jenis.BUMDES])
                nama = (
                    f"BUMDes {desa.nama}" if jenis == Pelapak.Jenis.BUMDES else f"Lapak {fake.first_name()} {desa.nama}"
                )
            lokasi = f"RT {rng.randint(1, 6):02d} RW {rng.randint(1, 4):02d}"
            p = Pelapak(desa=desa, jenis=jenis, nama=nama, kontak=fake.name(), whatsapp=_nomor(rng),
                        status=Pelapak.Status.DISETUJUI, lokasi=lokasi)  # fmt: skip
            if desa == showcase and jenis == Pelapak.Jenis.WARGA and warga:
                orang = warga.pop(0)  # residents who sell: they manage their stall in Layanan Mandiri
                p.penduduk_id, p.kontak = orang["pk"], orang["nama"]
            rows.append(p)
    # One more of Selakambang's residents waits for the office's approval.
    rows.append(Pelapak(desa=showcase, jenis=Pelapak.Jenis.WARGA, nama="Keripik Tempe Bu Warsini",
                        kontak="Warsini", whatsapp=_nomor(rng), status=Pelapak.Status.MENUNGGU))  # fmt: skip
    return Pelapak.objects.bulk_create(rows)


def _produk(rencana, pelapak, kategori, foto, rng):
    per_desa = {}
    for p in pelapak:
        if p.status == Pelapak.Status.DISETUJUI:
            per_desa.setdefault(p.desa_id, []).append(p)
    now, rows, gambar_per = timezone.now(), [], []
    for desa, jumlah, _s in rencana:
        slugs = set()
        for i in range(jumlah):
            j = i % len(PRODUK) if jumlah > len(PRODUK) // 2 else rng.randrange(len(PRODUK))
            nama, k, (lo, hi), satuan, berat, deskripsi, _w, _b = PRODUK[j]
            nama = nama if i < len(PRODUK) else f"{nama} kemasan {['hemat', 'besar', 'oleh-oleh'][i % 3]}"
            slug = slugify(nama)
            if slug in slugs:
                continue
            slugs.add(slug)
            status = Produk.Status.TAYANG
            if desa == rencana[0][0] and i in (3, 11):
                status = Produk.Status.MENUNGGU  # the office has something to approve
            tayang = now - timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 23))
            rows.append(Produk(
                desa=desa, pelapak=rng.choice(per_desa[desa.pk]), kategori=kategori[k], nama=nama, slug=slug,
                harga=rng.randrange(lo, hi + 1, 500 if lo >= 5000 else 100), satuan=satuan, berat_gram=berat,
                deskripsi=f"{deskripsi}\nDari {desa.nama}, Kecamatan {desa.kecamatan.nama}.",
                ketersediaan=rng.choice(["tersedia"] * 6 + ["pesan", "habis"]), status=status,
                tayang_pada=tayang if status == Produk.Status.TAYANG else None,
            ))  # fmt: skip
            gambar_per.append(j)
    return Produk.objects.bulk_create(rows), gambar_per


def _renditions(nama, warna, bentuk):
    """A product's picture, drawn simply (the thing on a plain cloth, its name below), then
    checked and re-encoded by the media code like any upload."""
    s = FOTO_SISI
    img = Image.new("RGB", (s, s), (246, 241, 230))
    d = ImageDraw.Draw(img)
    d.rectangle([0, s * 0.72, s, s], fill=(222, 210, 190))
    gelap = tuple(max(0, c - 50) for c in warna)
    c, r = s // 2, s // 4
    if bentuk in ("bulat", "duri"):
        d.ellipse([c - r, c - r - 20, c + r, c + r - 20], fill=warna, outline=gelap, width=4)
        if bentuk == "duri":
            for x in range(c - r + 10, c + r, 18):
                d.line([(x, c - r), (x + 8, c + r - 40)], fill=gelap, width=3)
    elif bentuk == "butir":
        for i in range(40):
            x, y = c - r + (i * 37) % (2 * r), c - r + (i * 53) % (2 * r) - 10
            d.ellipse([x, y, x + 18, y + 14], fill=warna, outline=gelap)
    elif bentuk == "lembar":
        for i in range(6):
            d.ellipse([c - r + i * 14, c - 60 + i * 10, c + i * 14, c + i * 10], fill=warna, outline=gelap, width=2)
    elif bentuk == "ikan":
        d.ellipse([c - r - 20, c - 50, c + r - 20, c + 30], fill=warna, outline=gelap, width=3)
        d.polygon([(c + r - 30, c - 10), (c + r + 40, c - 50), (c + r + 40, c + 30)], fill=gelap)
    elif bentuk in ("kotak", "kain"):
        d.rectangle([c - r, c - r, c + r, c + r - 20], fill=warna, outline=gelap, width=4)
        for y in range(c - r + 12, c + r - 20, 16):
            d.line([(c - r, y), (c + r, y)], fill=gelap, width=2 if bentuk == "kotak" else 5)
    elif bentuk == "pipa":
        d.rounded_rectangle([c - r - 30, c - 35, c + r + 10, c + 15], radius=25, fill=warna, outline=gelap, width=4)
        d.rectangle([c + r + 10, c - 25, c + r + 40, c + 5], fill=gelap)
    else:  # sapu, bulu: strands
        for i in range(-12, 13):
            d.line([(c, c - r - 10), (c + i * 7, c + r)], fill=warna, width=3)
        d.rectangle([c - 6, c - r - 70, c + 6, c - r], fill=(150, 110, 60))
    d.text((14, s - 40), nama[:40], fill=(60, 50, 40))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return images.renditions(ContentFile(buf.getvalue(), name="produk.png"))


def _foto(produk, gambar_per, foto):
    """One picture per product: the renditions of its kind, stored under the village's folder."""
    gambar = []
    for p, j in zip(produk, gambar_per, strict=True):
        full, thumb = foto[j]
        g = Gambar(desa_id=p.desa_id, alt=p.nama, lebar=full.width, tinggi=full.height,
                   thumb_lebar=thumb.width, thumb_tinggi=thumb.height)  # fmt: skip
        for field, data, ext in (
            ("berkas", full.fallback, full.fallback_ext), ("berkas_webp", full.webp, "webp"),
            ("thumb", thumb.fallback, thumb.fallback_ext), ("thumb_webp", thumb.webp, "webp"),
        ):  # fmt: skip
            name = path_for(p.desa_id, "media", f"{uuid.uuid4().hex}.{ext}")
            setattr(g, field, default_storage.save(name, ContentFile(data)))
        gambar.append(g)
    gambar = Gambar.objects.bulk_create(gambar)
    FotoProduk.objects.bulk_create(
        FotoProduk(desa_id=p.desa_id, produk=p, gambar=g, urutan=0) for p, g in zip(produk, gambar, strict=True)
    )
    for p, g in zip(produk, gambar, strict=True):
        p.sampul = g
    Produk.objects.bulk_update(produk, ["sampul"])


def _statistik(produk, rng):
    hari_ini = timezone.localdate()
    rows = []
    for p in produk:
        if p.status != Produk.Status.TAYANG:
            continue
        minat = rng.uniform(0.5, 6)
        for i in range(30):
            dilihat = int(rng.expovariate(1 / minat))
            if dilihat:
                dipesan = sum(rng.random() < 0.12 for _ in range(dilihat))
                rows.append(StatistikProduk(desa_id=p.desa_id, produk=p, tanggal=hari_ini - timedelta(days=i),
                                            dilihat=dilihat, dipesan=dipesan))  # fmt: skip
    StatistikProduk.objects.bulk_create(rows)
