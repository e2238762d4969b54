"""Demo letters: the showcase village's office in full swing (requests waiting, letters to sign,
issued, taken, rejected, cancelled, one corrected, message threads), a few letters in the other
villages of its kecamatan, and Surat Keterangan Ahli Waris waiting in Kaligondang's camat queue.
The same villages get their Buku Agenda Surat Masuk: mail from the kecamatan, the kabupaten's
offices and local groups, the older handed to an official (disposisi) and closed, the newest
still waiting.

Bulk writes only. Signed letters get their number, frozen values and body as if signed, but no
PDF: it is rendered and signed on first download (balai.surat.services.pastikan_pdf), which keeps
seeding to a second or two. The numbering counters continue from the seeded numbers."""

import datetime

from django.utils import timezone

from balai.penduduk.kode import HIDUP
from balai.penduduk.models import Penduduk
from balai.surat import isi, nomor
from balai.surat.katalog import JENIS
from balai.surat.models import PenghitungNomor, PesanSurat, Surat, SuratMasuk
from balai.website.models import Perangkat

S = Surat.Status
ISIAN = {
    "domisili": {"keperluan": "Persyaratan melamar pekerjaan", "lama_tinggal": "sejak 2012"},
    "usaha": {"nama_usaha": "Warung Sembako Berkah", "jenis_usaha": "Perdagangan eceran",
              "alamat_usaha": "Depan balai dusun", "mulai_usaha": "2019-06-01", "keperluan": "Pengajuan KUR"},
    "sktm": {"penghasilan": "900000", "jumlah_tanggungan": "4", "keperluan": "Keringanan biaya rumah sakit"},
    "skck": {"keperluan": "Melamar kerja di pabrik bulu mata"},
    "belum_menikah": {"keperluan": "Persyaratan pendaftaran TNI"},
    "penghasilan_ortu": {"nama_anak": "Rina Astuti", "sekolah_anak": "SMA Negeri 1 Kaligondang",
                         "penghasilan": "1750000", "keperluan": "Beasiswa PIP"},
    "kehilangan": {"barang_hilang": "KTP-el dan kartu ATM", "tempat_kehilangan": "Pasar Kaligondang",
                   "tanggal_kehilangan": "2026-11-20", "kronologi": "Dompet terjatuh saat berbelanja."},
    "izin_keramaian": {"nama_acara": "Hajatan pernikahan", "tanggal_acara": "2026-12-20",
                       "waktu_acara": "08.00–22.00 WIB", "tempat_acara": "Rumah pemohon", "hiburan": "Organ tunggal",
                       "jumlah_undangan": "400"},
    "ahli_waris": {"nama_pewaris": "Almarhum Kartareja", "tanggal_wafat_pewaris": "2026-08-14",
                   "daftar_ahli_waris": "1. Sutinah (istri)\n2. Warsono (anak)\n3. Warsini (anak)",
                   "keperluan": "Balik nama sertifikat tanah"},
    "umum": {"perihal": "Keterangan tidak memiliki rumah", "uraian": "Yang bersangkutan menumpang di rumah orang tua.",
             "keperluan": "Pendaftaran rumah subsidi"},
}  # fmt: skip
# (type, status) of the showcase's letters, oldest first.
SHOWCASE = (
    [("domisili", S.SELESAI), ("skck", S.SELESAI), ("sktm", S.SELESAI), ("usaha", S.SELESAI)] * 4
    + [("belum_menikah", S.DITANDATANGANI), ("kehilangan", S.DITANDATANGANI), ("penghasilan_ortu", S.DITANDATANGANI)]
    + [("domisili", S.BATAL), ("umum", S.DITOLAK), ("skck", S.DITOLAK), ("ahli_waris", S.MENUNGGU_CAMAT)]
    + [("sktm", S.DIVERIFIKASI), ("izin_keramaian", S.DIVERIFIKASI), ("usaha", S.DIVERIFIKASI)]
    + [("domisili", S.PERMOHONAN), ("skck", S.PERMOHONAN), ("kehilangan", S.PERMOHONAN), ("sktm", S.PERMOHONAN)]
)
OTHERS = [("domisili", S.SELESAI), ("skck", S.DITANDATANGANI), ("sktm", S.PERMOHONAN), ("ahli_waris", S.MENUNGGU_CAMAT)]
TERTANDA = {S.SELESAI, S.DITANDATANGANI, S.BATAL, S.MENUNGGU_CAMAT, S.DIGANTI}


def seed(*, villages, showcase, rng, fake, stdout):
    if Surat.objects.filter(desa=showcase).exists():
        return
    tetangga = [d for d in villages if d.kecamatan_id == showcase.kecamatan_id and d != showcase][:3]
    _surat_masuk([showcase] + tetangga, showcase, rng, stdout)
    now = timezone.now()
    letters = []
    for desa, plan in [(showcase, SHOWCASE)] + [(d, OTHERS) for d in tetangga]:
        letters += _letters(desa, plan, rng, now)
    # bulk_create stamps auto_now_add with now, on the objects too: put the planned times back.
    diajukan = [s.diajukan for s in letters]
    Surat.objects.bulk_create(letters)
    for surat, waktu in zip(letters, diajukan, strict=True):
        surat.diajukan = waktu
    Surat.objects.bulk_update(letters, ["diajukan"])
    _correction(showcase, letters, now)
    _threads(showcase, letters, rng)
    stdout.write(f"Surat: {len(letters)} surat di {len(tetangga) + 1} desa (PDF dibuat saat pertama diunduh).")


def _letters(desa, plan, rng, now):
    residents = list(
        Penduduk.objects.filter(desa=desa, status_dasar=HIDUP, nik__gt="")
        .select_related("rt", "rw", "dusun", "keluarga")
        .order_by("pk")[:400]
    )
    perangkat = list(Perangkat.objects.filter(desa=desa).order_by("urutan"))
    if not residents or not perangkat:
        return []
    kepala = perangkat[0]
    sekdes = next((p for p in perangkat if p.jabatan == "Sekretaris Desa"), kepala)
    pengaturan = nomor.pengaturan(desa)
    counter, items = 0, []
    for i, (jenis, status) in enumerate(plan):
        spec = JENIS[jenis]
        diajukan = now - datetime.timedelta(days=(len(plan) - i) * 1.7, hours=rng.randint(0, 6))
        penduduk = rng.choice(residents)
        surat = Surat(
            desa=desa, jenis=jenis, klasifikasi=spec.klasifikasi, penduduk=penduduk, isian=ISIAN[jenis],
            kanal=rng.choice([Surat.Kanal.KANTOR, Surat.Kanal.KANTOR, Surat.Kanal.MANDIRI]),
            telepon=f"08{rng.randint(1100000000, 1399999999)}" if rng.random() < 0.7 else "",
            status=status, perlu_camat=spec.perlu_camat, diajukan=diajukan,
        )  # fmt: skip
        if status != S.PERMOHONAN and status != S.DITOLAK:
            sendiri = rng.random() < 0.75
            surat.penanda_tangan = kepala if sendiri else sekdes
            surat.atas_nama = "" if sendiri or sekdes == kepala else "a.n."
            surat.diverifikasi_pada = diajukan + datetime.timedelta(hours=2)
        if status in TERTANDA:
            counter += 1
            signed = diajukan + datetime.timedelta(hours=rng.randint(3, 30))
            surat.tanggal_surat = timezone.localtime(signed).date()
            surat.ditandatangani_pada = signed
            surat.nomor = counter
            surat.nomor_lengkap = nomor.susun(
                pengaturan.format_nomor, kode=spec.klasifikasi, nomor=counter, desa=desa, tanggal=surat.tanggal_surat
            )
            if spec.berlaku_hari:
                surat.berlaku_sampai = surat.tanggal_surat + datetime.timedelta(days=spec.berlaku_hari)
            surat.data = isi.data_beku(surat)
            surat.isi_final = isi.isi_html(surat)
        if status == S.SELESAI:
            surat.selesai_pada = surat.ditandatangani_pada + datetime.timedelta(days=1)
        if status == S.DITOLAK:
            surat.alasan_tolak = "Foto KTP yang dilampirkan tidak terbaca; mohon unggah ulang."
            surat.ditolak_pada = diajukan + datetime.timedelta(hours=5)
        if status == S.BATAL:
            surat.alasan_batal = "Salah tulis tanggal lahir; diganti surat baru."
            surat.dibatalkan_pada = surat.ditandatangani_pada + datetime.timedelta(hours=4)
        items.append(surat)
    if counter:
        tahun = timezone.localdate().year
        PenghitungNomor.objects.bulk_create([PenghitungNomor(desa=desa, tahun=tahun, kunci="*", terakhir=counter)])
    return items


def _correction(desa, letters, now):
    """One issued letter of the showcase corrected: the old one diganti, the new one issued."""
    lama = next(s for s in letters if s.desa_id == desa.pk and s.status == S.DITANDATANGANI)
    row = PenghitungNomor.objects.get(desa=desa, kunci="*", tahun=timezone.localdate().year)
    row.terakhir += 1
    row.save(update_fields=["terakhir"])
    baru = Surat(
        desa=desa, jenis=lama.jenis, klasifikasi=lama.klasifikasi, penduduk=lama.penduduk,
        isian=dict(lama.isian, keperluan=lama.isian.get("keperluan", "") + " (perbaikan)"),
        kanal=Surat.Kanal.KANTOR, status=S.DITANDATANGANI, menggantikan=lama, penanda_tangan=lama.penanda_tangan,
        diverifikasi_pada=now, ditandatangani_pada=now, tanggal_surat=timezone.localdate(), nomor=row.terakhir,
    )  # fmt: skip
    baru.nomor_lengkap = nomor.susun(
        nomor.pengaturan(desa).format_nomor,
        kode=baru.klasifikasi,
        nomor=baru.nomor,
        desa=desa,
        tanggal=baru.tanggal_surat,
    )
    baru.data = isi.data_beku(baru)
    baru.isi_final = isi.isi_html(baru)
    baru.save()
    # The correction was asked for an hour before it was signed (auto_now_add stamped the save).
    Surat.objects.filter(pk=baru.pk).update(diajukan=now - datetime.timedelta(hours=1))
    Surat.objects.filter(pk=lama.pk).update(status=S.DIGANTI)


def _threads(desa, letters, rng):
    waiting = [s for s in letters if s.desa_id == desa.pk and s.status in (S.PERMOHONAN, S.DITOLAK)][:3]
    pesan = []
    for s in waiting:
        pesan += [
            PesanSurat(desa=desa, surat=s, dari_warga=True, pengirim=s.penduduk.nama,
                       teks="Selamat pagi, kira-kira kapan surat saya bisa diambil?"),
            PesanSurat(desa=desa, surat=s, dari_warga=False, pengirim="Kantor desa",
                       teks="Sedang kami periksa. Mohon bawa KTP asli saat mengambil."),
        ]  # fmt: skip
    PesanSurat.objects.bulk_create(pesan)


# --- Buku Agenda Surat Masuk -------------------------------------------------------------------

# (sender, its code for the letter number, subject, official it goes to, instruction, what was done)
MASUK = [
    ("Camat {kecamatan}", "005/{n}/Kec/{tahun}", "Undangan rapat koordinasi penyusunan RKP Desa tahun {depan}",
     "Kaur Perencanaan", "Mohon hadir, bawa draf RKP Desa dan daftar usulan musdus.",
     "Kaur Perencanaan hadir; notulen rapat diarsipkan bersama draf RKP Desa."),
    ("Dinas Pemberdayaan Masyarakat dan Desa {kabupaten}", "412/{n}/Dinpermasdes/{tahun}",
     "Penyampaian pagu indikatif Dana Desa dan ADD tahun anggaran {depan}", "Kaur Keuangan",
     "Pelajari dan sesuaikan rancangan APBDes {depan}.", "Pagu dimasukkan ke rancangan APBDes {depan}."),
    ("Puskesmas {kecamatan}", "440/{n}/PKM/{tahun}", "Jadwal posyandu balita dan pemberian vitamin A",
     "Kasi Kesejahteraan", "Umumkan ke kader posyandu setiap dusun.",
     "Jadwal dibagikan ke kader dan diumumkan di situs desa."),
    ("Kepolisian Sektor {kecamatan}", "B/{n}/{tahun}/Sek", "Dukungan pengamanan perayaan Natal dan Tahun Baru",
     "Kasi Pemerintahan", "Koordinasikan jadwal ronda dengan Linmas dan ketua RT.",
     "Jadwal ronda Linmas dikirim ke Polsek."),
    ("BPBD {kabupaten}", "360/{n}/BPBD/{tahun}",
     "Peningkatan kesiapsiagaan menghadapi banjir dan tanah longsor pada musim hujan", "Kasi Pemerintahan",
     "Data titik rawan longsor per dusun, laporkan paling lambat akhir bulan.",
     "Daftar 4 titik rawan dikirim ke BPBD."),
    ("Dinas Sosial {kabupaten}", "460/{n}/Dinsos/{tahun}",
     "Verifikasi dan validasi Data Terpadu Kesejahteraan Sosial (DTKS)", "Kasi Kesejahteraan",
     "Siapkan operator dan jadwal musyawarah desa untuk DTKS.", "Musdes DTKS dilaksanakan; berita acara dikirim."),
    ("Karang Taruna Desa {desa}", "07/KT/{tahun}", "Permohonan izin pemakaian balai desa untuk turnamen bola voli",
     "Sekretaris Desa", "Cek jadwal balai desa; izinkan bila tidak bentrok.", "Izin diberikan untuk akhir pekan."),
    ("Kantor Urusan Agama Kecamatan {kecamatan}", "B-{n}/Kua.11.03/PW.01/{tahun}",
     "Jadwal bimbingan perkawinan calon pengantin", "Kasi Pelayanan",
     "Sampaikan ke calon pengantin yang mengurus surat pengantar nikah.", ""),
    ("PT PLN (Persero) ULP Purbalingga", "{n}/DIS.01.03/ULP-PBG/{tahun}",
     "Pemberitahuan pemeliharaan jaringan dan pemadaman listrik terencana", "Sekretaris Desa",
     "Umumkan di situs desa dan grup RT.", ""),
    ("Badan Pusat Statistik {kabupaten}", "B-{n}/33030/VS.200/{tahun}",
     "Dukungan pendataan Survei Sosial Ekonomi Nasional", "Kasi Pemerintahan",
     "Dampingi petugas BPS; siapkan peta dusun.", ""),
    ("Inspektorat {kabupaten}", "700/{n}/Insp/{tahun}", "Jadwal pemeriksaan reguler pengelolaan keuangan desa",
     "Kaur Keuangan", "Siapkan buku kas umum, SPJ dan dokumen APBDes.", ""),
    ("Dinas Pertanian {kabupaten}", "521/{n}/Dinpertan/{tahun}", "Alokasi pupuk bersubsidi dan pemutakhiran e-RDKK",
     "", "", ""),
    ("Kelompok Tani Sidomakmur", "03/KT-SM/{tahun}", "Permohonan rekomendasi bantuan alat dan mesin pertanian",
     "", "", ""),
    ("SD Negeri 1 {desa}", "421.2/{n}/SD/{tahun}", "Undangan peringatan Hari Guru Nasional", "", "", ""),
]  # fmt: skip


def _surat_masuk(villages, showcase, rng, stdout):
    """Fourteen letters for the showcase over the last ten weeks and five for each neighbour,
    numbered in order of arrival as the register would (agenda numbers per year), the counter set
    to the last number so the next one recorded follows on."""
    if SuratMasuk.objects.filter(desa=showcase).exists():
        return
    hari_ini = timezone.localdate()
    items, counters = [], []
    for desa in villages:
        rencana = MASUK if desa == showcase else rng.sample(MASUK, 5)
        perangkat = {p.jabatan: p for p in Perangkat.objects.filter(desa=desa).order_by("-urutan")}
        sekdes = perangkat.get("Sekretaris Desa") or next(iter(perangkat.values()), None)
        ctx = {
            "desa": desa.nama,
            "kecamatan": desa.kecamatan.nama,
            "kabupaten": desa.kecamatan.kabupaten.nama,
            "depan": hari_ini.year + 1,
        }
        terima = sorted(hari_ini - datetime.timedelta(days=rng.randint(0, 70)) for _ in rencana)
        nomor_tahun, baru = {}, len(rencana) - (3 if desa == showcase else 1)
        for i, ((pengirim, nomor_surat, perihal, jabatan, isi_disposisi, tindak), tanggal) in enumerate(
            zip(rencana, terima, strict=True)
        ):
            tanggal_surat = tanggal - datetime.timedelta(days=rng.randint(1, 5))
            nomor_tahun[tanggal.year] = nomor_tahun.get(tanggal.year, 0) + 1
            item = SuratMasuk(
                desa=desa, tahun=tanggal.year, nomor_agenda=nomor_tahun[tanggal.year], tanggal_terima=tanggal,
                tanggal_surat=tanggal_surat, pengirim=pengirim.format(**ctx), perihal=perihal.format(**ctx),
                nomor_surat=nomor_surat.format(n=rng.randint(100, 1400), tahun=tanggal_surat.year),
                dicatat_oleh=sekdes.pengguna if sekdes else None,
            )  # fmt: skip
            kepada = perangkat.get(jabatan) or sekdes
            if i < baru and isi_disposisi and kepada is not None:
                item.disposisi_kepada, item.isi_disposisi = kepada, isi_disposisi.format(**ctx)
                item.status = SuratMasuk.Status.DIDISPOSISI
                if tindak and i < baru - 3:
                    item.tindak_lanjut, item.status = tindak.format(**ctx), SuratMasuk.Status.SELESAI
            items.append(item)
        counters += [
            PenghitungNomor(desa=desa, tahun=tahun, kunci=nomor.SURAT_MASUK, terakhir=n)
            for tahun, n in nomor_tahun.items()
        ]
    SuratMasuk.objects.bulk_create(items)
    PenghitungNomor.objects.bulk_create(counters)
    stdout.write(f"Surat masuk: {len(items)} surat di {len(villages)} desa, dengan disposisi.")
