"""What a village must publish periodically (Perki 1/2018 on informasi berkala desa), as data:
the completeness checklist the PPID, the kecamatan and the kabupaten see.

`umur_hari`: after how many days without a newer item the information counts as out of date
(None: it stays valid until replaced, like a regulation or a procedure). A DIP entry fulfils an
item when the PPID tags it (`InformasiPublik.wajib`); another module's published pages fulfil
it through its DipSource (`balai.core.registry.DipSource(..., wajib=key)`)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Wajib:
    key: str
    label: str
    umur_hari: int | None = 365


WAJIB = (
    Wajib("profil", "Profil desa (lokasi, sejarah, visi dan misi, data wilayah dan penduduk)", None),
    Wajib("struktur", "Struktur organisasi, tugas dan fungsi, serta daftar perangkat desa", None),
    Wajib("program", "Program dan kegiatan desa yang sedang berjalan", 365),
    Wajib("rpjmdes", "Rencana Pembangunan Jangka Menengah Desa (RPJMDes)", 6 * 365),
    Wajib("rkpdes", "Rencana Kerja Pemerintah Desa (RKPDes) tahun berjalan", 365),
    Wajib("apbdes", "APBDes dan Peraturan Desa tentang APBDes tahun berjalan", 365),
    Wajib("realisasi", "Laporan realisasi pelaksanaan APBDes dan laporan keuangan", 365),
    Wajib("perdes", "Peraturan desa dan peraturan kepala desa", None),
    Wajib("ppid", "Hak dan tata cara memperoleh informasi publik (maklumat dan prosedur PPID)", None),
    Wajib("laporan_layanan", "Laporan layanan informasi publik tahunan", 365 + 90),
    Wajib("pengaduan", "Tata cara pengaduan penyalahgunaan wewenang", None),
    Wajib("pengadaan", "Pengumuman pengadaan barang dan jasa", 365),
    Wajib("darurat", "Prosedur peringatan dini dan evakuasi keadaan darurat", None),
)
WAJIB_BY_KEY = {w.key: w for w in WAJIB}
WAJIB_CHOICES = [(w.key, w.label) for w in WAJIB]
