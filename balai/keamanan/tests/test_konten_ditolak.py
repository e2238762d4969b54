"""A text refused at saving (its object cannot wait unpublished, like the village profile)
leaves the same trace as a held one: a record on the kabupaten's list, an audit entry, mail to
the kabupaten and a line in the village's alert. Nothing of the refused text is saved."""

from django.core import mail
from django_scopes import scopes_disabled

from balai.core.models import AuditEntry
from balai.keamanan import selectors
from balai.keamanan.models import Penahanan

SPAM = "Jl. Raya 1, daftar slot gacor maxwin di mahkota88 sekarang"


def test_a_refused_profile_is_recorded_for_the_kabupaten(
    client_for, admin_a, admin_kab, desa_a, kabupaten, django_capture_on_commit_callbacks
):
    data = {"alamat_kantor": SPAM, "lat": "", "lng": ""}
    with django_capture_on_commit_callbacks(execute=True):
        jawab = client_for(desa_a, admin_a).post("/admin-desa/profil/", data)
    assert jawab.status_code == 200
    desa_a.refresh_from_db()
    assert "gacor" not in desa_a.alamat_kantor
    with scopes_disabled():
        tolak = Penahanan.objects.get(desa=desa_a)
        assert tolak.status == Penahanan.Status.DITOLAK and not tolak.terbuka
        assert tolak.penulis == admin_a and tolak.jenis.model == "desa" and tolak.objek_id == str(desa_a.pk)
        assert "gacor" in tolak.teks["alamat_kantor"] and tolak.temuan and tolak.terbitkan == ""
        audit = AuditEntry.objects.get(action="keamanan.konten_ditolak")
    assert audit.desa == desa_a and audit.actor == admin_a
    assert [m.subject for m in mail.outbox] == [f"[Balai] Konten ditolak di Desa {desa_a.nama}"]
    assert admin_kab.email in mail.outbox[0].to

    assert selectors.peringatan_temuan([desa_a.pk]) == [
        (desa_a.pk, "1 teks ditolak pemeriksaan judi online dalam 7 hari terakhir.")
    ]
    kab = client_for(kabupaten, admin_kab)
    daftar = kab.get("/dasbor/keamanan/ditahan/?status=ditolak").content.decode()
    assert desa_a.nama in daftar and "Ditolak saat disimpan" in daftar
    detail = kab.get(f"/dasbor/keamanan/ditahan/{tolak.pk}/").content.decode()
    assert "mahkota88" in detail and "Simpan keputusan" not in detail  # nothing to release
    assert kab.get("/dasbor/keamanan/ditahan/").content.decode().count(desa_a.nama) == 0  # not in the queue


def test_a_text_that_passes_leaves_no_record(client_for, admin_a, desa_a):
    data = {"alamat_kantor": "Jl. Raya Selakambang No. 12", "lat": "", "lng": ""}
    assert client_for(desa_a, admin_a).post("/admin-desa/profil/", data).status_code == 302
    with scopes_disabled():
        assert not Penahanan.objects.exists()
