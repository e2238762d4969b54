"""Every change to a village website. Each function runs in one transaction, validates, writes
one audit entry and invalidates the village's cached public pages after commit."""

from .artikel import hapus_artikel, pulihkan_revisi, simpan_artikel, terbitkan_jatuh_tempo, terbitkan_semua_jatuh_tempo
from .komentar import kirim_komentar, moderasi_komentar
from .situs import (
    atur_ambang_kesegaran,
    hapus_halaman,
    hapus_kategori,
    hapus_menu,
    hapus_perangkat,
    simpan_halaman,
    simpan_kategori,
    simpan_menu,
    simpan_pengaturan,
    simpan_perangkat,
)

__all__ = [
    "atur_ambang_kesegaran",
    "hapus_artikel",
    "hapus_halaman",
    "hapus_kategori",
    "hapus_menu",
    "hapus_perangkat",
    "kirim_komentar",
    "moderasi_komentar",
    "pulihkan_revisi",
    "simpan_artikel",
    "simpan_halaman",
    "simpan_kategori",
    "simpan_menu",
    "simpan_pengaturan",
    "simpan_perangkat",
    "terbitkan_jatuh_tempo",
    "terbitkan_semua_jatuh_tempo",
]
