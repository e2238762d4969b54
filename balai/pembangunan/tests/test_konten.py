"""The content check (balai.core.konten) on projects: a gambling project or progress note keeps the
project off the public site until the kabupaten releases it."""

from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.keamanan import services as keamanan
from balai.keamanan.models import Penahanan

SPAM = "slot gacor maxwin daftar sekarang di mahkota88"


def test_gambling_project_and_note_are_held_normal_project_publishes_release_publishes(
    buat, desa_a, client_for, make_user
):
    client = client_for(desa_a)
    normal = buat.proyek(uraian="Pengecoran jalan lingkungan sepanjang 150 meter oleh warga.")
    assert normal.terbit and client.get(f"/pembangunan/{normal.slug}/").status_code == 200

    held = buat.proyek(nama="Talud Dusun Kedunglegok", uraian=SPAM)
    assert held.terbit is False
    assert client.get(f"/pembangunan/{held.slug}/").status_code == 404
    with scopes_disabled():
        hold = Penahanan.objects.get()
        assert hold.objek_id == str(held.pk)
        keamanan.lepaskan(penahanan=hold, actor=make_user(Peran.ADMIN_KABUPATEN, username="dinkominfo"))
        held.refresh_from_db()
    assert held.terbit is True and client.get(f"/pembangunan/{held.slug}/").status_code == 200

    buat.progres(normal, persen=40, foto=0, catatan="Pengecoran tahap pertama selesai.")
    buat.progres(normal, persen=60, foto=0, catatan=SPAM)
    with scopes_disabled():
        normal.refresh_from_db()
        assert normal.terbit is False and Penahanan.objects.filter(objek_id=str(normal.pk)).exists()
