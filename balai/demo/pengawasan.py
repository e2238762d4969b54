"""Demo data: the seven kecamatan that run Sipande, and the activity score of every village
computed from what the other builders made (so it runs last)."""

from balai.pengawasan.models import KecamatanSipande
from balai.pengawasan.services import hitung_skor
from balai.wilayah.models import Kecamatan

SIPANDE = ["Kaligondang", "Mrebet", "Rembang", "Karangmoncol", "Karanganyar", "Bojongsari", "Pengadegan"]


def seed(*, villages, showcase, rng, fake, stdout):
    kabupaten = showcase.kecamatan.kabupaten
    for kecamatan in Kecamatan.objects.filter(kabupaten=kabupaten, nama__in=SIPANDE):
        KecamatanSipande.objects.get_or_create(kecamatan=kecamatan)
    n = hitung_skor(kabupaten=kabupaten)
    stdout.write(f"Skor aktivitas {n} desa dihitung; {len(SIPANDE)} kecamatan memakai Sipande.")
