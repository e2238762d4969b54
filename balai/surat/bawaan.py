"""The wording a village starts from, per letter type (it may edit every word of it).
Placeholders: templat.DATA_UMUM and each type's fields (katalog.py)."""

PEMBUKA = (
    "<p>Yang bertanda tangan di bawah ini, {{ jabatan_penanda_tangan }} {{ nama_desa }}, Kecamatan "
    "{{ kecamatan }}, {{ kabupaten }}, dengan ini menerangkan bahwa:</p>\n{{ tabel_identitas }}\n"
)
PENUTUP = "<p>Demikian surat keterangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.</p>"

ISI = {
    "domisili": (
        "<p>adalah benar penduduk yang berdomisili di {{ alamat }} {{ lama_tinggal }}.</p>\n"
        "<p>Surat keterangan ini diberikan untuk keperluan: <strong>{{ keperluan }}</strong>, "
        "dan berlaku sampai {{ berlaku_sampai }}.</p>"
    ),
    "usaha": (
        "<p>adalah benar warga kami yang menjalankan usaha sebagai berikut:</p>\n"
        '<table class="identitas"><tr><td>Nama usaha</td><td>: {{ nama_usaha }}</td></tr>'
        "<tr><td>Bidang usaha</td><td>: {{ jenis_usaha }}</td></tr>"
        "<tr><td>Alamat usaha</td><td>: {{ alamat_usaha }}</td></tr>"
        "<tr><td>Berjalan sejak</td><td>: {{ mulai_usaha }}</td></tr></table>\n"
        "<p>Surat keterangan ini diberikan untuk keperluan: <strong>{{ keperluan }}</strong>.</p>"
    ),
    "sktm": (
        "<p>adalah benar warga kami yang berdasarkan pengamatan dan pendataan kami tergolong keluarga "
        "tidak mampu, dengan penghasilan keluarga sekitar {{ penghasilan }} ({{ penghasilan_terbilang }}) "
        "per bulan dan menanggung {{ jumlah_tanggungan }} ({{ jumlah_tanggungan_terbilang }}) orang.</p>\n"
        "<p>Surat keterangan ini diberikan untuk keperluan: <strong>{{ keperluan }}</strong>.</p>"
    ),
    "skck": (
        "<p>adalah benar warga kami yang sepanjang pengetahuan kami berkelakuan baik dan tidak sedang "
        "tersangkut perkara pidana. Kepada yang berwenang dimohon menerbitkan Surat Keterangan Catatan "
        "Kepolisian bagi yang bersangkutan.</p>\n"
        "<p>Keperluan: <strong>{{ keperluan }}</strong>.</p>"
    ),
    "kelahiran": (
        "<p>adalah orang tua/pelapor dari seorang anak yang telah lahir dengan keterangan:</p>\n"
        '<table class="identitas"><tr><td>Nama anak</td><td>: {{ nama_bayi }}</td></tr>'
        "<tr><td>Jenis kelamin</td><td>: {{ jenis_kelamin_bayi }}</td></tr>"
        "<tr><td>Tempat, tanggal lahir</td><td>: {{ tempat_lahir_bayi }}, {{ tanggal_lahir_bayi }} "
        "{{ jam_lahir }}</td></tr>"
        "<tr><td>Anak ke-</td><td>: {{ anak_ke }}</td></tr>"
        "<tr><td>Nama ayah</td><td>: {{ nama_ayah_bayi }}</td></tr>"
        "<tr><td>Nama ibu</td><td>: {{ nama_ibu_bayi }}</td></tr></table>\n"
        "<p>Surat keterangan ini dibuat untuk pengurusan akta kelahiran.</p>"
    ),
    "kematian": (
        "<p>telah meninggal dunia pada tanggal {{ tanggal_kematian }} {{ jam_kematian }} di "
        "{{ tempat_kematian }}, disebabkan {{ sebab_kematian }}.</p>\n"
        "<p>Kematian ini dilaporkan oleh {{ nama_pelapor }} ({{ hubungan_pelapor }}).</p>"
    ),
    "pindah": (
        "<p>bermaksud pindah tempat tinggal ke {{ alamat_tujuan }}, {{ desa_tujuan }}, Kecamatan "
        "{{ kecamatan_tujuan }}, {{ kabupaten_tujuan }}, {{ provinsi_tujuan }}, dengan alasan "
        "{{ alasan_pindah }}.</p>\n<p>Anggota keluarga yang ikut pindah:<br>{{ pengikut }}</p>"
    ),
    "belum_menikah": (
        "<p>sepanjang pengetahuan kami dan menurut data kependudukan desa, yang bersangkutan sampai saat "
        "ini belum pernah menikah.</p>\n<p>Keperluan: <strong>{{ keperluan }}</strong>.</p>"
    ),
    "penghasilan_ortu": (
        "<p>adalah orang tua dari {{ nama_anak }}, pelajar/mahasiswa {{ sekolah_anak }}, dengan "
        "penghasilan sekitar {{ penghasilan }} ({{ penghasilan_terbilang }}) per bulan.</p>\n"
        "<p>Keperluan: <strong>{{ keperluan }}</strong>.</p>"
    ),
    "beda_identitas": (
        "<p>adalah satu orang yang sama, walaupun datanya tertulis berbeda pada dua dokumen:</p>\n"
        "<ol><li>{{ dokumen_pertama }}: {{ data_pertama }}</li>"
        "<li>{{ dokumen_kedua }}: {{ data_kedua }}</li></ol>\n"
        "<p>Keperluan: <strong>{{ keperluan }}</strong>.</p>"
    ),
    "izin_keramaian": (
        "<p>bermaksud menyelenggarakan keramaian dengan keterangan:</p>\n"
        '<table class="identitas"><tr><td>Acara</td><td>: {{ nama_acara }}</td></tr>'
        "<tr><td>Tanggal</td><td>: {{ tanggal_acara }}</td></tr>"
        "<tr><td>Waktu</td><td>: {{ waktu_acara }}</td></tr>"
        "<tr><td>Tempat</td><td>: {{ tempat_acara }}</td></tr>"
        "<tr><td>Hiburan</td><td>: {{ hiburan }}</td></tr>"
        "<tr><td>Perkiraan tamu</td><td>: {{ jumlah_undangan }} orang</td></tr></table>\n"
        "<p>Pada prinsipnya kami tidak berkeberatan, dengan ketentuan penyelenggara menjaga ketertiban "
        "dan keamanan lingkungan.</p>"
    ),
    "ahli_waris": (
        "<p>adalah salah seorang ahli waris dari almarhum/almarhumah {{ nama_pewaris }} yang meninggal "
        "dunia pada tanggal {{ tanggal_wafat_pewaris }}. Para ahli waris yang sah adalah:</p>\n"
        "<p>{{ daftar_ahli_waris }}</p>\n"
        "<p>Surat keterangan ini diberikan untuk keperluan: <strong>{{ keperluan }}</strong>.</p>"
    ),
    "kehilangan": (
        "<p>telah melaporkan kehilangan {{ barang_hilang }} di {{ tempat_kehilangan }} pada tanggal "
        "{{ tanggal_kehilangan }}.</p>\n<p>{{ kronologi }}</p>\n"
        "<p>Surat ini dibuat sebagai pengantar laporan kehilangan kepada pihak yang berwenang.</p>"
    ),
    "umum": (
        "<p><strong>Perihal: {{ perihal }}</strong></p>\n<p>{{ uraian }}</p>\n"
        "<p>Keperluan: <strong>{{ keperluan }}</strong>.</p>"
    ),
}

NIKAH = (
    '<h4 class="tengah">N1 · SURAT PENGANTAR PERKAWINAN</h4>\n'
    + PEMBUKA
    + "<p>akan melangsungkan perkawinan dengan {{ nama_pasangan }}, lahir di {{ tempat_lahir_pasangan }} "
    "pada {{ tanggal_lahir_pasangan }}, beralamat di {{ alamat_pasangan }}. Akad direncanakan pada "
    "{{ tanggal_nikah }} di {{ tempat_nikah }}.</p>\n"
    '<div class="halaman-baru"></div>\n<h4 class="tengah">N2 · PERMOHONAN KEHENDAK PERKAWINAN</h4>\n'
    "<p>Kepada Kepala KUA Kecamatan {{ kecamatan }}: dengan ini {{ nama }} memberitahukan kehendak "
    "melangsungkan perkawinan dengan {{ nama_pasangan }} pada {{ tanggal_nikah }} di {{ tempat_nikah }}, "
    "dan memohon perkawinan itu dicatat.</p>\n"
    '<div class="halaman-baru"></div>\n<h4 class="tengah">N3 · PERSETUJUAN CALON PENGANTIN</h4>\n'
    "<p>Kami, {{ nama }} dan {{ nama_pasangan }}, menyatakan dengan sadar dan tanpa paksaan dari pihak "
    "mana pun bahwa kami setuju untuk melangsungkan perkawinan.</p>\n"
    '<div class="halaman-baru"></div>\n<h4 class="tengah">N4 · SURAT IZIN ORANG TUA</h4>\n'
    "<p>Kami, {{ nama_ayah }} dan {{ nama_ibu }}, orang tua dari {{ nama }}, memberikan izin kepada "
    "anak kami untuk menikah dengan {{ nama_pasangan }}.</p>\n"
)


def isi_bawaan(kode: str) -> str:
    if kode == "pengantar_nikah":
        return NIKAH + PENUTUP
    return PEMBUKA + ISI[kode] + "\n" + PENUTUP
