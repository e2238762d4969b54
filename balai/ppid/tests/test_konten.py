"""The content check (balai.core.konten) on the DIP: a gambling entry stays unpublished until released."""

import pytest
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.keamanan import services as keamanan
from balai.keamanan.models import Penahanan
from balai.ppid import services
from balai.ppid.models import InformasiPublik

pytestmark = pytest.mark.django_db

SPAM_TERSEMBUNYI = (
    'Laporan realisasi APBDes semester I.<div style="display:none">'
    '<a href="https://mahkota88.example/">slot gacor</a></div>'
)


def _simpan(desa, actor, judul, ringkasan):
    informasi = InformasiPublik(
        kategori="berkala", judul=judul, ringkasan=ringkasan, penguasa="Sekdes", penanggung_jawab="Kades",
    )  # fmt: skip
    with scope(desa=desa):
        return services.simpan_informasi(desa=desa, actor=actor, informasi=informasi)


def test_gambling_dip_entry_is_held_normal_one_publishes_and_release_publishes(
    desa_a, operator_a, client_for, make_user
):
    held = _simpan(desa_a, operator_a, "Realisasi APBDes", SPAM_TERSEMBUNYI)
    normal = _simpan(desa_a, operator_a, "RKP Desa 2026", "Rencana kerja pemerintah desa tahun 2026.")
    assert held.terbit is False and normal.terbit is True
    with scopes_disabled():
        hold = Penahanan.objects.get()
    assert hold.objek_id == str(held.pk) and "display:none" in hold.teks["ringkasan"]
    client = client_for(desa_a)
    assert client.get(f"/ppid/informasi/{held.pk}/").status_code == 404
    assert client.get(f"/ppid/informasi/{normal.pk}/").status_code == 200

    with scopes_disabled():
        keamanan.lepaskan(penahanan=hold, actor=make_user(Peran.ADMIN_KABUPATEN, username="dinkominfo"))
        held.refresh_from_db()
    assert held.terbit is True
    assert client.get(f"/ppid/informasi/{held.pk}/").status_code == 200
