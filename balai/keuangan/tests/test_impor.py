"""The xlsx template and the Siskeudes export: happy paths and every bad input, each with a
clear message where it is, and nothing written by a file that fails."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope

from balai.keuangan import impor_xlsx, services, siskeudes
from balai.keuangan.models import Apbdes, Baris, ImporApbdes, Kegiatan, Realisasi
from balai.keuangan.rancangan import BerkasTidakValid, BukanAngka, rupiah

from .fabrik import XLSX_BAIK, apbdes_contoh, siskeudes_zip, xlsx

D = Decimal


@pytest.mark.parametrize(
    "teks,nilai",
    [
        ("1.250.000", D("1250000")),
        ("Rp 1.250.000", D("1250000")),
        ("1.250.000,50", D("1250000.50")),
        ("1,250,000.50", D("1250000.50")),
        (1250000, D("1250000")),
        (1250000.0, D("1250000")),
        ("1250000.25", D("1250000.25")),
        ("", D(0)),
        (None, D(0)),
    ],
)
def test_rupiah_membaca_cara_orang_menulis(teks, nilai):
    assert rupiah(teks) == nilai


@pytest.mark.parametrize("teks", ["-5000", "(5.000)", -1, "lima juta", "1.2.3", "12abc", "1e5", "0.001", True])
def test_rupiah_menolak_negatif_dan_bukan_angka(teks):
    with pytest.raises(BukanAngka):
        rupiah(teks)


def test_xlsx_baik_terbaca_dengan_peringatan_realisasi_lebih():
    r = impor_xlsx.baca(xlsx(XLSX_BAIK), tahun=2026)
    assert r.jumlah_galat == 0
    assert len(r.baris) == 7 and set(r.kegiatan) == {"1.1.01", "2.3.01"}
    dana_desa = r.baris[1]
    assert dana_desa.anggaran == D("1100000000") and dana_desa.realisasi == {
        (1, None): D(660_000_000),
        (2, None): D(440_000_000),
    }
    from balai.keuangan.rancangan import periksa_realisasi

    periksa_realisasi(r)
    assert [p["baris"] for p in r.peringatan] == [7]
    assert "melebihi anggarannya" in r.peringatan[0]["pesan"]


def test_xlsx_templat_bolak_balik(desa_a, no_scopes):
    apbdes_contoh(desa_a, tahun=2026)
    aktif = Apbdes.objects.get(desa=desa_a, tahun=2026, aktif=True)
    lines = Baris.objects.filter(apbdes=aktif).select_related("kegiatan").prefetch_related("realisasi")
    r = impor_xlsx.baca(impor_xlsx.templat(tahun=2026, baris=lines), tahun=2026)
    assert r.jumlah_galat == 0
    assert sum(b.anggaran for b in r.baris) == sum(b.anggaran for b in lines)


def test_xlsx_negatif_dan_bukan_angka_ditolak_dengan_sel():
    rows = [
        ["4.2.1", "", "", "Dana Desa", "DDS", -5000, None, None],
        ["4.2.3", "", "", "ADD", "ADD", "enam ratus juta", None, None],
        ["5.3.5", "2.3.01", "Jalan", "Modal", "DDS", 100, "-10", None],
    ]
    r = impor_xlsx.baca(xlsx(rows), tahun=2026)
    sel = {(g["sel"], g["kolom"]) for g in r.galat}
    assert sel == {("F2", "anggaran"), ("F3", "anggaran"), ("G4", "realisasi_semester_1")}
    assert any("negatif" in g["pesan"] for g in r.galat)
    assert any("bukan angka" in g["pesan"] for g in r.galat)


def test_xlsx_kode_dan_kegiatan_salah():
    rows = [
        ["9.9.9", "", "", "?", "", 1, None, None],
        ["5.2.1", "", "", "Belanja tanpa kegiatan", "", 1, None, None],
        ["5.2.1", "7.1.01", "Bidang tujuh", "", "", 1, None, None],
        ["5.2.1", "2.3.01", "", "Kegiatan tanpa nama", "", 1, None, None],
        ["4.2.1", "", "", "Dana Desa", "XYZ", 1, None, None],
    ]
    r = impor_xlsx.baca(xlsx(rows), tahun=2026)
    assert [g["sel"] for g in r.galat] == ["A2", "B3", "B4", "C5", "E6"]


def test_xlsx_kolom_bergeser_ditolak():
    header = ["no", *impor_xlsx.KOLOM]  # a column inserted in front
    with pytest.raises(BerkasTidakValid) as exc:
        impor_xlsx.baca(xlsx([[1, *XLSX_BAIK[0]]], header=header), tahun=2026)
    pesan = str(exc.value)
    assert "bergeser" in pesan and "kolom kode_rekening ada di B, seharusnya di A" in pesan


def test_xlsx_kolom_berganti_nama_ditolak():
    header = list(impor_xlsx.KOLOM)
    header[5] = "Anggaran (Rp)"
    with pytest.raises(BerkasTidakValid) as exc:
        impor_xlsx.baca(xlsx(XLSX_BAIK, header=header), tahun=2026)
    assert "kolom anggaran tidak ada (kolom F berisi “anggaran_(rp)”)" in str(exc.value)


def test_xlsx_tahun_lain_dan_berkas_rusak():
    with pytest.raises(BerkasTidakValid, match="untuk tahun anggaran 2025, bukan 2026"):
        impor_xlsx.baca(xlsx(XLSX_BAIK, tahun=2025), tahun=2026)
    with pytest.raises(BerkasTidakValid, match="bukan berkas Excel"):
        impor_xlsx.baca(b"%PDF-1.4 bukan excel", tahun=2026)
    with pytest.raises(BerkasTidakValid, match="tidak dapat dibuka"):
        impor_xlsx.baca(b"PK\x03\x04" + b"\x00" * 200, tahun=2026)


def test_siskeudes_terbaca(desa_a):
    r = siskeudes.baca(siskeudes_zip(), desa=desa_a, tahun=2026)
    assert r.jumlah_galat == 0, r.galat
    assert set(r.kegiatan) == {"1.1.01", "2.3.01", "4.2.01"}
    assert r.kegiatan["2.3.01"].nama == "Pembangunan Jalan Usaha Tani Dusun II"
    jalan = next(b for b in r.baris if b.kode == "5.3.5.01")
    # two rincian of one account, one kegiatan and one sumber dana make one line
    assert jalan.anggaran == D(850_000_000) and jalan.uraian == "Belanja Modal Jalan Desa"
    assert jalan.realisasi == {(1, 5): D(300_000_000), (2, 10): D(250_000_000)}
    dd = next(b for b in r.baris if b.kode == "4.2.1.01")
    assert dd.realisasi == {(1, 3): D(460_000_000), (2, 8): D(460_000_000)}
    assert r.nomor_perdes == "3/2026"
    assert "Selakambang" in r.keterangan.title()


def test_siskeudes_perubahan_memakai_anggaran_setelah_pak(desa_a):
    r = siskeudes.baca(siskeudes_zip(), desa=desa_a, tahun=2026, perubahan=True)
    jalan = next(b for b in r.baris if b.kode == "5.3.5.01")
    assert jalan.anggaran == D(1_000_000_000)
    assert r.nomor_perdes == "7/2026"
    awal = siskeudes.baca(siskeudes_zip(), desa=desa_a, tahun=2026)
    assert any("setelah perubahan" in p["pesan"] for p in awal.peringatan)


def test_siskeudes_desa_lain_ditolak_menyebut_isinya(desa_a):
    with pytest.raises(BerkasTidakValid) as exc:
        siskeudes.baca(siskeudes_zip(nama_desa="Penolih"), desa=desa_a, tahun=2026)
    assert "berisi data Desa PENOLIH (Kecamatan KALIGONDANG), bukan Desa Selakambang" in str(exc.value)


def test_siskeudes_beberapa_desa_hanya_desa_ini_diambil(desa_a):
    isi = siskeudes_zip(extra_desa=[("04.07.", "Penolih")])
    r = siskeudes.baca(isi, desa=desa_a, tahun=2026)
    assert sum(b.anggaran for b in r.baris if b.kode == "4.2.1.01") == D(1_150_000_000)


def test_siskeudes_tahun_lain_ditolak_menyebut_tahunnya(desa_a):
    with pytest.raises(BerkasTidakValid) as exc:
        siskeudes.baca(siskeudes_zip(tahun=2025), desa=desa_a, tahun=2026)
    assert "tahun 2025, bukan tahun 2026" in str(exc.value)


@pytest.mark.parametrize(
    "isi,pesan",
    [
        (b"bukan zip sama sekali", "bukan ekspor Siskeudes"),
        (b"PK\x03\x04rusak" + b"\x00" * 100, "zip rusak"),
        (None, "Tidak ada Ta_RABRinci.csv"),
        ({"Ta_RABRinci.csv": b"Tahun,Kd_Desa\r\n2026,04.06.\r\n"}, "tidak berisi kolom Kd_Keg"),
        ({"Ta_Kegiatan.csv": b"Tahun,Kd_Desa,Kd_Keg,Nama_Kegiatan\r\n2026,04.06.\r\n"}, "Berkas rusak"),
    ],
)
def test_siskeudes_berkas_rusak_atau_salah(desa_a, isi, pesan):
    if isi is None:
        isi = siskeudes_zip(ubah={"Ta_RABRinci.csv": None})
    elif isinstance(isi, dict):
        isi = siskeudes_zip(ubah=isi)
    with pytest.raises(BerkasTidakValid, match=pesan):
        siskeudes.baca(isi, desa=desa_a, tahun=2026)


def test_siskeudes_angka_rusak_dengan_baris_dan_kolom(desa_a):
    from .fabrik import _csv

    rinci = _csv(
        ["Tahun", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "SumberDana", "Anggaran", "AnggaranStlhPAK"],
        [["2026", "04.06.", "04.06.00.00.00.", "4.2.1.01.", "DDS", "-100", "0"],
         ["2026", "04.06.", "04.06.00.00.00.", "4.2.3.01.", "ADD", "abc", "0"]],
    )  # fmt: skip
    r = siskeudes.baca(siskeudes_zip(ubah={"Ta_RABRinci.csv": rinci}), desa=desa_a, tahun=2026)
    assert [(g["baris"], g["kolom"]) for g in r.galat] == [
        ("Ta_RABRinci baris 2", "Anggaran"),
        ("Ta_RABRinci baris 3", "Anggaran"),
    ]


def _unggah(isi, nama):
    return SimpleUploadedFile(nama, isi)


@pytest.mark.django_db
def test_uji_coba_lalu_simpan_siskeudes(desa_a, operator_a):
    with scope(desa=desa_a):
        impor = services.periksa_impor(
            desa=desa_a, actor=operator_a, tahun=2026, jenis="siskeudes", berkas=_unggah(siskeudes_zip(), "ekspor.zip")
        )
        assert impor.bisa_disimpan and not Apbdes.objects.exists()  # the dry run writes no budget
        apbdes = services.simpan_impor(desa=desa_a, actor=operator_a, impor=impor)
        assert apbdes.sumber == "siskeudes" and apbdes.nomor_perdes == "3/2026"
        assert Kegiatan.objects.get(kode="2.3.01").pagu == D(850_000_000)
        assert Realisasi.objects.filter(bulan=10).count() == 1
        impor.refresh_from_db()
        assert impor.status == ImporApbdes.Status.DISIMPAN and bytes(impor.isi) == b""


@pytest.mark.django_db
def test_impor_ulang_mengganti_baris_dan_mempertahankan_kegiatan(desa_a, operator_a):
    with scope(desa=desa_a):
        apbdes_contoh(desa_a)
        jalan_pk = Kegiatan.objects.get(kode="2.3.01").pk
        impor = services.periksa_impor(
            desa=desa_a, actor=operator_a, tahun=2026, jenis="xlsx", berkas=_unggah(xlsx(XLSX_BAIK), "apbdes.xlsx")
        )
        assert len(impor.peringatan) == 1
        services.simpan_impor(desa=desa_a, actor=operator_a, impor=impor)
        assert Baris.objects.count() == 7
        jalan = Kegiatan.objects.get(kode="2.3.01")
        assert jalan.pk == jalan_pk and jalan.pagu == D(1_300_000_000)
        # kegiatan no longer in the budget keep their row (others may link to it) with pagu 0
        assert Kegiatan.objects.get(kode="3.2.01").pagu == 0


@pytest.mark.django_db
def test_berkas_buruk_tidak_mengubah_apa_pun(desa_a, operator_a):
    with scope(desa=desa_a):
        apbdes_contoh(desa_a)
        sebelum = list(Baris.objects.order_by("pk").values_list("pk", "anggaran"))
        buruk = xlsx([*XLSX_BAIK, ["4.2.1", "", "", "DD", "", "-1", None, None]])
        impor = services.periksa_impor(
            desa=desa_a, actor=operator_a, tahun=2026, jenis="xlsx", berkas=_unggah(buruk, "apbdes.xlsx")
        )
        assert impor.status == ImporApbdes.Status.DITOLAK and impor.galat[0]["sel"] == "F9"
        with pytest.raises(Exception, match="sudah disimpan, ditolak"):
            services.simpan_impor(desa=desa_a, actor=operator_a, impor=impor)
        assert list(Baris.objects.order_by("pk").values_list("pk", "anggaran")) == sebelum


@pytest.mark.django_db
def test_kegagalan_di_tengah_penulisan_dibatalkan(desa_a, operator_a, monkeypatch):
    """A failure after the old lines are deleted leaves them in place (one transaction)."""
    with scope(desa=desa_a):
        apbdes_contoh(desa_a)
        sebelum = Baris.objects.count()
        rancangan = impor_xlsx.baca(xlsx(XLSX_BAIK), tahun=2026)

        def gagal(*a, **kw):
            raise RuntimeError("disk penuh")

        monkeypatch.setattr(services, "segarkan_pagu", gagal)
        with pytest.raises(RuntimeError):
            services.terapkan_rancangan(desa=desa_a, actor=operator_a, rancangan=rancangan, sumber="xlsx")
        assert Baris.objects.count() == sebelum
