from django.apps import AppConfig

from balai.core.registry import ActivityMeasure, AlertSource, AuditLabels, MenuItem, Widget

_SKOR = "balai.pengawasan.selectors.widget_skor"


class PengawasanConfig(AppConfig):
    name = "balai.pengawasan"
    verbose_name = "Pengawasan desa (skor aktivitas, Sipande, pembinaan)"
    extensions = [
        AuditLabels("balai.pengawasan.services.AUDIT_LABELS"),
        ActivityMeasure(
            "konten.hari_sejak_terbit",
            "Hari sejak terbitan terakhir",
            "konten",
            "balai.pengawasan.ukuran.hari_sejak_terbit",
            penuh=3,
            nol=60,
            satuan="hari",
            order=10,
        ),
        ActivityMeasure(
            "pembinaan.checklist",
            "Daftar periksa pembinaan selesai",
            "pembinaan",
            "balai.pengawasan.pembinaan.persen_selesai",
            penuh=100,
            nol=0,
            satuan="%",
            order=10,
        ),
        AlertSource("situs_basi", "Situs basi", "balai.pengawasan.ukuran.situs_basi"),
        AlertSource("tanpa_akun_aktif", "Tidak ada petugas aktif", "balai.pengawasan.ukuran.tanpa_akun_aktif"),
        Widget("kecamatan", "pengawasan/partials/widget.html", _SKOR, order=5, cache=True),
        Widget("kabupaten", "pengawasan/partials/widget.html", _SKOR, order=5, cache=True),
        Widget("desa", "pengawasan/partials/siaran_widget.html", "balai.pengawasan.selectors.widget_siaran", order=1),
        # Oversight
        MenuItem(
            "kabupaten", "Skor aktivitas desa", "pengawasan:skor", grup="pantau", izin="kabupaten.kelola", order=5
        ),
        MenuItem("kabupaten", "Status Sipande", "pengawasan:sipande", grup="pantau", izin="kabupaten.kelola", order=6),
        MenuItem("kecamatan", "Status Sipande", "pengawasan:sipande", grup="pantau", izin="kecamatan.pantau", order=5),
        MenuItem("kabupaten", "Peringatan", "pengawasan:peringatan", grup="pantau", izin="kabupaten.kelola", order=7),
        MenuItem("kecamatan", "Peringatan", "pengawasan:peringatan", grup="pantau", izin="kecamatan.pantau", order=6),
        MenuItem(
            "kabupaten", "Bukti SPBE dan KIP", "pengawasan:bukti", grup="laporan", izin="kabupaten.kelola", order=50
        ),
        MenuItem(
            "kecamatan", "Bukti SPBE dan KIP", "pengawasan:bukti", grup="laporan", izin="kecamatan.pantau", order=50
        ),
        # The officer's own choice of the daily alert mail, on the account page.
        Widget(
            "akun",
            "pengawasan/partials/surel_peringatan.html",
            "balai.pengawasan.selectors.widget_surel_peringatan",
            izin=("kabupaten.kelola", "kecamatan.pantau"),
        ),
        # Pembinaan
        MenuItem(
            "kabupaten", "Daftar periksa pembinaan", "pengawasan:pembinaan", grup="pembinaan", izin="kabupaten.kelola"
        ),
        MenuItem(
            "kecamatan", "Daftar periksa pembinaan", "pengawasan:pembinaan", grup="pembinaan", izin="kecamatan.pantau"
        ),
        MenuItem("desa", "Panduan", "pengawasan:panduan_desa", grup="pembinaan", order=10, icon="?"),
        MenuItem("desa", "Usulan layanan", "pengawasan:usulan_desa", grup="pembinaan", order=20, icon="✎"),
        MenuItem("kecamatan", "Siaran ke desa", "pengawasan:siaran", grup="pembinaan", izin="kecamatan.pantau"),
        MenuItem("kecamatan", "Panduan", "pengawasan:panduan", grup="pembinaan", izin="kecamatan.pantau", order=110),
        MenuItem("kabupaten", "Usulan layanan", "pengawasan:usulan", grup="pembinaan", izin="kabupaten.kelola"),
        MenuItem("kabupaten", "Siaran ke desa", "pengawasan:siaran", grup="pembinaan", izin="kabupaten.kelola"),
        MenuItem("kabupaten", "Panduan", "pengawasan:panduan", grup="pembinaan", izin="kabupaten.kelola", order=110),
    ]
