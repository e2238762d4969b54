"""Demo content for every village: news composed from templates about village life (musyawarah,
posyandu, kerja bakti, BLT, roads...), static pages, the village government and menus.
Everything is inserted in bulk; villages that already have site settings are skipped."""

from datetime import timedelta

from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.text import slugify

from balai.core import tasks
from balai.demo.nama import nama_orang
from balai.website.models import (
    Artikel,
    ArtikelRevisi,
    ArtikelTag,
    Halaman,
    Kategori,
    Komentar,
    MenuSitus,
    PengaturanSitus,
    Perangkat,
    Tag,
)
from balai.website.tasks import terbitkan_artikel_terjadwal

KATEGORI = ["Pemerintahan", "Kesehatan", "Pembangunan", "Kemasyarakatan", "Ekonomi"]
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]  # fmt: skip
WARNA = ["#0f766e", "#1d4ed8", "#b45309", "#15803d", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f"]

# (kategori, tags, title, paragraphs). Placeholders: desa, dusun, rw, rt, n, bulan, jumlah, kades.
TOPIK = [
    (
        "Pemerintahan",
        ["musdes", "rkpdes"],
        "Musyawarah Desa {desa} Bahas Rencana Kerja Pemerintah Desa {tahun}",
        [
            "Pemerintah Desa {desa} menggelar musyawarah desa (musdes) di balai desa untuk membahas Rencana Kerja "
            "Pemerintah Desa (RKPDes) tahun {tahun}. Musyawarah dihadiri Badan Permusyawaratan Desa, ketua RW dan RT, "
            "tokoh masyarakat, kader PKK serta perwakilan pemuda.",
            'Dalam sambutannya, {kades} mengajak warga menyampaikan usulan yang benar-benar dibutuhkan. "Dana desa '
            'terbatas, jadi kita dahulukan yang paling mendesak dan paling banyak manfaatnya," ujarnya.',
            "Usulan terbanyak datang dari Dusun {dusun}, antara lain perbaikan drainase, penerangan jalan dan "
            "pelatihan usaha bagi ibu rumah tangga. Seluruh usulan dicatat dan akan ditetapkan dalam musdes penetapan.",
        ],
    ),
    (
        "Kesehatan",
        ["posyandu", "balita"],
        "Posyandu Balita Dusun {dusun}: {n} Anak Ditimbang Bulan {bulan}",
        [
            "Kegiatan Posyandu balita di Dusun {dusun} Desa {desa} berlangsung lancar. Sebanyak {n} balita ditimbang, "
            "diukur tinggi badan dan lingkar kepalanya oleh kader bersama bidan desa.",
            "Selain penimbangan, kader membagikan makanan tambahan berupa bubur kacang hijau dan telur rebus. Ibu-ibu "
            "juga mendapat penyuluhan tentang gizi seimbang dan pentingnya imunisasi lengkap.",
            "Pemerintah desa mengimbau orang tua rutin membawa anaknya ke posyandu setiap bulan agar tumbuh kembang "
            "anak terpantau dan tanda stunting dapat dikenali sejak dini.",
        ],
    ),
    (
        "Kemasyarakatan",
        ["kerja bakti", "gotong royong"],
        "Warga RW {rw} Kerja Bakti Bersihkan Saluran Irigasi",
        [
            "Puluhan warga RW {rw} Desa {desa} bergotong royong membersihkan saluran irigasi yang tersumbat sampah dan "
            "lumpur. Kerja bakti dimulai pukul 07.00 WIB dan selesai menjelang siang.",
            "Ketua RW {rw} menyampaikan terima kasih kepada warga yang hadir. Menurutnya, saluran yang bersih penting "
            "menjelang musim tanam agar air sampai ke sawah di ujung dusun.",
            "Kegiatan serupa direncanakan rutin setiap Minggu pagi pertama di tiap bulan, bergantian antar-RT.",
        ],
    ),
    (
        "Pemerintahan",
        ["blt", "dana desa"],
        "Penyaluran BLT Dana Desa Tahap {n} kepada {jumlah} Keluarga Penerima",
        [
            "Pemerintah Desa {desa} menyalurkan Bantuan Langsung Tunai (BLT) Dana Desa tahap {n} kepada {jumlah} "
            "keluarga penerima manfaat. Penyaluran dilakukan di balai desa dengan pendampingan pendamping desa.",
            "Setiap keluarga menerima Rp300.000 per bulan. Penerima ditetapkan melalui musyawarah desa khusus dengan "
            "mengutamakan keluarga miskin yang belum menerima bantuan lain.",
            "Warga yang memiliki pertanyaan atau keberatan terkait data penerima dapat menyampaikannya ke kantor desa "
            "pada jam kerja.",
        ],
    ),
    (
        "Pembangunan",
        ["infrastruktur", "jalan"],
        "Pembangunan Jalan Rabat Beton Dusun {dusun} Sepanjang {jumlah} Meter",
        [
            "Pekerjaan rabat beton jalan lingkungan di Dusun {dusun} Desa {desa} mulai dikerjakan. Jalan sepanjang "
            "{jumlah} meter dengan lebar tiga meter itu dibiayai Dana Desa tahun {tahun}.",
            "Pekerjaan dilaksanakan secara swakelola oleh Tim Pelaksana Kegiatan dengan melibatkan tenaga kerja dari "
            "warga setempat, sehingga sebagian anggaran kembali ke masyarakat sebagai upah.",
            "Warga menyambut baik pembangunan ini karena jalan tersebut menjadi akses utama pengangkutan hasil panen "
            "dan jalur anak-anak berangkat sekolah.",
        ],
    ),
    (
        "Kesehatan",
        ["posyandu lansia"],
        "Posyandu Lansia Desa {desa} Periksa Tekanan Darah {n} Warga",
        [
            "Sebanyak {n} warga lanjut usia mengikuti Posyandu Lansia Desa {desa}. Petugas puskesmas memeriksa "
            "tekanan darah, gula darah dan asam urat secara gratis.",
            "Sebelum pemeriksaan, para lansia mengikuti senam bersama yang dipandu kader kesehatan.",
            "Warga lansia yang hasil pemeriksaannya perlu tindak lanjut dirujuk ke puskesmas kecamatan.",
        ],
    ),
    (
        "Ekonomi",
        ["umkm", "bumdes"],
        "BUMDes {desa} Latih {n} Pelaku UMKM Pemasaran Daring",
        [
            "Badan Usaha Milik Desa (BUMDes) {desa} mengadakan pelatihan pemasaran daring bagi {n} pelaku usaha mikro. "
            "Peserta belajar memotret produk, menulis deskripsi dan berjualan lewat lapak desa.",
            "Produk yang dipasarkan antara lain gula kelapa, keripik singkong, batik dan kerajinan bambu.",
            "BUMDes berencana mengadakan pendampingan lanjutan setiap bulan di balai desa.",
        ],
    ),
    (
        "Kemasyarakatan",
        ["pkk"],
        "Lomba Kebersihan Antar-RT Meriahkan Bulan {bulan}",
        [
            "Tim Penggerak PKK Desa {desa} menggelar lomba kebersihan lingkungan antar-RT. Penilaian meliputi "
            "kebersihan jalan, pengelolaan sampah, tanaman obat keluarga dan kerapian pekarangan.",
            "Juara pertama diraih RT {rt} RW {rw} yang memanfaatkan pekarangan untuk kebun sayur dan bank sampah.",
            "Kepala desa berharap lomba ini menumbuhkan kebiasaan hidup bersih, bukan hanya saat penilaian.",
        ],
    ),
    (
        "Pemerintahan",
        ["pelayanan"],
        "Pelayanan Administrasi Kependudukan Keliling di Dusun {dusun}",
        [
            "Pemerintah Desa {desa} bersama petugas kecamatan membuka layanan administrasi kependudukan keliling di "
            "Dusun {dusun}. Warga dapat mengurus surat pengantar, perubahan data keluarga dan akta kelahiran.",
            "Layanan keliling memudahkan warga lanjut usia dan warga yang tinggal jauh dari kantor desa.",
            "Warga diingatkan membawa dokumen asli dan fotokopinya. Data pribadi hanya diserahkan kepada petugas.",
        ],
    ),
]

HALAMAN = [
    (
        "Profil Desa",
        "profil",
        "<p>Desa {desa} terletak di Kecamatan {kecamatan}, {kabupaten}. Sebagian besar "
        "warganya bekerja sebagai petani, pedagang dan perajin. Desa terbagi atas {dusun_n} dusun.</p>"
        "<h2>Potensi</h2><ul><li>Pertanian padi dan palawija</li><li>Gula kelapa</li>"
        "<li>Usaha mikro dan kerajinan</li></ul>",
    ),
    (
        "Sejarah Desa",
        "sejarah",
        "<p>Menurut cerita para sesepuh, nama {desa} berasal dari kisah para pendahulu "
        "yang membuka hutan di tepi sungai untuk dijadikan permukiman dan sawah.</p><p>Sejak itu desa berkembang "
        "dan dipimpin oleh kepala desa yang dipilih warga secara langsung.</p>",
    ),
    (
        "Visi dan Misi",
        "visi-misi",
        "<h2>Visi</h2><p>Terwujudnya Desa {desa} yang maju, mandiri, sejahtera dan "
        "berbudaya.</p><h2>Misi</h2><ol><li>Meningkatkan pelayanan publik yang cepat dan terbuka.</li><li>Membangun "
        "sarana dan prasarana desa secara merata.</li><li>Mengembangkan ekonomi warga melalui BUMDes dan UMKM.</li>"
        "<li>Melestarikan gotong royong dan budaya lokal.</li></ol>",
    ),
]
JABATAN = ["Sekretaris Desa", "Kaur Keuangan", "Kaur Perencanaan", "Kaur Tata Usaha dan Umum", "Kasi Pemerintahan",
           "Kasi Kesejahteraan", "Kasi Pelayanan"]  # fmt: skip


def _fill(text, ctx):
    return text.format(**ctx)


def _context(desa, rng, dusun, kades):
    now = timezone.localtime()
    return {
        "desa": desa.nama,
        "dusun": rng.choice(dusun),
        "rw": f"{rng.randint(1, 6):02d}",
        "rt": f"{rng.randint(1, 5):02d}",
        "n": rng.randint(2, 60),
        "jumlah": rng.choice([24, 37, 45, 52, 68, 75, 120, 150, 250, 300]),
        "bulan": BULAN[now.month - 1],
        "tahun": now.year + (1 if now.month > 9 else 0),
        "kades": f"Kepala Desa {kades}" if kades else "Kepala Desa",
    }


def _articles(desa, count, rng, kategori, dusun, start_index):
    now = timezone.now()
    rows, tags = [], []
    for i in range(count):
        kat, tag_names, title, paragraphs = TOPIK[(start_index + i) % len(TOPIK)]
        ctx = _context(desa, rng, dusun, desa.nama_kepala)
        judul = _fill(title, ctx)
        isi = "".join(f"<p>{_fill(p, ctx)}</p>" for p in paragraphs)
        when = now - timedelta(days=i * rng.uniform(1.5, 4.0) + rng.uniform(0, 1), hours=rng.randint(0, 8))
        rows.append(
            Artikel(
                desa=desa,
                judul=judul,
                slug=f"{slugify(judul)[:190]}-{i + 1}",
                ringkasan=_fill(paragraphs[0], ctx)[:300],
                isi=isi,
                kategori=kategori[kat],
                status=Artikel.Status.TERBIT,
                terbit_pada=when,
                unggulan=i == 0,
            )
        )
        tags.append(tag_names)
    return rows, tags


def seed(*, villages, showcase, rng, fake, stdout):
    done = set(PengaturanSitus.objects.values_list("desa_id", flat=True))
    _kepala_sama([d for d in villages if d.pk in done])
    todo = [d for d in villages if d.pk not in done]
    if not todo:
        return
    from balai.wilayah.models import Dusun

    dusun_by_desa = {}
    for desa_id, nama in Dusun.objects.filter(desa__in=todo).values_list("desa_id", "nama"):
        dusun_by_desa.setdefault(desa_id, []).append(nama)
    Kategori.objects.bulk_create(Kategori(desa=d, nama=k, slug=slugify(k)) for d in todo for k in KATEGORI)
    kategori = {}
    for k in Kategori.objects.filter(desa__in=todo):
        kategori.setdefault(k.desa_id, {})[k.nama] = k
    artikel, tag_names = [], []
    for d in todo:
        count = 40 if d == showcase else rng.randint(3, 6)
        rows, tags = _articles(d, count, rng, kategori[d.pk], dusun_by_desa.get(d.pk, ["Krajan"]), rng.randint(0, 8))
        artikel += rows
        tag_names += tags
    Artikel.objects.bulk_create(artikel, batch_size=1000)
    _tags(artikel, tag_names, showcase)
    ArtikelRevisi.objects.bulk_create(
        (ArtikelRevisi(desa=a.desa, artikel=a, judul=a.judul, ringkasan=a.ringkasan, isi=a.isi) for a in artikel),
        batch_size=1000,
    )
    _site(todo, showcase, rng, fake, dusun_by_desa)
    if showcase in todo:
        _showcase_extras(showcase, [a for a in artikel if a.desa_id == showcase.pk], rng, fake)
    stdout.write(f"Situs web: {len(artikel)} artikel untuk {len(todo)} desa.")


def _tags(artikel, tag_names, showcase):
    """Tags for the showcase village's articles only (enough to browse by tag)."""
    pairs = [(a, names) for a, names in zip(artikel, tag_names, strict=True) if a.desa_id == showcase.pk]
    wanted = sorted({n for _a, names in pairs for n in names})
    Tag.objects.bulk_create(Tag(desa=showcase, nama=n, slug=slugify(n)) for n in wanted)
    by_name = {t.nama: t for t in Tag.objects.filter(desa=showcase)}
    ArtikelTag.objects.bulk_create(
        ArtikelTag(desa=showcase, artikel=a, tag=by_name[n]) for a, names in pairs for n in names
    )


def _site(todo, showcase, rng, fake, dusun_by_desa):
    PengaturanSitus.objects.bulk_create(
        PengaturanSitus(
            desa=d,
            warna_tema=WARNA[0] if d == showcase else rng.choice(WARNA),
            slogan=f"{d.nama} guyub, maju dan sejahtera",
            judul_sambutan="Sambutan Lurah" if d.jenis == "kelurahan" else "Sambutan Kepala Desa",
            sambutan=(
                f"<p>Assalamu'alaikum warahmatullahi wabarakatuh. Selamat datang di situs resmi {d}. Situs ini kami "
                "hadirkan sebagai sarana informasi dan keterbukaan pemerintahan kepada seluruh warga.</p><p>Melalui "
                "situs ini warga dapat mengikuti kabar kegiatan desa, program pembangunan dan pelayanan. Kritik dan "
                "saran yang membangun selalu kami nantikan.</p>"
            ),
            komentar_otomatis=False,
        )
        for d in todo
    )
    halaman, menu, perangkat = [], [], []
    pemegang = _pemegang_akun(todo)
    for d in todo:
        ctx = {"desa": d.nama, "kecamatan": d.kecamatan.nama, "kabupaten": "Kabupaten Purbalingga",
               "dusun_n": len(dusun_by_desa.get(d.pk, []))}  # fmt: skip
        for urutan, (judul, slug, isi) in enumerate(HALAMAN):
            halaman.append(Halaman(desa=d, judul=judul, slug=slug, isi=isi.format(**ctx), urutan=urutan))
            menu.append(MenuSitus(desa=d, label=judul.replace(" Desa", ""), url=f"/halaman/{slug}/", urutan=urutan))
        kepala = d.nama_kepala or fake.name()
        akun = pemegang.get((d.pk, str(d.sebutan_kepala)))
        perangkat.append(Perangkat(desa=d, nama=kepala, jabatan=str(d.sebutan_kepala), urutan=0, pengguna=akun))
        jabatan = JABATAN if d == showcase else JABATAN[:3]
        for i, j in enumerate(jabatan, start=1):
            nama = nama_orang(fake, rng)  # drawn for every post, so other villages stay as they were
            akun = pemegang.get((d.pk, j))
            nama = akun.get_full_name() if akun else nama
            perangkat.append(Perangkat(desa=d, nama=nama, jabatan=j, urutan=i, pengguna=akun))
        for i, nama in enumerate(dusun_by_desa.get(d.pk, []) if d == showcase else [], start=20):
            perangkat.append(Perangkat(desa=d, nama=nama_orang(fake, rng), jabatan=f"Kepala Dusun {nama}", urutan=i))
    Halaman.objects.bulk_create(halaman)
    MenuSitus.objects.bulk_create(menu)
    Perangkat.objects.bulk_create(perangkat)


def _kepala_sama(villages):
    """Villages seeded before keep their officials, but the head's name follows the village
    profile (loaded again with every run), in one query."""
    kepala = [d for d in villages if d.nama_kepala]
    if not kepala:
        return
    Perangkat.objects.filter(desa__in=kepala, urutan=0, jabatan__in=["Kepala Desa", "Lurah"]).update(
        nama=Case(*(When(desa_id=d.pk, then=Value(d.nama_kepala)) for d in kepala), default=F("nama"))
    )


def _pemegang_akun(villages):
    """{(desa_id, jabatan): account} of the demo accounts, so that an official with an account
    (Kepala Desa, Sekretaris Desa, Kaur Keuangan...) is linked to it and appears on the site
    under the account holder's name."""
    from balai.akun.models import User

    akun = User.objects.filter(desa__in=villages).exclude(jabatan="").order_by("pk")
    return {(u.desa_id, u.jabatan): u for u in akun if u.get_full_name()}


KOMENTAR = [
    ("Terima kasih infonya, semoga kegiatannya lancar terus.", Komentar.Status.DISETUJUI, ""),
    ("Alhamdulillah, jalan ke sawah sekarang sudah bagus.", Komentar.Status.DISETUJUI, ""),
    ("Mohon info jadwal posyandu bulan depan di dusun kami.", Komentar.Status.MENUNGGU, "menunggu moderasi"),
    ("Situs slot gacor maxwin hari ini, daftar sekarang!", Komentar.Status.MENUNGGU, "kata mencurigakan: slot"),
]


def _showcase_extras(desa, artikel, rng, fake):
    """Comments (two approved, two waiting for moderation), a draft and a scheduled article."""
    Komentar.objects.bulk_create(
        Komentar(desa=desa, artikel=artikel[i % 3], nama=nama_orang(fake, rng), isi=isi, status=status, alasan=alasan)
        for i, (isi, status, alasan) in enumerate(KOMENTAR)
    )
    draf = Artikel(
        desa=desa,
        judul="Rencana Festival Gula Kelapa (draf)",
        slug="rencana-festival-gula-kelapa",
        ringkasan="Draf pengumuman festival.",
        isi="<p>Draf.</p>",
        status=Artikel.Status.DRAFT,
    )
    jadwal = Artikel(
        desa=desa,
        judul="Jadwal Pengajian Akbar Peringatan Hari Jadi Desa",
        slug="pengajian-akbar-hari-jadi",
        ringkasan="Pengajian akbar memperingati hari jadi desa.",
        isi="<p>Pengajian akbar akan digelar di lapangan desa.</p>",
        status=Artikel.Status.TERJADWAL,
        terbit_pada=timezone.now() + timedelta(days=2),
    )
    draf.save()
    jadwal.save()
    tasks.enqueue(terbitkan_artikel_terjadwal, desa, jadwal.pk, run_after=jadwal.terbit_pada)
