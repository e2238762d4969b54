"""Import of a Siskeudes export: the zip of Siskeudes tables as CSV files (one per table,
header row first: Ta_RABRinci.csv, Ta_Kegiatan.csv, Ref_Desa.csv, ...), the same file OpenSID
takes in its Keuangan module, so a village never types its budget twice.

What is read:
- Ref_Desa (Kd_Desa, Nama_Desa) and Ref_Kecamatan (Kd_Kec, Nama_Kecamatan): which villages the
  file holds; a file of another village is refused, naming the villages it holds. One export
  may hold several villages (a kecamatan's); only this village's rows are taken.
- Ta_RABRinci (Tahun, Kd_Desa, Kd_Keg, Kd_Rincian, SumberDana, Anggaran, AnggaranStlhPAK): the
  budget details, summed per kegiatan, account (rek 4, "5.2.1.01.") and sumber dana into lines;
  Anggaran for the APBDes awal, AnggaranStlhPAK for a perubahan. A file of another year is
  refused, naming its year.
- Ta_Kegiatan (Kd_Keg, Nama_Kegiatan, Sumberdana, Lokasi, Keluaran): the kegiatan; Kd_Keg is
  Kd_Desa followed by bidang, sub-bidang and kegiatan ("05.01." + "02.03.01.").
- Ref_Rek4 (Obyek, Nama_Obyek), when present: the accounts' names.
- Ta_TBP/Ta_TBPRinci (income received) and Ta_SPJ/Ta_SPJRinci (spending accounted for):
  realisation, by the month of Tgl_Bukti / Tgl_SPJ.
- Ta_Desa (No_Perdes), when present."""

import csv
import io
import re
import zipfile
from collections import defaultdict
from datetime import datetime
from decimal import Decimal

from . import kode as k
from .rancangan import BarisRancangan, BerkasTidakValid, BukanAngka, KegiatanRancangan, Rancangan, rupiah

MAKS_TERURAI = 200 * 1024 * 1024
WAJIB = {
    "Ta_RABRinci.csv": ("Tahun", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "SumberDana", "Anggaran", "AnggaranStlhPAK"),
    "Ta_Kegiatan.csv": ("Tahun", "Kd_Desa", "Kd_Keg", "Nama_Kegiatan"),
    "Ref_Desa.csv": ("Kd_Desa", "Nama_Desa"),
}
BUKAN_SISKEUDES = (
    "Berkas ini bukan ekspor Siskeudes: unggah berkas .zip berisi tabel Siskeudes (Ta_RABRinci.csv dan lainnya)."
)


def _nama(teks):
    """ "DESA  Selakambang" -> "selakambang": names compared without prefix, case or spacing."""
    teks = re.sub(r"[^a-z0-9 ]", " ", str(teks).lower())
    teks = re.sub(r"^\s*(desa|kelurahan|kel|ds)\s+", "", teks)
    return " ".join(teks.split())


class Arsip:
    """The CSV tables of the zip, by file name (case-insensitive, folders ignored)."""

    def __init__(self, isi):
        if not isi.startswith(b"PK\x03\x04"):
            raise BerkasTidakValid(BUKAN_SISKEUDES)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(isi))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise BerkasTidakValid("Berkas zip rusak atau tidak lengkap; ekspor ulang dari Siskeudes.") from None
        if sum(i.file_size for i in infos) > MAKS_TERURAI:
            raise BerkasTidakValid("Isi berkas zip terlalu besar setelah dibuka; ini bukan ekspor Siskeudes satu desa.")
        self.nama = {i.filename.rsplit("/", 1)[-1].lower(): i for i in infos if not i.is_dir()}

    def ada(self, nama):
        return nama.lower() in self.nama

    def tabel(self, nama):
        """[(row number, {column: value})] of a table; [] when the file is absent."""
        info = self.nama.get(nama.lower())
        if info is None:
            return []
        try:
            raw = self.zip.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise BerkasTidakValid(f"{nama} di dalam zip rusak; ekspor ulang dari Siskeudes.") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        if "\x00" in text:
            raise BerkasTidakValid(f"{nama} bukan berkas CSV (berisi data biner).")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows:
            return []
        header = [h.strip() for h in rows[0]]
        hasil = []
        for nomor, row in enumerate(rows[1:], start=2):
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise BerkasTidakValid(
                    f"{nama} baris {nomor}: {len(row)} kolom, padahal judulnya {len(header)} kolom. Berkas rusak."
                )
            hasil.append((nomor, {h: c.strip() for h, c in zip(header, row, strict=True)}))
        return hasil

    def periksa_kolom(self, nama, kolom):
        info = self.nama.get(nama.lower())
        first = self.zip.read(info).decode("utf-8-sig", errors="replace").splitlines()[:1]
        header = [h.strip() for h in next(csv.reader(first), [])]
        kurang = [c for c in kolom if c not in header]
        if kurang:
            raise BerkasTidakValid(
                f"{nama} tidak berisi kolom {', '.join(kurang)}; ini bukan ekspor Siskeudes yang dikenal."
            )


def _tanggal(teks):
    for fmt in ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(teks.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _kode_kegiatan(kd_keg, kd_desa):
    """Our kegiatan code from Siskeudes' Kd_Keg ("05.01.02.03.01." -> "2.3.01"); None for the
    non-kegiatan rows of pendapatan and pembiayaan ("05.01.00.00.00.")."""
    rest = kd_keg[len(kd_desa) :] if kd_keg.startswith(kd_desa) else kd_keg
    parts = [p for p in rest.strip(".").split(".") if p]
    if len(parts) < 3 or not all(p.isdigit() for p in parts[-3:]):
        return None
    kode = ".".join(parts[-3:])
    return k.kode_kegiatan(kode) if k.kode_kegiatan_valid(kode) else None


def _desa_dalam(arsip):
    """{Kd_Desa: "Desa X (Kecamatan Y)"} and {Kd_Desa: normalised name}."""
    kec = {r["Kd_Kec"]: r.get("Nama_Kecamatan", "") for _, r in arsip.tabel("Ref_Kecamatan.csv") if "Kd_Kec" in r}
    label, nama = {}, {}
    for _, r in arsip.tabel("Ref_Desa.csv"):
        kecamatan = kec.get(r.get("Kd_Kec", ""), "")
        label[r["Kd_Desa"]] = f"Desa {r['Nama_Desa'].strip()}" + (
            f" (Kecamatan {kecamatan.strip()})" if kecamatan else ""
        )
        nama[r["Kd_Desa"]] = _nama(r["Nama_Desa"])
    return label, nama


def baca(isi, *, desa, tahun, perubahan=False):
    arsip = Arsip(isi)
    for nama, kolom in WAJIB.items():
        if not arsip.ada(nama):
            isi_zip = ", ".join(sorted(arsip.nama)[:8]) or "kosong"
            raise BerkasTidakValid(f"{BUKAN_SISKEUDES} Tidak ada {nama} (isi zip: {isi_zip}).")
        arsip.periksa_kolom(nama, kolom)

    label, nama = _desa_dalam(arsip)
    rinci = arsip.tabel("Ta_RABRinci.csv")
    dipakai = {r["Kd_Desa"] for _, r in rinci}
    milik = [kd for kd in dipakai if nama.get(kd) == _nama(desa.nama)]
    if not milik:
        isinya = ", ".join(sorted(label.get(kd, f"kode desa {kd}") for kd in dipakai)) or "tidak ada anggaran desa"
        raise BerkasTidakValid(
            f"Berkas Siskeudes ini berisi data {isinya}, bukan Desa {desa.nama}. Unggah ekspor desa Anda."
        )
    if len(milik) > 1:
        raise BerkasTidakValid(f"Berkas berisi lebih dari satu desa bernama {desa.nama} (kode {', '.join(milik)}).")
    kd_desa = milik[0]
    rinci = [(n, r) for n, r in rinci if r["Kd_Desa"] == kd_desa]
    tahun_berkas = sorted({r["Tahun"] for _, r in rinci})
    if tahun_berkas != [str(tahun)]:
        raise BerkasTidakValid(
            f"Berkas Siskeudes ini berisi APBDes {label[kd_desa]} tahun {', '.join(tahun_berkas)}, "
            f"bukan tahun {tahun}. "
            f"Pilih tahun yang sesuai atau ekspor tahun {tahun} dari Siskeudes."
        )

    rancangan = Rancangan(tahun=tahun, keterangan=f"Siskeudes: {label[kd_desa]}, tahun {tahun}")
    for _, r in arsip.tabel("Ta_Desa.csv"):
        if r.get("Kd_Desa") == kd_desa and r.get("Tahun") == str(tahun):
            rancangan.nomor_perdes = (r.get("No_Perdes_PB") if perubahan else "") or r.get("No_Perdes", "")
    nama_rek = {
        k.normal_kode(r["Obyek"]): r.get("Nama_Obyek", "") for _, r in arsip.tabel("Ref_Rek4.csv") if "Obyek" in r
    }

    for n, r in arsip.tabel("Ta_Kegiatan.csv"):
        if r["Kd_Desa"] != kd_desa or r["Tahun"] != str(tahun):
            continue
        kode = _kode_kegiatan(r["Kd_Keg"], kd_desa)
        if kode is None:
            rancangan.tambah_galat(f"Ta_Kegiatan baris {n}", "Kd_Keg", f"Kode kegiatan “{r['Kd_Keg']}” tidak dikenal.")
            continue
        rancangan.kegiatan[kode] = KegiatanRancangan(
            kode=kode,
            nama=r["Nama_Kegiatan"] or k.SUB_BIDANG.get(".".join(kode.split(".")[:2]), kode),
            sumber_dana=r.get("Sumberdana", ""),
            lokasi=r.get("Lokasi", ""),
            keluaran=r.get("Keluaran", ""),
        )

    kolom = "AnggaranStlhPAK" if perubahan else "Anggaran"
    lines = {}  # (kegiatan, rekening, sumber) -> BarisRancangan
    ada_perubahan = False
    for n, r in rinci:
        asal = f"Ta_RABRinci baris {n}"
        rek = k.normal_kode(r["Kd_Rincian"])
        if not k.kode_valid(rek):
            rancangan.tambah_galat(asal, "Kd_Rincian", f"Kode rekening “{r['Kd_Rincian']}” tidak dikenal.")
            continue
        try:
            anggaran = rupiah(r[kolom])
            ada_perubahan |= rupiah(r["AnggaranStlhPAK"] or 0) != rupiah(r["Anggaran"] or 0)
        except BukanAngka as exc:
            rancangan.tambah_galat(asal, kolom, f"{kolom} {exc}.")
            continue
        kegiatan = ""
        if rek[0] == k.BELANJA:
            kegiatan = _kode_kegiatan(r["Kd_Keg"], kd_desa)
            if kegiatan not in rancangan.kegiatan:
                rancangan.tambah_galat(asal, "Kd_Keg", f"Kegiatan “{r['Kd_Keg']}” tidak ada di Ta_Kegiatan.")
                continue
        sumber = r["SumberDana"].upper()
        key = (kegiatan, rek, sumber)
        if key not in lines:
            lines[key] = BarisRancangan(
                kode=rek, uraian=nama_rek.get(rek) or k.nama_akun(rek), anggaran=Decimal(0), sumber_dana=sumber,
                kegiatan=kegiatan, asal=asal,
            )  # fmt: skip
        lines[key].anggaran += anggaran
    if ada_perubahan and not perubahan:
        rancangan.tambah_peringatan(
            "", "AnggaranStlhPAK",
            "Berkas ini juga memuat anggaran setelah perubahan (PAK). Yang diimpor adalah APBDes awal; untuk "
            "APBDes Perubahan, buat versi perubahan dulu lalu impor berkas ini lagi.",
        )  # fmt: skip

    _realisasi(arsip, rancangan, lines, kd_desa, tahun)
    rancangan.baris = [b for b in lines.values() if b.anggaran or b.realisasi]
    if not rancangan.baris and not rancangan.jumlah_galat:
        raise BerkasTidakValid(f"Berkas tidak berisi rincian anggaran {label[kd_desa]} tahun {tahun}.")
    return rancangan


def _realisasi(arsip, rancangan, lines, kd_desa, tahun):
    """Income received (TBP) and spending accounted for (SPJ), by month, onto the lines."""
    sumber = [
        ("Ta_TBP.csv", "No_Bukti", "Tgl_Bukti", "Ta_TBPRinci.csv", "No_Bukti", "nilai"),
        ("Ta_SPJ.csv", "No_SPJ", "Tgl_SPJ", "Ta_SPJRinci.csv", "No_SPJ", "Nilai"),
    ]
    per_rek = defaultdict(list)
    for key, b in lines.items():
        per_rek[key[:2]].append(b)
    for induk, no, tgl, anak, no_anak, nilai in sumber:
        tanggal = {r[no]: _tanggal(r.get(tgl, "")) for _, r in arsip.tabel(induk) if r.get("Kd_Desa") == kd_desa}
        for n, r in arsip.tabel(anak):
            if r.get("Kd_Desa") != kd_desa or r.get("Tahun") != str(tahun):
                continue
            asal = f"{anak.removesuffix('.csv')} baris {n}"
            kolom_nilai = nilai if nilai in r else nilai.capitalize()
            try:
                jumlah = rupiah(r.get(kolom_nilai, ""))
            except BukanAngka as exc:
                rancangan.tambah_galat(asal, kolom_nilai, f"{kolom_nilai} {exc}.")
                continue
            tgl_bukti = tanggal.get(r.get(no_anak, ""))
            if tgl_bukti is None or tgl_bukti.year != tahun:
                rancangan.tambah_peringatan(
                    asal, tgl, f"Bukti {r.get(no_anak, '')} tanpa tanggal tahun {tahun}; diabaikan."
                )
                continue
            rek = k.normal_kode(r.get("Kd_Rincian", ""))
            kegiatan = _kode_kegiatan(r.get("Kd_Keg", ""), kd_desa) if rek[:1] == k.BELANJA else ""
            sd = (r.get("SumberDana") or r.get("Sumberdana") or "").upper()
            b = lines.get((kegiatan, rek, sd)) or next(iter(per_rek.get((kegiatan, rek), [])), None)
            if b is None:
                rancangan.tambah_peringatan(
                    asal, "Kd_Rincian", f"Realisasi {rek} tidak punya anggaran di Ta_RABRinci; diabaikan."
                )
                continue
            periode = (1 if tgl_bukti.month <= 6 else 2, tgl_bukti.month)
            b.realisasi[periode] = b.realisasi.get(periode, Decimal(0)) + jumlah
