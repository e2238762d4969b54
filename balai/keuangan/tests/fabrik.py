# ruff: noqa: E501 - rows of Siskeudes tables read better one per line
"""Builders of test data: an APBDes with a few lines, a filled xlsx template, and a small but
realistic Siskeudes export (a zip of CSV tables as Siskeudes writes them)."""

import csv
import io
import zipfile
from decimal import Decimal

from balai.keuangan import services
from balai.keuangan.models import Kegiatan
from balai.keuangan.rancangan import BarisRancangan, KegiatanRancangan, Rancangan

D = Decimal


def rancangan_contoh(tahun=2026, label=""):
    """A year's budget; `label` is added to every name (tests that look for one village's text)."""
    r = Rancangan(tahun=tahun)
    r.kegiatan = {
        "1.1.01": KegiatanRancangan("1.1.01", "Penyediaan Penghasilan Tetap dan Tunjangan Kepala Desa", "ADD"),
        "2.3.01": KegiatanRancangan("2.3.01", "Pembangunan/Rehabilitasi Jalan Desa", "DDS"),
        "3.2.01": KegiatanRancangan("3.2.01", "Pembinaan Kegiatan Keagamaan", "PAD"),
    }
    r.baris = [
        BarisRancangan("4.1.1", "Hasil Usaha Desa", D(45_000_000), realisasi={(1, None): D(20_000_000)}),
        BarisRancangan("4.2.1", "Dana Desa", D(1_100_000_000), realisasi={(1, None): D(660_000_000)}),
        BarisRancangan("4.2.3", "Alokasi Dana Desa", D(600_000_000), realisasi={(1, None): D(300_000_000)}),
        BarisRancangan(
            "5.1.1", "Penghasilan Tetap Kepala Desa", D(360_000_000), "ADD", "1.1.01", {(1, None): D(180_000_000)}
        ),
        BarisRancangan("5.3.5", "Belanja Modal Jalan", D(1_200_000_000), "DDS", "2.3.01", {(1, None): D(400_000_000)}),
        BarisRancangan("5.2.2", "Honorarium Guru Ngaji", D(40_000_000), "PAD", "3.2.01", {(1, None): D(20_000_000)}),
        BarisRancangan("6.1.1", "SiLPA Tahun Sebelumnya", D(80_000_000), realisasi={(1, None): D(80_000_000)}),
        BarisRancangan("6.2.2", "Penyertaan Modal BUMDes", D(50_000_000)),
    ]
    if label:
        for g in r.kegiatan.values():
            g.nama = f"{g.nama} {label}"
        for b in r.baris:
            b.uraian = f"{b.uraian} {label}"
    return r


def apbdes_contoh(desa, *, tahun=2026, terbit=True, actor=None, label=""):
    rancangan = rancangan_contoh(tahun, label)
    apbdes = services.terapkan_rancangan(desa=desa, actor=actor, rancangan=rancangan, sumber="formulir")
    if terbit:
        apbdes = services.terbitkan(desa=desa, actor=actor, apbdes=apbdes)
    return apbdes


def kegiatan(desa, kode="2.3.01", tahun=2026):
    return Kegiatan.objects.get(desa=desa, tahun=tahun, kode=kode)


def xlsx(rows, *, header=None, tahun=2026, petunjuk=True):
    from openpyxl import Workbook

    from balai.keuangan.impor_xlsx import KOLOM

    wb = Workbook()
    ws = wb.active
    ws.title = "apbdes"
    ws.append(header or KOLOM)
    for row in rows:
        ws.append(row)
    if petunjuk:
        wb.create_sheet("petunjuk").append(["Tahun anggaran", tahun])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


XLSX_BAIK = [
    ["4.1.1", "", "", "Hasil Usaha Desa", "", 45_000_000, 20_000_000, None],
    ["4.2.1", "", "", "Dana Desa", "DDS", "1.100.000.000", 660_000_000, 440_000_000],
    ["4.2.3", "", "", "Alokasi Dana Desa", "ADD", 600_000_000, 300_000_000, None],
    ["5.1.1", "1.1.01", "Penyediaan Siltap Kepala Desa", "Siltap Kepala Desa", "ADD", 360_000_000, 180_000_000, None],
    ["5.3.5", "2.3.01", "Pembangunan Jalan Desa", "Belanja modal jalan", "DDS", 1_200_000_000, 400_000_000, None],
    ["5.2.1", "2.3.01", "", "Material jalan", "DDS", 100_000_000, 120_000_000, None],  # above budget: a warning
    ["6.1.1", "", "", "SiLPA", "SILPA", 80_000_000, 80_000_000, None],
]


def _csv(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode("utf-8")


def siskeudes_zip(*, tahun=2026, nama_desa="Selakambang", kd_desa="04.06.", extra_desa=(), ubah=None):
    """A Siskeudes export of one village (and `extra_desa`: [(kd, nama)] of the same kecamatan),
    with pendapatan, three kegiatan, pembiayaan and realisation in both semesters. `ubah`:
    {file name: bytes} replaces or adds files."""
    desa = [(kd_desa, nama_desa), *extra_desa]
    t = str(tahun)
    files = {
        "Ref_Version.csv": _csv(["Versi"], [["2.0.5"]]),
        "Ref_Kecamatan.csv": _csv(["Kd_Kec", "Nama_Kecamatan"], [["04.", "KALIGONDANG"]]),
        "Ref_Desa.csv": _csv(["Kd_Kec", "Kd_Desa", "Nama_Desa"], [["04.", kd, nama.upper()] for kd, nama in desa]),
        "Ta_Desa.csv": _csv(
            ["Tahun", "Kd_Desa", "Nm_Kades", "No_Perdes", "No_Perdes_PB"],
            [[t, kd, "Kepala", f"3/{t}", f"7/{t}"] for kd, _ in desa],
        ),
        "Ref_Rek4.csv": _csv(
            ["Jenis", "Obyek", "Nama_Obyek", "Peraturan"],
            [
                ["4.2.1.", "4.2.1.01.", "Dana Desa", ""],
                ["5.3.5.", "5.3.5.01.", "Belanja Modal Jalan Desa", ""],
            ],
        ),
        "Ta_Bidang.csv": _csv(
            ["Tahun", "Kd_Desa", "Kd_Bid", "Nama_Bidang"],
            [[t, kd, f"{kd}0{b}.", n] for kd, _ in desa for b, n in [(1, "Pemerintahan"), (2, "Pembangunan")]],
        ),
    }
    kegiatan, rinci, tbp, tbp_rinci, spj, spj_rinci = [], [], [], [], [], []
    for kd, _ in desa:
        kegiatan += [
            [t, kd, f"{kd}01.", f"{kd}01.01.01.", "01.01.01", "Penyediaan Siltap Kepala Desa", "360000000", "0", "", "", "", "", "", "ADD"],
            [t, kd, f"{kd}02.", f"{kd}02.03.01.", "02.03.01", "Pembangunan Jalan Usaha Tani Dusun II", "850000000", "0", "", "", "Dusun II", "", "600 m", "DDS"],
            [t, kd, f"{kd}04.", f"{kd}04.02.01.", "04.02.01", "Pelatihan Pertanian", "25000000", "0", "", "", "", "", "", "PAD"],
        ]  # fmt: skip
        rinci += [
            [t, kd, f"{kd}00.00.00.", "4.1.1.01.", "", "1", "PAD", "Hasil BUMDes", "1", "40000000", "40000000.00", "40000000", "0", "0", "Tahun", "1", ""],
            [t, kd, f"{kd}00.00.00.", "4.2.1.01.", "", "1", "DDS", "Dana Desa", "1", "1150000000", "1150000000", "1150000000", "0", "0", "Tahun", "1", ""],
            [t, kd, f"{kd}00.00.00.", "4.2.3.01.", "", "1", "ADD", "ADD", "1", "640000000", "640000000", "640000000", "0", "0", "Tahun", "1", ""],
            [t, kd, f"{kd}01.01.01.", "5.1.1.01.", "", "1", "ADD", "Siltap Kades", "12", "30000000", "360000000", "360000000", "0", "0", "Bulan", "12", ""],
            [t, kd, f"{kd}02.03.01.", "5.3.5.01.", "", "1", "DDS", "Semen", "500", "1000000", "500000000", "650000000", "0", "0", "Sak", "650", ""],
            [t, kd, f"{kd}02.03.01.", "5.3.5.01.", "", "2", "DDS", "Upah", "1", "350000000", "350000000", "350000000", "0", "0", "OK", "1", ""],
            [t, kd, f"{kd}04.02.01.", "5.2.2.01.", "", "1", "PAD", "Honor narasumber", "5", "5000000", "25000000", "25000000", "0", "0", "OJ", "5", ""],
            [t, kd, f"{kd}00.00.00.", "6.1.1.01.", "", "1", "SILPA", "SiLPA", "1", "70000000", "70000000", "70000000", "0", "0", "Tahun", "1", ""],
        ]  # fmt: skip
        tbp += [[t, f"TBP-{kd}1", "03/15/" + t + " 00:00:00", kd, "Penerimaan DD tahap 1"],
                [t, f"TBP-{kd}2", "08/20/" + t + " 00:00:00", kd, "Penerimaan DD tahap 2"]]  # fmt: skip
        tbp_rinci += [[t, f"TBP-{kd}1", kd, f"{kd}00.00.00.", "4.2.1.01.", "DDS", "DDS", "460000000"],
                      [t, f"TBP-{kd}2", kd, f"{kd}00.00.00.", "4.2.1.01.", "DDS", "DDS", "460000000"]]  # fmt: skip
        spj += [[t, f"SPJ-{kd}1", "05/31/" + t + " 00:00:00", kd, "SPP1"],
                [t, f"SPJ-{kd}2", "10/10/" + t + " 00:00:00", kd, "SPP2"]]  # fmt: skip
        spj_rinci += [[t, f"SPJ-{kd}1", f"{kd}02.03.01.", "5.3.5.01.", "DDS", kd, "SPP1", "300000000", "300000000", "0"],
                      [t, f"SPJ-{kd}2", f"{kd}02.03.01.", "5.3.5.01.", "DDS", kd, "SPP2", "250000000", "250000000", "0"],
                      [t, f"SPJ-{kd}1", f"{kd}01.01.01.", "5.1.1.01.", "ADD", kd, "SPP1", "180000000", "180000000", "0"]]  # fmt: skip
    files["Ta_Kegiatan.csv"] = _csv(
        ["Tahun", "Kd_Desa", "Kd_Bid", "Kd_Keg", "ID_Keg", "Nama_Kegiatan", "Pagu", "Pagu_PAK", "Nm_PPTKD",
         "NIP_PPTKD", "Lokasi", "Waktu", "Keluaran", "Sumberdana"], kegiatan)  # fmt: skip
    files["Ta_RABRinci.csv"] = _csv(
        ["Tahun", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "Kd_SubRinci", "No_Urut", "SumberDana", "Uraian", "JmlSatuan",
         "HrgSatuan", "Anggaran", "AnggaranStlhPAK", "AnggaranPAK", "JmlSatuanPAK", "Satuan", "HrgSatuanPAK", "Kode_SBU"],
        rinci)  # fmt: skip
    files["Ta_TBP.csv"] = _csv(["Tahun", "No_Bukti", "Tgl_Bukti", "Kd_Desa", "Uraian"], tbp)
    files["Ta_TBPRinci.csv"] = _csv(
        ["Tahun", "No_Bukti", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "RincianSD", "SumberDana", "nilai"], tbp_rinci
    )
    files["Ta_SPJ.csv"] = _csv(["Tahun", "No_SPJ", "Tgl_SPJ", "Kd_Desa", "No_SPP"], spj)
    files["Ta_SPJRinci.csv"] = _csv(
        ["Tahun", "No_SPJ", "Kd_Keg", "Kd_Rincian", "Sumberdana", "Kd_Desa", "No_SPP", "JmlCair", "Nilai", "Sisa"],
        spj_rinci,
    )
    files.update(ubah or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            if data is not None:
                z.writestr(name, data)
    return out.getvalue()
