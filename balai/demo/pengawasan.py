"""Demo data: the seven kecamatan that run Sipande, the kabupaten's guides, proposals from
villages with the kabupaten's answers, a broadcast, the pembinaan checklist ticked for a
believable share of villages, the alerts recorded a few days ago (so the alerts page says since
when), and the activity score of every village computed from what the other builders made (so
this builder runs last)."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.models import User
from balai.pengawasan import pembinaan, peringatan, services
from balai.pengawasan.models import ButirPembinaan, CapaianPembinaan, KecamatanSipande, Panduan, Siaran, Usulan
from balai.wilayah.models import Kecamatan

SIPANDE = ["Kaligondang", "Mrebet", "Rembang", "Karangmoncol", "Karanganyar", "Bojongsari", "Pengadegan"]

PANDUAN = [
    (
        "Menerbitkan kabar desa setiap hari",
        "operator",
        "Situs yang diperbarui setiap hari dibaca warga dan dinilai aktif oleh kabupaten.",
        "<h3>Apa yang ditulis</h3><ul><li>Kegiatan hari ini: posyandu, kerja bakti, musyawarah.</li>"
        "<li>Pembangunan di dusun: jalan, saluran, talud, dengan foto sebelum dan sesudah.</li>"
        "<li>Pengumuman layanan: jadwal, syarat, perubahan jam kantor.</li></ul>"
        "<h3>Langkahnya</h3><ol><li>Buka <strong>Situs → Artikel → Tambah</strong>.</li>"
        "<li>Tulis judul yang menyebut apa dan di mana, misalnya “Kerja bakti saluran Dusun Krajan”.</li>"
        "<li>Unggah satu sampai tiga foto dari ponsel, isi keterangan fotonya.</li>"
        "<li>Klik <strong>Terbitkan</strong>, atau jadwalkan bila ingin terbit besok pagi.</li></ol>"
        "<p>Satu kabar pendek setiap hari lebih baik daripada satu kabar panjang sebulan sekali.</p>",
    ),
    (
        "Melayani permohonan informasi publik",
        "ppid",
        "Permohonan dijawab paling lambat 10 hari kerja; dapat diperpanjang sekali 7 hari kerja.",
        "<ol><li>Setiap permohonan yang masuk mendapat nomor registrasi; catat tanggal diterimanya.</li>"
        "<li>Periksa Daftar Informasi Publik: bila informasinya sudah terbuka, berikan tautannya.</li>"
        "<li>Bila informasinya dikecualikan, sebutkan pasal pengecualian dan hasil uji konsekuensi.</li>"
        "<li>Kirim Surat Pemberitahuan Tertulis sebelum tenggat; dasbor menandai yang hampir lewat.</li></ol>"
        "<p>Pemohon boleh mengajukan keberatan kepada kepala desa dalam 30 hari kerja.</p>",
    ),
    (
        "Menerbitkan surat untuk warga",
        "operator",
        "Dari permohonan sampai surat bertanda tangan elektronik yang dapat diperiksa keasliannya.",
        "<ol><li>Buka permohonan dari antrean, cocokkan data pemohon dengan data penduduk.</li>"
        "<li>Periksa lampiran yang diminta jenis surat; tolak dengan alasan bila belum lengkap.</li>"
        "<li>Verifikasi; surat diteruskan ke kepala desa atau sekdes untuk ditandatangani.</li>"
        "<li>Setelah ditandatangani, warga dapat mengunduh surat lewat Layanan Mandiri.</li></ol>"
        "<p>Surat yang sudah ditandatangani tidak dapat diubah; perbaikan dibuat sebagai surat baru.</p>",
    ),
    (
        "Menjaga data penduduk tetap mutakhir",
        "operator",
        "Catat kelahiran, kematian, pindah dan datang pada minggu yang sama.",
        "<ul><li>Kelahiran: <strong>Penduduk → Peristiwa → Lahir</strong>, pilih KK dan orang tuanya.</li>"
        "<li>Kematian: catat tanggal, sebab dan pelapor.</li>"
        "<li>Pindah antar desa di kabupaten: cukup NIK; desa asal mengonfirmasi.</li></ul>"
        "<p>Jangan pernah membagikan NIK atau KK di grup percakapan.</p>",
    ),
    (
        "Menandatangani surat dan menjawab keberatan",
        "kepala_desa",
        "Tugas kepala desa dan sekdes di kantor belakang.",
        "<ol><li>Buka <strong>Layanan → Surat</strong>: surat yang menunggu tanda tangan Anda ada di atas.</li>"
        "<li>Baca pratinjaunya, lalu tandatangani; nomor dan tanda tangan elektronik dibubuhkan otomatis.</li>"
        "<li>Sebagai atasan PPID, jawab keberatan dalam 30 hari kerja.</li></ol>",
    ),
    (
        "Memantau desa di kecamatan",
        "kecamatan",
        "Dasbor kecamatan, status Sipande dan cara mengingatkan desa.",
        "<ul><li><strong>Status Sipande</strong> menampilkan desa yang belum aktif dan bagian yang perlu dibenahi.</li>"
        "<li>Kirim <strong>Siaran</strong> untuk mengundang operator ke pendampingan.</li>"
        "<li>Tanda tangan camat untuk surat keterangan ahli waris ada di antrean surat kecamatan.</li></ul>",
    ),
]

# Share of villages that have done each default checklist item (in BUTIR_AWAL's order): most
# operators went to a bimtek, fewer villages have introduced Layanan Mandiri or set up 2FA.
# Villages of a Sipande kecamatan are further along (their kecamatan accompanies them).
PELUANG_BUTIR = [0.85, 0.6, 0.7, 0.55, 0.3, 0.4]
TAMBAHAN_SIPANDE = 0.15


def _centang_pembinaan(*, kabupaten, villages, showcase, rng):
    pembinaan.pastikan_butir_awal(kabupaten=kabupaten)
    butir = list(ButirPembinaan.objects.filter(kabupaten=kabupaten, aktif=True))
    operator = {u.kecamatan_id: u for u in User.objects.filter(username__startswith="op.", kecamatan__isnull=False)}
    admin = User.objects.filter(username="admin.kabupaten").first()
    hari_ini = timezone.localdate()
    baris = []
    for desa in villages:
        tambahan = TAMBAHAN_SIPANDE if desa.kecamatan.nama in SIPANDE else 0
        for b, peluang in zip(butir, PELUANG_BUTIR, strict=False):
            if desa == showcase:
                selesai = b.judul != butir[-1].judul  # the showcase still has its 2FA to do
            else:
                selesai = rng.random() < peluang + tambahan
            if selesai:
                baris.append(
                    CapaianPembinaan(
                        desa=desa,
                        butir=b,
                        selesai_pada=hari_ini - timedelta(days=rng.randint(3, 200)),
                        dicatat_oleh=operator.get(desa.kecamatan_id, admin),
                    )
                )
    with scopes_disabled():
        CapaianPembinaan.objects.bulk_create(baris, ignore_conflicts=True)
    return len(baris)


USULAN = [
    ("Surat keterangan dengan tanda tangan camat lewat aplikasi", "Agar warga tidak bolak-balik ke kecamatan."),
    ("Presensi perangkat desa dengan kode QR", "Pengganti buku hadir yang sering terlambat diisi."),
    ("Pengingat pajak bumi dan bangunan untuk warga", "Pemberitahuan jatuh tempo PBB per dusun."),
    ("Data stunting per posyandu", "Kader posyandu mencatat pengukuran balita setiap bulan."),
]


def seed(*, villages, showcase, rng, fake, stdout):
    kabupaten = showcase.kecamatan.kabupaten
    admin = User.objects.filter(username="admin.kabupaten").first()
    for kecamatan in Kecamatan.objects.filter(kabupaten=kabupaten, nama__in=SIPANDE):
        KecamatanSipande.objects.get_or_create(kecamatan=kecamatan)
    if not Panduan.objects.filter(kabupaten=kabupaten).exists():
        for urutan, (judul, untuk, ringkasan, isi) in enumerate(PANDUAN, 1):
            services.simpan_panduan(
                panduan=Panduan(
                    kabupaten=kabupaten, judul=judul, untuk=untuk, ringkasan=ringkasan, isi=isi, urutan=urutan
                ),
                actor=admin,
            )
    if not Usulan.objects.filter(kabupaten=kabupaten).exists():
        pengusul = [showcase, *rng.sample(villages, len(USULAN) - 1)]
        for desa, (judul, uraian) in zip(pengusul, USULAN, strict=True):
            usulan, _ = services.ajukan_usulan(desa=desa, judul=judul, uraian=uraian, actor=None)
            for pendukung in rng.sample(villages, rng.randint(2, 25)):
                services.dukung_usulan(usulan=usulan, desa=pendukung, actor=None, catat=False)
        jawaban = Usulan.objects.get(kabupaten=kabupaten, judul__startswith="Presensi")
        services.jawab_usulan(
            usulan=jawaban, status=Usulan.Status.SELESAI, jawaban="Sudah tersedia: menu Kehadiran.", actor=admin
        )
    Siaran.objects.get_or_create(
        kabupaten=kabupaten,
        judul="Pendampingan operator SID",
        defaults={
            "isi": "Dinas Kominfo membuka pendampingan operator setiap Kamis pukul 09.00 di ruang rapat Dinas.",
            "berlaku_sampai": timezone.localdate() + timedelta(days=30),
            "dibuat_oleh": admin,
        },
    )
    centang = _centang_pembinaan(kabupaten=kabupaten, villages=villages, showcase=showcase, rng=rng)
    terbuka, _ = peringatan.catat_peringatan(kabupaten=kabupaten, sekarang=timezone.now() - timedelta(days=3))
    n = services.hitung_skor(kabupaten=kabupaten)
    stdout.write(
        f"Skor aktivitas {n} desa dihitung; {len(SIPANDE)} kecamatan memakai Sipande; "
        f"{centang} butir pembinaan ditandai selesai; {terbuka} peringatan tercatat."
    )
