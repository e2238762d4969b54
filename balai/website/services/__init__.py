"""Every change to a village website. Each function runs in one transaction, validates, writes
one audit entry and invalidates the village's cached public pages after commit."""

from balai.core import audit, sitecache

from ..models import Artikel, Halaman, Komentar, Perangkat
from .artikel import (
    hapus_artikel,
    pulihkan_revisi,
    simpan_artikel,
    terbitkan_ditinjau,
    terbitkan_jatuh_tempo,
    terbitkan_semua_jatuh_tempo,
)
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

# Readable names of this app's audit actions (registered in apps.py; see balai.core.audit).
AUDIT_LABELS = {
    "artikel.dibuat": "Artikel dibuat",
    "artikel.diubah": "Artikel diubah",
    "artikel.diterbitkan": "Artikel diterbitkan",
    "artikel.dijadwalkan": "Artikel dijadwalkan",
    "artikel.dihapus": "Artikel dihapus",
    "artikel.revisi_dipulihkan": "Revisi artikel dipulihkan",
    "komentar.dikirim": "Komentar dikirim warga",
    "komentar.disetujui": "Komentar disetujui",
    "komentar.ditolak": "Komentar ditolak",
    "halaman.dibuat": "Halaman dibuat",
    "halaman.diubah": "Halaman diubah",
    "halaman.dihapus": "Halaman dihapus",
    "perangkat.dibuat": "Perangkat desa ditambah",
    "perangkat.diubah": "Perangkat desa diubah",
    "perangkat.dihapus": "Perangkat desa dihapus",
    "menu_situs.dibuat": "Menu situs ditambah",
    "menu_situs.diubah": "Menu situs diubah",
    "menu_situs.dihapus": "Menu situs dihapus",
    "kategori.dibuat": "Kategori artikel ditambah",
    "kategori.diubah": "Kategori artikel diubah",
    "kategori.dihapus": "Kategori artikel dihapus",
    "situs.pengaturan.dibuat": "Tampilan situs diatur",
    "situs.pengaturan.diubah": "Tampilan situs diubah",
    "kabupaten.ambang_kesegaran_diubah": "Ambang kesegaran situs diubah",
    "situs.dilepas_pemeriksaan": "Ditampilkan setelah ditinjau pemeriksaan konten",
}


def terbitkan_setelah_tinjau(*, obj, actor):
    """Publish what the content check held (balai.core.konten), once the kabupaten released it."""
    if isinstance(obj, Artikel):
        return terbitkan_ditinjau(artikel=obj, actor=actor)
    if isinstance(obj, Komentar):
        return moderasi_komentar(komentar=obj, actor=actor, status=Komentar.Status.DISETUJUI)
    field = {Halaman: "terbit", Perangkat: "aktif"}[type(obj)]
    setattr(obj, field, True)
    obj.save(update_fields=[field])
    audit.record(
        action="situs.dilepas_pemeriksaan", actor=actor, desa=obj.desa, obj=obj, changes={field: [False, True]}
    )
    sitecache.bump_on_commit(obj.desa_id)


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
    "terbitkan_setelah_tinjau",
    "terbitkan_semua_jatuh_tempo",
]
