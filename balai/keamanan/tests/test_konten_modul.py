"""The hook at saving (balai.core.konten) in the market, the DIP and the projects: a gambling text
keeps the object off the public site with a hold recorded, a normal text publishes, and the
kabupaten's release publishes the held one. (Here, not in those apps: they sit below keamanan.)"""

from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.keamanan import services
from balai.keamanan.models import Penahanan
from balai.lapak import services as lapak
from balai.lapak.models import Kategori, Pelapak, Produk
from balai.pembangunan import services as pembangunan
from balai.pembangunan.models import Proyek
from balai.ppid import services as ppid
from balai.ppid.models import InformasiPublik

SPAM = "slot gacor maxwin daftar sekarang di mahkota88"
SPAM_TERSEMBUNYI = (
    'Laporan realisasi APBDes semester I.<div style="display:none">'
    '<a href="https://mahkota88.example/">slot gacor</a></div>'
)


def _hold(obj):
    with scopes_disabled():
        return Penahanan.objects.get(objek_id=str(obj.pk), jenis__model=obj._meta.model_name)


def _lepaskan(obj, actor):
    with scopes_disabled():
        services.lepaskan(penahanan=_hold(obj), actor=actor)
        obj.refresh_from_db()


def test_product_held_waits_normal_one_shows_release_shows_it(desa_a, kabupaten, operator_a, admin_kab, client_for):
    kategori = Kategori.objects.create(kabupaten=kabupaten, nama="Makanan & camilan", slug="makanan")
    with scopes_disabled():
        pelapak = Pelapak.objects.create(
            desa=desa_a, nama="Gula Semut Bu Darsih", whatsapp="6281234567890", status=Pelapak.Status.DISETUJUI
        )
    client = client_for(desa_a, operator_a)
    data = {
        "pelapak": pelapak.pk, "kategori": kategori.pk, "harga": "Rp 25.000", "satuan": "bungkus",
        "ketersediaan": "tersedia", "stok": "", "berat_gram": "500",
    }  # fmt: skip
    page = client.post(
        reverse("lapak:kantor_produk_tambah"), {**data, "nama": "Paket hemat", "deskripsi": SPAM}, follow=True
    )
    assert "Perbaiki teksnya" in page.content.decode()  # the office is told why
    client.post(
        reverse("lapak:kantor_produk_tambah"), {**data, "nama": "Nopia", "deskripsi": "Nopia khas Purbalingga."}
    )
    with scopes_disabled():
        held, normal = Produk.objects.get(nama="Paket hemat"), Produk.objects.get(nama="Nopia")
    assert held.status == Produk.Status.MENUNGGU and held.tayang_pada is None and _hold(held)
    assert normal.status == Produk.Status.TAYANG
    publik = client_for(desa_a)
    assert publik.get(held.get_absolute_url()).status_code == 404

    _lepaskan(held, admin_kab)
    assert held.status == Produk.Status.TAYANG and held.tayang_pada
    assert publik.get(held.get_absolute_url()).status_code == 200

    # The office's approval is a publishing path too.
    with scopes_disabled():
        Produk.objects.filter(pk=normal.pk).update(status=Produk.Status.MENUNGGU, deskripsi=SPAM)
        lapak.ubah_status_produk(desa=desa_a, actor=operator_a, produk=normal, aksi="setujui")
        assert Produk.objects.get(pk=normal.pk).status == Produk.Status.MENUNGGU and _hold(normal)


def _informasi(desa, actor, judul, ringkasan):
    informasi = InformasiPublik(
        kategori="berkala", judul=judul, ringkasan=ringkasan, penguasa="Sekdes", penanggung_jawab="Kades"
    )
    with scope(desa=desa):
        return ppid.simpan_informasi(desa=desa, actor=actor, informasi=informasi)


def test_dip_entry_with_hidden_link_is_held_normal_one_publishes_release_publishes(
    desa_a, operator_a, admin_kab, client_for
):
    held = _informasi(desa_a, operator_a, "Realisasi APBDes", SPAM_TERSEMBUNYI)
    normal = _informasi(desa_a, operator_a, "RKP Desa 2026", "Rencana kerja pemerintah desa tahun 2026.")
    assert held.terbit is False and normal.terbit is True
    assert "display:none" in _hold(held).teks["ringkasan"]
    publik = client_for(desa_a)
    assert publik.get(f"/ppid/informasi/{held.pk}/").status_code == 404
    assert publik.get(f"/ppid/informasi/{normal.pk}/").status_code == 200

    _lepaskan(held, admin_kab)
    assert held.terbit is True and publik.get(f"/ppid/informasi/{held.pk}/").status_code == 200


def _proyek(desa, actor, **kw):
    values = {"nama": "Rabat beton jalan Dusun Krajan", "tahun": 2026, "sumber_dana": "DDS", "satuan": "m", **kw}
    with scope(desa=desa):
        return pembangunan.simpan_proyek(desa=desa, actor=actor, proyek=Proyek(**values))


def test_project_and_progress_note_held_normal_project_publishes_release_publishes(
    desa_a, operator_a, admin_kab, client_for
):
    publik = client_for(desa_a)
    normal = _proyek(desa_a, operator_a, uraian="Pengecoran jalan lingkungan sepanjang 150 meter.")
    held = _proyek(desa_a, operator_a, nama="Talud Dusun Kedunglegok", lokasi=SPAM)
    assert normal.terbit and publik.get(f"/pembangunan/{normal.slug}/").status_code == 200
    assert held.terbit is False and _hold(held)
    assert publik.get(f"/pembangunan/{held.slug}/").status_code == 404

    _lepaskan(held, admin_kab)
    assert held.terbit is True and publik.get(f"/pembangunan/{held.slug}/").status_code == 200

    with scope(desa=desa_a):
        for persen, catatan in ((40, "Pengecoran tahap pertama selesai."), (60, SPAM)):
            pembangunan.catat_progres(
                desa=desa_a,
                actor=operator_a,
                proyek=normal,
                tanggal=timezone.localdate(),
                persen=persen,
                catatan=catatan,
            )
    normal.refresh_from_db()
    assert normal.terbit is False and _hold(normal)


def test_a_village_profile_with_gambling_text_is_refused_and_nothing_changes(client_for, admin_a, desa_a):
    client = client_for(desa_a, admin_a)
    data = {"alamat_kantor": "Jl. Raya 1, daftar slot gacor maxwin di mahkota88 sekarang", "lat": "", "lng": ""}
    jawab = client.post("/admin-desa/profil/", data)
    body = jawab.content.decode()
    assert jawab.status_code == 200 and "Tidak disimpan:" in body and "ditinjau" not in body
    desa_a.refresh_from_db()
    assert "gacor" not in desa_a.alamat_kantor
    data["alamat_kantor"] = "Jl. Raya Selakambang No. 12"
    assert client.post("/admin-desa/profil/", data).status_code == 302
    desa_a.refresh_from_db()
    assert desa_a.alamat_kantor == "Jl. Raya Selakambang No. 12"
