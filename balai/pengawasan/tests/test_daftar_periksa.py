"""The pembinaan checklist: the kabupaten defines the items, the kecamatan (its own villages)
and the kabupaten tick them, the village reads its own, and the activity score reads the share
done as its part "pembinaan"."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.pengawasan import pembinaan, services
from balai.pengawasan.models import ButirPembinaan, CapaianPembinaan, PengaturanSkor, SkorDesa
from balai.wilayah.models import Desa

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_kab(make_user):
    return make_user(Peran.ADMIN_KABUPATEN)


@pytest.fixture
def butir(kabupaten):
    pembinaan.pastikan_butir_awal(kabupaten=kabupaten)
    return list(ButirPembinaan.objects.filter(kabupaten=kabupaten))


@pytest.fixture
def kec(client_for, make_user, kaligondang):
    return client_for(kaligondang, make_user(Peran.OPERATOR_KECAMATAN, kecamatan=kaligondang))


def _capaian(desa):
    with scopes_disabled():
        return CapaianPembinaan.objects.filter(desa=desa)


def test_the_kabupaten_starts_with_the_default_items_and_edits_them(client_for, kabupaten, admin_kab):
    kab = client_for(None, admin_kab)
    halaman = kab.get("/dasbor/pembinaan/butir/").content.decode()
    assert "Operator desa sudah mengikuti bimtek" in halaman and "2FA admin aktif" in halaman
    assert ButirPembinaan.objects.count() == len(pembinaan.BUTIR_AWAL)
    jawab = kab.post("/dasbor/pembinaan/butir/", {"judul": "Situs memakai domain desa.id", "urutan": 70, "aktif": "on"})
    assert jawab.status_code == 302
    jawab = kab.post("/dasbor/pembinaan/butir/", {"judul": "situs memakai domain DESA.ID", "urutan": 80})
    assert jawab.status_code == 200 and "Butir dengan judul ini sudah ada." in jawab.content.decode()
    jawab = kab.post("/dasbor/pembinaan/butir/", {"judul": "", "urutan": "x"})
    assert "Bidang ini tidak boleh kosong." in jawab.content.decode()
    lama = ButirPembinaan.objects.get(judul__startswith="Layanan Mandiri")
    kab.post(f"/dasbor/pembinaan/butir/{lama.pk}/", {"judul": lama.judul, "urutan": 50})  # switched off
    lama.refresh_from_db()
    assert not lama.aktif
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="pembinaan.butir_diubah").count() == 1
        assert AuditEntry.objects.filter(action="pembinaan.butir_dibuat").count() == 1


def test_the_kecamatan_ticks_and_unticks_its_villages_items_audited(kec, desa_a, butir):
    halaman = kec.get(f"/dasbor/pembinaan/desa/{desa_a.pk}/").content.decode()
    assert "0 dari 6 butir selesai" in halaman and "Tandai selesai" in halaman
    kemarin = (timezone.localdate() - timedelta(days=1)).isoformat()
    jawab = kec.post(
        f"/dasbor/pembinaan/desa/{desa_a.pk}/",
        {"butir": butir[0].pk, "aksi": "selesai", "selesai_pada": kemarin, "catatan": "Bimtek angkatan 2"},
        follow=True,
    )
    assert "ditandai selesai" in jawab.content.decode() and "1 dari 6 butir selesai" in jawab.content.decode()
    [c] = _capaian(desa_a)
    assert c.butir == butir[0] and c.selesai_pada.isoformat() == kemarin and c.catatan == "Bimtek angkatan 2"
    kec.post(f"/dasbor/pembinaan/desa/{desa_a.pk}/", {"butir": butir[0].pk, "aksi": "batal"})
    assert not _capaian(desa_a).exists()
    with scopes_disabled():
        aksi = list(AuditEntry.objects.filter(desa=desa_a).values_list("action", flat=True))
    assert sorted(aksi) == ["pembinaan.dibatalkan", "pembinaan.dicentang"]


def test_bad_input_is_refused_in_indonesian(kec, kabupaten, desa_a, butir):
    url = f"/dasbor/pembinaan/desa/{desa_a.pk}/"
    besok = (timezone.localdate() + timedelta(days=1)).isoformat()
    mati = ButirPembinaan.objects.create(kabupaten=kabupaten, judul="Lama", aktif=False)
    kasus = [
        ({"butir": butir[0].pk, "aksi": "selesai", "selesai_pada": besok}, "tidak boleh setelah hari ini"),
        ({"butir": butir[0].pk, "aksi": "selesai", "selesai_pada": "31-02-2026"}, "Tanggal selesai tidak valid"),
        ({"butir": 99999, "aksi": "selesai"}, "Butir pembinaan tidak dikenal"),
        ({"butir": mati.pk, "aksi": "selesai"}, "Butir pembinaan tidak dikenal"),
        ({"butir": butir[0].pk, "aksi": "hapus"}, "Tindakan tidak dikenal"),
        ({"butir": butir[0].pk, "aksi": "selesai", "catatan": "x" * 301}, "Catatan paling panjang 300"),
    ]
    for data, pesan in kasus:
        jawab = kec.post(url, data, follow=True)
        assert pesan in jawab.content.decode(), pesan
    assert not _capaian(desa_a).exists()


def test_another_kecamatans_village_is_not_found(kec, desa_a, desa_b, butir):
    url = f"/dasbor/pembinaan/desa/{desa_b.pk}/"
    assert kec.get(url).status_code == 404
    assert kec.post(url, {"butir": butir[0].pk, "aksi": "selesai"}).status_code == 404
    assert not _capaian(desa_b).exists()
    halaman = kec.get("/dasbor/pembinaan/").content.decode()
    assert desa_b.nama not in halaman and "Selakambang" in halaman
    assert kec.get("/dasbor/pembinaan/butir/").status_code == 404  # items are the kabupaten's


def test_village_staff_read_their_checklist_and_cannot_tick(client_for, desa_a, operator_a, admin_kab, butir):
    pembinaan.centang(desa=desa_a, butir=butir[1], actor=admin_kab)
    desa = client_for(desa_a, operator_a)
    halaman = desa.get("/admin-desa/panduan/").content.decode()
    assert "Daftar periksa pembinaan: 17%" in halaman
    assert "SK PPID desa ditetapkan dan diunggah</strong>" in halaman
    assert 'name="aksi"' not in halaman
    assert desa.get(f"/dasbor/pembinaan/desa/{desa_a.pk}/").status_code == 404  # not on a village host


def test_the_kabupaten_ticks_any_village_and_sees_the_grid(client_for, admin_kab, desa_a, desa_b, butir):
    kab = client_for(None, admin_kab)
    for b in butir[:3]:
        kab.post(f"/dasbor/pembinaan/desa/{desa_b.pk}/", {"butir": b.pk, "aksi": "selesai"})
    assert _capaian(desa_b).count() == 3
    halaman = kab.get("/dasbor/pembinaan/").content.decode()
    assert "<strong>50</strong>" in halaman and "<strong>0</strong>" in halaman and "25%" in halaman
    assert "Kalimanah" in kab.get("/dasbor/pembinaan/?kecamatan=kalimanah").content.decode()
    assert desa_a.nama not in kab.get("/dasbor/pembinaan/?kecamatan=kalimanah").content.decode()


def test_the_score_reads_the_checklist(client_for, kabupaten, admin_kab, desa_a, desa_b, butir):
    for b in butir[:3]:
        pembinaan.centang(desa=desa_a, butir=b, actor=admin_kab)
    butir[5].aktif = False  # five items count: 3 of 5 done
    butir[5].save()
    pembinaan.centang(desa=desa_b, butir=butir[0], actor=admin_kab)
    services.hitung_skor(kabupaten=kabupaten)
    with scopes_disabled():
        a, b = SkorDesa.objects.get(desa=desa_a), SkorDesa.objects.get(desa=desa_b)
    assert a.ukuran["pembinaan.checklist"] == [60, 60] and a.bagian["pembinaan"] == 60
    assert b.ukuran["pembinaan.checklist"] == [20, 20]
    halaman = client_for(None, admin_kab).get(f"/dasbor/skor/desa/{desa_a.pk}/").content.decode()
    assert "Pembinaan: 60" in halaman and "Daftar periksa pembinaan selesai" in halaman and "60 %" in halaman
    assert "bobot 10%" in halaman


def test_a_tick_dated_after_the_period_counts_from_then(kabupaten, admin_kab, desa_a, butir):
    pembinaan.centang(desa=desa_a, butir=butir[0], actor=admin_kab)
    kemarin = timezone.now() - timedelta(days=1)
    with scopes_disabled():  # as the score computes it
        assert pembinaan.persen_selesai([desa_a.pk], kemarin - timedelta(days=30), kemarin) == {desa_a.pk: 0}
        assert pembinaan.persen_selesai([desa_a.pk], kemarin, timezone.now()) == {desa_a.pk: 17}


def test_weights_saved_before_the_part_existed_still_add_up(client_for, kabupaten, admin_kab, desa_a, butir):
    lama = {"konten": 25, "ppid": 20, "layanan": 20, "register": 15, "transparansi": 10, "keamanan": 10}
    PengaturanSkor.objects.create(kabupaten=kabupaten, bobot=lama)
    for b in butir:
        pembinaan.centang(desa=desa_a, butir=b, actor=admin_kab)
    services.hitung_skor(kabupaten=kabupaten)
    with scopes_disabled():
        skor = SkorDesa.objects.get(desa=desa_a)
    tanpa = services.skor_total({p: n for p, n in skor.bagian.items() if p != "pembinaan"}, lama)
    assert skor.bagian["pembinaan"] == 100 and skor.total == tanpa  # weight 0: nobody's score moved
    kab = client_for(None, admin_kab)
    halaman = kab.get("/dasbor/skor/pengaturan/").content.decode()
    assert "Bagian baru: Pembinaan" in halaman and 'name="bobot_pembinaan" value="0"' in halaman
    assert "bobot 0%, tidak dihitung dalam skor" in kab.get(f"/dasbor/skor/desa/{desa_a.pk}/").content.decode()
    data = {"ambang_aktif": 60} | {f"bobot_{p}": n for p, n in lama.items()} | {"bobot_pembinaan": 0}
    assert kab.post("/dasbor/skor/pengaturan/", data).status_code == 302
    assert "Bagian baru" not in kab.get("/dasbor/skor/pengaturan/").content.decode()


def _desa_lagi(kecamatan, n):
    for i in range(n):
        Desa.objects.create(kecamatan=kecamatan, kode=f"33.03.04.{3000 + i}", nama=f"Desa {i}", slug=f"desa-{i}")


def test_pages_and_measure_take_the_same_queries_for_2_and_12_villages(
    client_for, kabupaten, admin_kab, kaligondang, desa_a, desa_b, butir, kec
):
    kab = client_for(None, admin_kab)

    def hitung():
        with scopes_disabled():
            for d in Desa.objects.all():
                pembinaan.centang(desa=d, butir=butir[0], actor=admin_kab)
            ids = list(Desa.objects.values_list("pk", flat=True))
        jumlah = []
        for client, url in ((kab, "/dasbor/pembinaan/"), (kec, "/dasbor/pembinaan/")):
            client.get(url)  # warm: the account's cached roles and 2FA state
            with CaptureQueriesContext(connection) as q:
                assert client.get(url).status_code == 200
            jumlah.append(len(q.captured_queries))
        with CaptureQueriesContext(connection) as q, scopes_disabled():
            assert len(pembinaan.persen_selesai(ids, timezone.now() - timedelta(days=30), timezone.now())) == len(ids)
        return [*jumlah, len(q.captured_queries)]

    dua = hitung()
    _desa_lagi(kaligondang, 10)
    assert hitung() == dua
    with CaptureQueriesContext(connection) as q:
        kec.get(f"/dasbor/pembinaan/desa/{desa_a.pk}/")
    assert len(q.captured_queries) <= 20
