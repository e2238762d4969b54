"""Demo data for the PPID service: DIP entries for every village (a fuller list, with excluded
information, for the showcase), requests in every state (some due soon, a few overdue) and one
objection. Bulk inserts only; deadlines through the shared working-day calendar."""

import secrets
from datetime import timedelta

from django.utils import timezone

from balai.ppid import tenggat as tg
from balai.ppid.choices import AlasanKeberatan, Jawaban, StatusKeberatan, StatusPermohonan
from balai.ppid.models import InformasiPublik, Keberatan, Permohonan

DIP_UMUM = [
    # (kategori, judul, ringkasan, wajib, umur hari)
    ("berkala", "RPJM Desa 2025-2031", "Rencana pembangunan jangka menengah desa enam tahun.", "rpjmdes", 400),
    ("berkala", "RKP Desa tahun berjalan", "Rencana kerja pemerintah desa hasil musyawarah desa.", "rkpdes", 120),
    ("berkala", "Program dan kegiatan desa", "Kegiatan pembangunan dan pemberdayaan tahun ini.", "program", 60),
    ("setiap_saat", "Daftar inventaris dan aset desa", "Buku inventaris aset desa.", "", 200),
]
DIP_SHOWCASE = [
    ("berkala", "Laporan layanan informasi publik tahun lalu", "Rekap permohonan dan keberatan.", "laporan_layanan",
     300),
    ("berkala", "Tata cara pengaduan penyalahgunaan wewenang", "Saluran dan alur pengaduan warga.", "pengaduan", 500),
    ("berkala", "Pengumuman pengadaan barang dan jasa", "Rencana pengadaan swakelola dan penyedia.", "pengadaan", 30),
    ("berkala", "Prosedur peringatan dini dan evakuasi bencana longsor", "Jalur evakuasi dan titik kumpul.",
     "darurat", 700),
    ("serta_merta", "Peringatan dini cuaca ekstrem dan banjir", "Imbauan kewaspadaan musim hujan.", "", 5),
    ("setiap_saat", "Surat keputusan kepala desa tentang tim PPID desa", "Penetapan PPID dan atasan PPID.", "", 250),
    ("setiap_saat", "Notulen musyawarah desa", "Notulen dan daftar hadir musyawarah desa.", "", 90),
]  # fmt: skip
DIKECUALIKAN = [
    ("Data pribadi penerima bantuan sosial (NIK, KK, alamat)", "UU 14/2008 Pasal 17 huruf h",
     "Membuka NIK dan alamat penerima bantuan mengungkap rahasia pribadi dan membuka peluang penyalahgunaan "
     "identitas; kepentingan umum terlayani oleh daftar nama dan besaran bantuan yang diumumkan."),
    ("Dokumen penyelidikan sengketa tanah kas desa", "UU 14/2008 Pasal 17 huruf a",
     "Membuka berkas sebelum perkara selesai dapat menghambat proses penegakan hukum."),
]  # fmt: skip
PERMINTAAN = [
    ("Salinan APBDes tahun berjalan", "Bahan diskusi kelompok warga"),
    ("Daftar penerima BLT Dana Desa", "Memastikan penyaluran tepat sasaran"),
    ("Laporan realisasi pembangunan jalan desa", "Penelitian skripsi"),
    ("Rincian penggunaan dana BUM Desa", "Rapat anggota kelompok usaha"),
    ("Peraturan desa tentang pungutan pasar", "Pedagang pasar desa ingin mengetahui dasar pungutan"),
    ("Jadwal dan lokasi posyandu", "Informasi untuk ibu hamil di RT kami"),
]


def seed(*, villages, showcase, rng, fake, stdout):
    if InformasiPublik.objects.filter(desa=showcase).exists():
        return
    hari = timezone.localdate()
    InformasiPublik.objects.bulk_create(e for desa in villages for e in _dip(desa, desa == showcase, rng, hari))
    permohonan = [p for desa in villages for p in _permohonan(desa, desa == showcase, rng, fake, hari)]
    Permohonan.objects.bulk_create(permohonan)
    _keberatan(showcase, hari)
    stdout.write(f"PPID: daftar informasi untuk {len(villages)} desa, {len(permohonan)} permohonan, 1 keberatan.")


def _dip(desa, showcase, rng, hari):
    daftar = DIP_UMUM + (DIP_SHOWCASE if showcase else [])
    if not showcase:
        daftar = rng.sample(daftar, rng.randint(1, len(daftar)))
    items = [
        InformasiPublik(
            desa=desa, kategori=kategori, judul=judul, ringkasan=ringkasan, wajib=wajib,
            penguasa="Sekretaris Desa", penanggung_jawab="Kepala Desa", tempat=f"Kantor Desa {desa.nama}",
            tanggal=hari - timedelta(days=umur + rng.randint(0, 30)), jangka_simpan="5 tahun",
        )
        for kategori, judul, ringkasan, wajib, umur in daftar
    ]  # fmt: skip
    for judul, dasar, uji in DIKECUALIKAN if showcase else DIKECUALIKAN[:1]:
        items.append(InformasiPublik(
            desa=desa, kategori="dikecualikan", judul=judul, penguasa="Kaur Umum", penanggung_jawab="Kepala Desa",
            tanggal=hari - timedelta(days=100), bentuk="hardcopy", jangka_simpan="permanen",
            dasar_hukum=dasar, uji_konsekuensi=uji,
        ))  # fmt: skip
    return items


# (days ago it arrived, answer or None, extended) for the showcase: every state the queue shows
SHOWCASE_PERMOHONAN = [
    (1, None, False),  # just arrived
    (8, None, False),  # due soon
    (20, None, False),  # overdue
    (12, None, True),  # extended
    (30, Jawaban.SELURUHNYA, False),
    (40, Jawaban.SEBAGIAN, False),
    (45, Jawaban.DITOLAK, False),
    (50, Jawaban.BELUM_DIKUASAI, False),
    (55, Jawaban.TIDAK_DIDOKUMENTASIKAN, True),
]


def _permohonan(desa, showcase, rng, fake, hari):
    if showcase:
        rencana = SHOWCASE_PERMOHONAN
    else:
        rencana = [
            (rng.randint(0, 40), rng.choice([None, Jawaban.SELURUHNYA, Jawaban.SELURUHNYA]), False)
            for _ in range(rng.choice([0, 0, 1, 2, 3]))
        ]
    items = []
    for urut, (lalu, jawaban, panjang) in enumerate(sorted(rencana, key=lambda r: -r[0]), start=1):
        diterima = hari - timedelta(days=lalu)
        rincian, tujuan = rng.choice(PERMINTAAN)
        p = Permohonan(
            desa=desa, tahun=diterima.year, urut=urut, token=secrets.token_urlsafe(18),
            nama=fake.name(), nomor_identitas=f"3303{rng.randint(10**11, 10**12 - 1)}",
            alamat=f"RT {rng.randint(1, 9):02d} RW {rng.randint(1, 5):02d} {desa.nama}",
            telepon=f"08{rng.randint(10**9, 10**10 - 1)}", pekerjaan=rng.choice(["Petani", "Guru", "Pedagang"]),
            rincian=rincian, tujuan=tujuan, cara_memperoleh="softcopy", cara_salinan="email",
            email=f"pemohon{urut}@contoh.id", diterima=diterima, tenggat=tg.tenggat_jawab(diterima),
        )  # fmt: skip
        p.nomor = f"PPID/{desa.kode}/{p.tahun}/{urut:04d}"
        if panjang:
            p.diperpanjang = min(hari, p.tenggat)
            p.alasan_perpanjangan = "Dokumen sedang dihimpun dari arsip kecamatan."
            p.tenggat = tg.tenggat_diperpanjang(p.tenggat)
            p.status = StatusPermohonan.DIPERPANJANG
        if jawaban:
            _jawab(p, jawaban, min(hari, diterima + timedelta(days=rng.randint(3, 16))))
        items.append(p)
    return items


def _jawab(p, jawaban, tanggal):
    p.jawaban, p.jawaban_tanggal, p.status = jawaban, tanggal, StatusPermohonan.SELESAI
    p.uraian_jawaban = {
        Jawaban.SELURUHNYA: "Salinan dikirim lewat email.",
        Jawaban.SEBAGIAN: "Salinan dikirim; NIK dan alamat penerima dihitamkan.",
        Jawaban.DITOLAK: "Informasi termasuk data pribadi yang dikecualikan.",
        Jawaban.BELUM_DIKUASAI: "Informasi dikuasai Dinas PMD Kabupaten Purbalingga.",
        Jawaban.TIDAK_DIDOKUMENTASIKAN: "Notulen rapat tersebut tidak dibuat.",
    }[jawaban]
    if jawaban in (Jawaban.SEBAGIAN, Jawaban.DITOLAK):
        p.dasar_pengecualian = "UU 14/2008 Pasal 17 huruf h"
        p.uji_konsekuensi = "Membuka data pribadi penerima bantuan melanggar hak atas perlindungan data pribadi."
    if jawaban == Jawaban.BELUM_DIKUASAI:
        p.penguasa_lain = "Dinas PMD Kabupaten Purbalingga"


def _keberatan(showcase, hari):
    ditolak = Permohonan.objects.filter(desa=showcase, jawaban=Jawaban.DITOLAK).first()
    if ditolak is None:
        return
    diterima = min(hari, ditolak.jawaban_tanggal + timedelta(days=2))
    Keberatan.objects.create(
        desa=showcase, permohonan=ditolak, tahun=diterima.year, urut=1,
        nomor=f"KEB/{showcase.kode}/{diterima.year}/0001", alasan=AlasanKeberatan.PENGECUALIAN,
        uraian="Saya hanya meminta nama penerima dan besaran bantuan, bukan NIK.", diterima=diterima,
        tenggat=tg.tenggat_atasan(diterima), status=StatusKeberatan.DIPROSES,
    )  # fmt: skip
