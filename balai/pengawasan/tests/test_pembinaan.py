from datetime import timedelta

import pytest
from django.utils import timezone

from balai.akun.models import Peran
from balai.pengawasan import services
from balai.pengawasan.models import DukunganUsulan, Panduan, Siaran, Usulan

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_kab(make_user):
    return make_user(Peran.ADMIN_KABUPATEN)


def test_a_village_proposes_and_a_similar_proposal_becomes_support(client_for, desa_a, desa_b, make_user):
    a = client_for(desa_a, make_user(Peran.OPERATOR_DESA, desa=desa_a))
    jawab = a.post(
        "/admin-desa/usulan/", {"judul": "Fitur surat online untuk warga", "uraian": "Warga bisa minta surat."}
    )
    assert jawab.status_code == 302
    usulan = Usulan.objects.get()
    assert usulan.pengusul == desa_a and usulan.jumlah_dukungan == 1
    b = client_for(desa_b, make_user(Peran.OPERATOR_DESA, desa=desa_b))
    jawab = b.post("/admin-desa/usulan/", {"judul": "Layanan surat online warga", "uraian": "Sama."}, follow=True)
    assert "Usulan serupa sudah ada" in jawab.content.decode()
    assert Usulan.objects.count() == 1
    usulan.refresh_from_db()
    assert usulan.jumlah_dukungan == 2
    # A different need is a proposal of its own.
    b.post("/admin-desa/usulan/", {"judul": "Lapak online produk desa", "uraian": "Pasar."})
    assert Usulan.objects.count() == 2
    # Every village reads every proposal.
    assert "Lapak online produk desa" in a.get("/admin-desa/usulan/").content.decode()


def test_support_counts_once_per_village(client_for, desa_a, desa_b, make_user, admin_kab):
    usulan, _ = services.ajukan_usulan(desa=desa_a, judul="Absensi perangkat", uraian="x", actor=admin_kab)
    b = client_for(desa_b, make_user(Peran.KEPALA_DESA, desa=desa_b))
    for _ in range(3):
        assert b.post(f"/admin-desa/usulan/{usulan.pk}/").status_code == 302
    usulan.refresh_from_db()
    assert usulan.jumlah_dukungan == 2 == DukunganUsulan.objects.count()


def test_a_role_without_the_permission_cannot_propose(client_for, desa_a, make_user):
    perangkat = client_for(desa_a, make_user(Peran.PERANGKAT_DESA, desa=desa_a))
    assert perangkat.get("/admin-desa/usulan/").status_code == 200
    assert perangkat.post("/admin-desa/usulan/", {"judul": "x y z", "uraian": "x"}).status_code == 403
    assert not Usulan.objects.exists()


def test_the_kabupaten_answers_and_a_refusal_needs_its_reason(client_for, kabupaten, desa_a, admin_kab):
    usulan, _ = services.ajukan_usulan(desa=desa_a, judul="Aplikasi ronda", uraian="x", actor=admin_kab)
    client = client_for(kabupaten, admin_kab)
    jawab = client.post(f"/dasbor/usulan/{usulan.pk}/", {"status": "ditolak", "jawaban": ""})
    assert jawab.status_code == 200 and "harus disertai alasannya" in jawab.content.decode()
    assert (
        client.post(f"/dasbor/usulan/{usulan.pk}/", {"status": "direncanakan", "jawaban": "Tahun depan."}).status_code
        == 302
    )
    usulan.refresh_from_db()
    assert usulan.status == "direncanakan" and usulan.dijawab_pada


def test_a_broadcast_reaches_the_villages_it_is_for(
    client_for, kabupaten, kaligondang, desa_a, desa_b, make_user, admin_kab
):
    besok = (timezone.localdate() + timedelta(days=1)).isoformat()
    kab = client_for(kabupaten, admin_kab)
    kab.post(
        "/dasbor/siaran/",
        {
            "judul": "Rapat operator Kaligondang",
            "isi": "Senin.",
            "berlaku_sampai": besok,
            "untuk_kecamatan": kaligondang.pk,
        },
    )
    kec = client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang))
    kec.post("/dasbor/siaran/", {"judul": "Lomba desa", "isi": "Daftar.", "berlaku_sampai": besok})
    Siaran.objects.create(
        kabupaten=kabupaten, judul="Sudah lewat", isi="x", berlaku_sampai=timezone.localdate() - timedelta(days=1)
    )
    assert Siaran.objects.get(judul="Lomba desa").untuk_kecamatan == kaligondang
    dasbor_a = client_for(desa_a, make_user(Peran.OPERATOR_DESA, desa=desa_a)).get("/admin-desa/").content.decode()
    dasbor_b = client_for(desa_b, make_user(Peran.OPERATOR_DESA, desa=desa_b)).get("/admin-desa/").content.decode()
    assert "Rapat operator Kaligondang" in dasbor_a and "Lomba desa" in dasbor_a and "Sudah lewat" not in dasbor_a
    assert "Rapat operator" not in dasbor_b and "Lomba desa" not in dasbor_b


def test_guides_are_sanitised_and_read_by_their_roles(client_for, kabupaten, desa_a, make_user, admin_kab):
    kab = client_for(kabupaten, admin_kab)
    jawab = kab.post(
        "/dasbor/panduan/baru/",
        {
            "judul": "Menjawab permohonan informasi",
            "untuk": "ppid",
            "ringkasan": "",
            "isi": "<p>Langkah</p><script>alert(1)</script>",
            "urutan": 1,
        },
    )
    assert jawab.status_code == 302
    ppid = Panduan.objects.get()
    assert "<script" not in ppid.isi and "Langkah" in ppid.isi
    services.simpan_panduan(
        panduan=Panduan(kabupaten=kabupaten, judul="Terbit setiap hari", untuk="operator", isi="<p>Tulis berita</p>"),
        actor=admin_kab,
    )
    operator = client_for(desa_a, make_user(Peran.OPERATOR_DESA, desa=desa_a))
    daftar = operator.get("/admin-desa/panduan/").content.decode()
    assert "Terbit setiap hari" in daftar and "Menjawab permohonan" not in daftar
    assert operator.get(f"/admin-desa/panduan/{ppid.pk}/").status_code == 404
    petugas_ppid = client_for(desa_a, make_user(Peran.PPID_DESA, desa=desa_a))
    assert "Langkah" in petugas_ppid.get(f"/admin-desa/panduan/{ppid.pk}/").content.decode()
