# ruff: noqa: E501 (sentences of the set read better whole)
"""Writes the labelled set of the content check: normal.jsonl (ordinary village texts of every
kind, including the ones that look like gambling words: time slots, Pak Toto, bandara, bola voli,
burung gacor, news of the campaign against judi online) and spam.jsonl (gambling promotion in
the forms it takes on village sites). Deterministic: run it again and the files are the same.

    .venv/bin/python balai/keamanan/tests/data/buat_set.py

Each line: {"text": ..., "jenis": kind}. The blocklist the tests use with spam of kind
"domain_diblokir" is BLOKIR below."""

import json
import random
from pathlib import Path

HERE = Path(__file__).parent
BLOKIR = ["judiku.example", "gacorhub.example", "pusatmaxwin.example", "slot-resmi.example"]

DUSUN = ["Dusun Krajan", "Dusun Karanganyar", "Dusun Sidamulya", "Dusun Kalitengah", "Dusun Pucung", "Dusun Gunungsari"]
NAMA = [
    "Toto Sugiarto", "Bapak Toto", "Sri Wahyuni", "Slamet Riyadi", "Ahmad Fauzi", "Erwin Saputra",
    "Siti Aminah", "Budi Santoso", "Toto Hartono", "Darwin Simanjuntak", "Eko Prasetyo", "Wahyu Hidayat",
    "Ibu Toto", "Nur Khasanah", "Edwin Kurniawan", "Sutrisno", "Mas Toto", "Rina Marlina",
]  # fmt: skip
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
TEMPAT = [
    "balai desa",
    "lapangan desa",
    "masjid Al-Ikhlas",
    "aula kantor desa",
    "gedung serbaguna",
    "SD Negeri 1",
    "posyandu Melati",
]


def tanggal(r):
    return f"{r.choice(HARI)}, {r.randint(1, 28)} {r.choice(BULAN)} {r.choice([2024, 2025, 2026])}"


def normal_texts(r):
    out = []

    def add(kind, text):
        out.append({"text": text, "jenis": kind})

    for _i in range(30):
        d, t = r.choice(DUSUN), tanggal(r)
        add(
            "berita",
            f"<p>Warga {d} menggelar kerja bakti membersihkan saluran irigasi pada {t}. "
            f"Kegiatan dipimpin oleh {r.choice(NAMA)} dan diikuti sekitar {r.randint(30, 120)} warga.</p>"
            f"<p>Kepala desa menyampaikan terima kasih atas partisipasi warga menjelang musim hujan.</p>",
        )
    for _i in range(25):
        add(
            "posyandu",
            f"Posyandu {r.choice(['Melati', 'Mawar', 'Kenanga', 'Anggrek'])} {r.choice(DUSUN)} melayani penimbangan "
            f"{r.randint(20, 90)} balita pada {tanggal(r)}. Slot pendaftaran imunisasi masih tersedia untuk "
            f"{r.randint(5, 20)} anak; orang tua dapat mendaftar ke kader {r.choice(NAMA)}.",
        )
    for _i in range(20):
        add(
            "musdes",
            f"<h2>Musyawarah Desa {r.choice(['RKPDes', 'APBDes', 'Perubahan APBDes', 'Penetapan KPM BLT'])} {r.choice([2025, 2026])}</h2>"
            f"<p>Musdes dilaksanakan di {r.choice(TEMPAT)} pada {tanggal(r)}, dihadiri BPD, LPMD, tokoh masyarakat dan "
            f"perwakilan {r.randint(3, 8)} dusun. Pagu anggaran yang dibahas Rp{r.randint(1, 3)}.{r.randint(100, 999)}.{r.randint(100, 999)}.000.</p>",
        )
    for _i in range(20):
        add(
            "apbdes",
            f"Realisasi APBDes tahun {r.choice([2024, 2025])}: pendapatan Rp{r.randint(1, 2)}.{r.randint(100, 999)} juta, belanja bidang "
            f"pembangunan Rp{r.randint(300, 900)} juta untuk rabat beton {r.choice(DUSUN)} sepanjang {r.randint(100, 600)} meter.",
        )
    for _i in range(20):
        add(
            "jadwal",
            f"Jadwal pelayanan kantor desa: {r.choice(HARI)}–{r.choice(HARI)} pukul 08.00–{r.choice(['14.00', '15.00', '12.00'])} WIB. "
            f"Slot waktu konsultasi administrasi kependudukan dibatasi {r.randint(10, 30)} orang per hari.",
        )
    for _i in range(20):
        tim = r.sample(DUSUN, 2)
        add(
            "olahraga",
            f"Turnamen bola voli antar-RT memperebutkan Piala Kepala Desa memasuki babak final. Tim {tim[0]} "
            f"menang {r.randint(2, 3)}-{r.randint(0, 1)} atas tim {tim[1]}. Sepak bola usia dini juga digelar di lapangan desa.",
        )
    for _i in range(20):
        nama = r.choice(["Toto Sugiarto", "Toto Hartono", "Toto Santoso", "Toto Wibowo", "Toto Susilo"])
        add(
            "warga_toto",
            f"Selamat kepada {nama}, warga RT 0{r.randint(1, 9)} yang terpilih sebagai ketua kelompok tani "
            f"{r.choice(['Subur Makmur', 'Sri Rejeki', 'Ngudi Mulyo'])}. Pak Toto berencana memperluas demplot padi organik.",
        )
    for _i in range(15):
        add(
            "bandara",
            f"Warga yang akan berangkat umrah diberangkatkan dari Bandara Jenderal Besar Soedirman Purbalingga. "
            f"Pemerintah desa menyediakan {r.randint(1, 3)} armada untuk mengantar jamaah ke bandara pada {tanggal(r)}.",
        )
    anti = [
        "Polsek {kec} menggelar sosialisasi bahaya judi online kepada warga di {tempat}. Kapolsek mengimbau warga tidak tergiur iklan slot gacor dan togel yang merugikan keluarga.",
        "Bhabinkamtibmas bersama perangkat desa melakukan penyuluhan pencegahan judi online. Warga diminta melapor bila menemukan situs judi atau ajakan deposit lewat pulsa.",
        "Razia judi togel di {tempat}: polisi mengamankan dua tersangka beserta barang bukti rekapan togel dan uang tunai. Pelaku dijerat pasal 303 KUHP.",
        "Khutbah Jumat di masjid desa membahas haramnya judi dan dampak kecanduan judi online bagi generasi muda.",
        "Pemerintah desa bersama Diskominfo menggelar literasi digital: cara mengenali iklan judi online, situs slot palsu, dan cara melaporkan ke aduankonten.",
        "Deklarasi tolak judi online oleh karang taruna. Ketua karang taruna mengajak pemuda menjauhi judi slot dan taruhan bola yang menjerat banyak korban.",
        "Satgas pemberantasan judi online kabupaten memblokir ratusan situs judi. Warga diimbau waspada terhadap tautan mencurigakan yang menjanjikan maxwin.",
    ]
    for _i in range(25):
        add(
            "anti_judi",
            r.choice(anti).format(
                kec=r.choice(["Kaligondang", "Kalimanah", "Bukateja", "Rembang"]), tempat=r.choice(TEMPAT)
            ),
        )
    for _i in range(25):
        add(
            "pengumuman",
            f"PENGUMUMAN: Pembagian BLT Dana Desa tahap {r.randint(1, 4)} dilaksanakan {tanggal(r)} di {r.choice(TEMPAT)}. "
            f"KPM harap membawa KTP dan KK asli. Informasi hubungi kantor desa atau WA admin desa.",
        )
    for _i in range(20):
        add(
            "agenda",
            f"Agenda: {r.choice(['Pelatihan membatik', 'Senam lansia', 'Pengajian rutin', 'Rapat LPMD', 'Pelatihan UMKM pemasaran daring', 'Vaksinasi ternak'])} "
            f"pada {tanggal(r)} pukul {r.randint(7, 19):02d}.00 di {r.choice(TEMPAT)}. Slot peserta terbatas {r.randint(20, 50)} orang, daftar sekarang ke sekretariat.",
        )
    for _i in range(20):
        add(
            "galeri",
            r.choice(
                [
                    f"Foto: warga {r.choice(DUSUN)} bergotong royong memperbaiki jembatan bambu.",
                    f"Penyerahan bantuan bibit kepada kelompok tani, {tanggal(r)}.",
                    "Lomba burung berkicau: burung gacor milik Pak Slamet meraih juara pertama kelas murai batu.",
                    "Suasana pasar desa pada hari pasaran Wage.",
                    f"Tim bola voli putri {r.choice(DUSUN)} berfoto bersama usai final.",
                    "Peresmian gedung PAUD oleh Bupati Purbalingga.",
                ]
            ),
        )
    for _i in range(20):
        add(
            "dokumen",
            r.choice(
                [
                    f"Perdes_No_{r.randint(1, 9)}_Tahun_{r.choice([2024, 2025])}_tentang_APBDes.pdf",
                    f"Laporan Realisasi APBDes Semester {r.randint(1, 2)} Tahun {r.choice([2024, 2025])}",
                    f"SK Kepala Desa tentang Penetapan KPM BLT DD {r.choice([2025, 2026])}.pdf",
                    "Formulir_Permohonan_Informasi_Publik.docx",
                    f"RKPDes_{r.choice([2025, 2026])}_final_revisi.xlsx",
                    "Daftar Slot Jadwal Piket Siskamling.pdf",
                ]
            ),
        )
    for _i in range(15):
        add(
            "profil",
            f"<p>Desa kami terletak di kaki Gunung Slamet, dengan {r.randint(3, 8)} dusun dan {r.randint(2000, 6000)} jiwa. "
            "Sebagian besar warga bekerja sebagai petani, peternak dan perajin gula kelapa. Kunjungi situs resmi kabupaten di "
            '<a href="https://purbalinggakab.go.id">purbalinggakab.go.id</a> dan data desa di '
            '<a href="https://sid.kemendesa.go.id">sid.kemendesa.go.id</a>.</p>',
        )
    for _i in range(15):
        add(
            "bumdes",
            f"BUMDes {r.choice(['Maju Bersama', 'Sejahtera', 'Mandiri'])} membuka pendaftaran anggota baru unit simpan pinjam. "
            f"Bonus {r.randint(1, 5)}% bagi penabung rutin, deposit tabungan minimal Rp{r.randint(10, 50)}.000. Daftar sekarang di kantor BUMDes.",
        )
    for _i in range(15):
        add(
            "komentar",
            r.choice(
                [
                    "Mantap, semoga jalan di RT kami segera diaspal juga.",
                    "Terima kasih infonya pak, kapan jadwal posyandu bulan depan?",
                    "Apakah slot pendaftaran pelatihan menjahit masih ada?",
                    "Salam dari perantau di Jakarta, bangga dengan kemajuan desa.",
                    "Pak Toto memang panutan warga, sukses terus.",
                    "Bandaranya sekarang sudah ramai ya, semoga ekonomi desa ikut maju.",
                    "Saya warga Dusun Krajan, lampu jalan di dekat masjid mati sudah seminggu.",
                ]
            ),
        )
    for _i in range(10):
        add(
            "menu",
            r.choice(["Profil Desa", "Layanan Surat", "Transparansi APBDes", "Kontak", "Galeri Kegiatan", "PPID"])
            + " "
            + r.choice(
                ["/halaman/profil/", "https://purbalinggakab.go.id/", "/unduhan/", "https://ppid.purbalinggakab.go.id/"]
            ),
        )
    for _i in range(10):
        add(
            "sambutan",
            "<p>Assalamu'alaikum warahmatullahi wabarakatuh. Selamat datang di situs resmi desa kami. "
            "Situs ini kami kelola sebagai sarana keterbukaan informasi publik. Mari bersama menolak hoaks dan judi online.</p>",
        )
    for _i in range(10):
        add(
            "perangkat",
            f"{r.choice(NAMA)} — {r.choice(['Kepala Desa', 'Sekretaris Desa', 'Kaur Keuangan', 'Kasi Pemerintahan', 'Kepala Dusun'])}",
        )
    return out


MEREK = [
    "mahkota88",
    "dewa4d",
    "garudaslot",
    "hokitoto",
    "naga77",
    "jayabet",
    "pulauwin",
    "sultangacor",
    "bandar303",
    "raja168",
]
INTI = [
    "slot gacor hari ini", "situs slot gacor maxwin", "link slot gacor terpercaya", "rtp live slot tertinggi",
    "togel online terpercaya", "prediksi togel sgp jitu", "toto macau 4d", "bocoran admin jp paus",
    "judi online terpercaya", "situs judi bola resmi", "live casino online 24 jam", "deposit via dana tanpa potongan",
    "slot deposit pulsa 10rb", "pola gacor mahjong ways", "scatter hitam auto maxwin", "link alternatif login",
    "bonus new member 100%", "min depo 5rb gampang menang", "situs toto terpercaya", "agen sbobet resmi",
]  # fmt: skip
AJAK = [
    "daftar sekarang",
    "klik link di bio",
    "hubungi wa admin 0812xxxx",
    "buruan daftar",
    "dijamin auto jp",
    "modal receh jadi sultan",
]
SPASI_EMOJI = ["🎰", "🔥", "💰", "⭐", "•", "✅"]
HOMO = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "s": "ѕ", "i": "і", "x": "х", "y": "у"}
LEET = {"a": "4", "e": "3", "o": "0", "i": "1", "s": "5", "t": "7", "l": "1"}


def promo(r):
    return f"{r.choice(INTI)} {r.choice(MEREK)} {r.choice(AJAK)}"


def spam_texts(r, normal):
    out = []

    def add(kind, text):
        out.append({"text": text, "jenis": kind})

    for _ in range(40):
        add("polos", promo(r).capitalize() + "!")
    for _ in range(30):
        text = promo(r)
        add("leetspeak", "".join(LEET[c] if c in LEET and r.random() < 0.6 else c for c in text))
    for _ in range(25):
        core = r.choice(["slot gacor", "togel", "maxwin", "judi online", "situs slot"])
        add("dieja", " ".join(core.replace(" ", "")) + " " + r.choice(AJAK) + " " + r.choice(MEREK))
    for _ in range(30):
        text = promo(r)
        add("homoglif", "".join(HOMO[c] if c in HOMO and r.random() < 0.5 else c for c in text))
    for _ in range(20):
        text = promo(r)
        add("fullwidth", "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" for c in text))
    for _ in range(25):
        text = promo(r)
        add("lebar_nol", "".join(c + ("\u200b" if r.random() < 0.5 else "\u200d") for c in text))
    for _ in range(25):
        core = r.choice(["slot gacor", "maxwin", "togel", "situs judi"])
        sep = r.choice(SPASI_EMOJI)
        add("emoji", sep.join(core) + f" {sep} " + r.choice(MEREK))
    hides = [
        'style="display:none"', 'style="visibility:hidden"', 'style="font-size:0px"', 'style="font-size:1px"',
        'style="position:absolute;left:-9999px;top:-9999px"', 'style="color:#ffffff;background-color:#ffffff"',
        'style="color:#fff"', 'style="opacity:0"', 'style="height:0;overflow:hidden"', 'hidden', 'class="d-none"',
        'style="text-indent:-5000px"',
    ]  # fmt: skip
    for i in range(45):
        base = r.choice(normal)["text"]
        brand = r.choice(MEREK)
        hide = hides[i % len(hides)]
        inner = r.choice(
            [
                f'<a href="https://{brand}.com/">{r.choice(INTI)}</a>',
                f"{r.choice(INTI)} {brand}",
                f'<a href="https://{brand}.net/daftar">.</a> <a href="https://{brand}.org">slot</a>',
            ]
        )
        add("tersembunyi", f"{base}<div {hide}>{inner}</div>")
    for i in range(15):
        base = r.choice(normal)["text"]
        add("tautan_kosong", f'{base} <a href="https://{r.choice(MEREK)}-{i}.xyz/"> </a>')
    for _ in range(20):
        base = r.choice(normal)["text"]
        links = " ".join(
            f'<a href="https://{r.choice(MEREK)}-{j}.site/">{r.choice(["info", "klik", "link", "web"])} {j}</a>'
            for j in range(12)
        )
        add("ladang_tautan", f"{base}<p>{links}</p>")
    for _ in range(10):
        add("ladang_komentar", " ".join(f"https://spam{r.randint(1, 999)}.top/{j}" for j in range(4)) + " mantap")
    for _ in range(20):
        base = r.choice(normal)["text"]
        domain = r.choice(BLOKIR)
        add(
            "domain_diblokir",
            r.choice(
                [
                    f'{base} <a href="https://{domain}/promo">Info lengkap</a>',
                    f"{base} Info selengkapnya: www.{domain}",
                    f'{base}<script src="https://cdn.{domain}/x.js"></script>',
                ]
            ),
        )
    for _ in range(25):
        add(
            "merek",
            f"{r.choice(MEREK).upper()} {r.choice(['situs resmi', 'login', 'daftar', 'link terbaru'])} "
            f"{r.choice(['gampang menang', 'bonus new member', 'slot terpercaya', 'rtp live'])}",
        )
    for _ in range(25):
        base = r.choice(normal)["text"]
        add("sisipan", f"{base} <p>{promo(r)}</p>")
    for _ in range(10):
        add(
            "nama_berkas",
            f"{r.choice(['slot-gacor', 'SLOT_GACOR_MAXWIN', 'togel-sgp', 'link-alternatif'])}_{r.choice(MEREK)}.pdf",
        )
    for _ in range(10):
        add("menu", f"{r.choice(['Slot Gacor', 'Login', 'Daftar'])} https://{r.choice(MEREK)}.vip/")
    return out


def main():
    r = random.Random(2026)
    normal = normal_texts(r)
    spam = spam_texts(r, normal)
    for name, rows in (("normal.jsonl", normal), ("spam.jsonl", spam)):
        with open(HERE / name, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(normal)} normal, {len(spam)} spam")


if __name__ == "__main__":
    main()
