"""The hook at saving (balai.core.konten): held texts stay unpublished, the kabupaten reviews them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.core import konten
from balai.core.models import AuditEntry
from balai.keamanan import services
from balai.keamanan.models import Izin, Penahanan
from balai.publikasi import services as publikasi
from balai.publikasi.models import Agenda, Pengumuman
from balai.website import services as website
from balai.website.models import Artikel, Komentar

S = Artikel.Status
SPAM_TERSEMBUNYI = (
    '<p>Kerja bakti warga Dusun Krajan.</p><div style="display:none">'
    '<a href="https://mahkota88.example/">slot gacor</a></div>'
)


def _artikel(desa, actor, isi, status=S.TERBIT, **extra):
    data = {"judul": "Kerja bakti Dusun Krajan", "isi": isi, "status": status, **extra}
    with scope(desa=desa):
        return website.simpan_artikel(desa=desa, actor=actor, data=data)


def test_article_with_hidden_slot_links_is_held_not_published(
    desa_a, operator_a, admin_kab, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        artikel = _artikel(desa_a, operator_a, SPAM_TERSEMBUNYI)
    assert artikel.status == S.DRAFT and "display" not in artikel.isi
    with scopes_disabled():
        hold = Penahanan.objects.get()
    assert hold.desa == desa_a and hold.objek_id == str(artikel.pk) and "tersembunyi" in hold.aturan
    assert "display:none" in hold.teks["isi"]  # the raw text, as the author sent it
    assert hold.penulis == operator_a
    assert [m.to for m in mail.outbox] == [[admin_kab.email]] and "Selakambang" in mail.outbox[0].subject


def test_normal_article_publishes(desa_a, operator_a):
    artikel = _artikel(desa_a, operator_a, "<p>Posyandu Melati membuka slot pendaftaran imunisasi.</p>")
    assert artikel.status == S.TERBIT
    with scopes_disabled():
        assert not Penahanan.objects.exists()


def test_draft_is_not_checked_until_it_is_published(desa_a, operator_a):
    artikel = _artikel(desa_a, operator_a, "<p>slot gacor maxwin</p>", status=S.DRAFT)
    with scopes_disabled():
        assert not Penahanan.objects.exists()
    with scope(desa=desa_a):
        artikel = website.simpan_artikel(
            desa=desa_a, actor=operator_a, artikel=artikel, data={"status": S.TERBIT, "isi": artikel.isi}
        )
    assert artikel.status == S.DRAFT


def test_release_publishes_and_edit_closes_the_hold(desa_a, operator_a, admin_kab):
    artikel = _artikel(desa_a, operator_a, "<p>Kedai Slot Gacor milik warga buka.</p>")
    assert artikel.status == S.DRAFT
    with scopes_disabled():
        hold = Penahanan.objects.get()
        services.lepaskan(penahanan=hold, actor=admin_kab)
        artikel.refresh_from_db()
        hold.refresh_from_db()
    assert artikel.status == S.TERBIT and hold.status == Penahanan.Status.DILEPAS
    with pytest.raises(ValidationError):
        with scopes_disabled():
            services.lepaskan(penahanan=hold, actor=admin_kab)

    second = _artikel(desa_a, operator_a, "<p>Situs judi online slot gacor maxwin</p>")
    with scope(desa=desa_a):
        second = website.simpan_artikel(
            desa=desa_a,
            actor=operator_a,
            artikel=second,
            data={"status": S.TERBIT, "isi": "<p>Kerja bakti.</p>", "ringkasan": "Kerja bakti."},
        )
    assert second.status == S.TERBIT  # the summary is public too: it had to change as well
    with scopes_disabled():
        assert Penahanan.objects.filter(objek_id=str(second.pk)).get().status == Penahanan.Status.DIPERBAIKI


def test_false_positive_teaches_the_allow_list(desa_a, desa_b, operator_a, operator_b, admin_kab):
    artikel = _artikel(desa_a, operator_a, "<p>Kedai Slot Gacor milik warga buka sampai malam.</p>")
    with scopes_disabled():
        hold = Penahanan.objects.get()
        services.tandai_positif_palsu(penahanan=hold, actor=admin_kab, kunci=["Slot Gacor"])
        artikel.refresh_from_db()
        assert Izin.objects.get().desa == desa_a
    assert artikel.status == S.TERBIT
    again = _artikel(desa_a, operator_a, "<p>Kedai Slot Gacor ramai.</p>", judul="Kedai ramai")
    assert again.status == S.TERBIT  # learnt for this village
    other = _artikel(desa_b, operator_b, "<p>Kedai Slot Gacor ramai.</p>", judul="Kedai ramai")
    assert other.status == S.DRAFT  # not for another one
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="keamanan.positif_palsu").exists()


def test_scheduled_article_held_then_released_stays_scheduled(desa_a, operator_a, admin_kab):
    later = timezone.now() + timedelta(days=2)
    artikel = _artikel(desa_a, operator_a, "<p>slot gacor maxwin hari ini</p>", terbit_pada=later)
    assert artikel.status == S.DRAFT
    with scopes_disabled():
        services.lepaskan(penahanan=Penahanan.objects.get(), actor=admin_kab)
        artikel.refresh_from_db()
    assert artikel.status == S.TERJADWAL


def test_spam_comment_waits_with_a_reason(desa_a, django_capture_on_commit_callbacks):
    with scopes_disabled():
        artikel = Artikel.objects.create(
            desa=desa_a, judul="Berita", slug="berita", isi="<p>x</p>", status=S.TERBIT, terbit_pada=timezone.now()
        )
    with scope(desa=desa_a), django_capture_on_commit_callbacks(execute=True):
        k = website.kirim_komentar(
            artikel=artikel, nama="x", isi="s1ot g4c0r m4xw1n, d3po via dana", ip="10.0.0.9", otomatis=True
        )
        ok = website.kirim_komentar(
            artikel=artikel, nama="Pak Toto", isi="Semoga jalan diaspal", ip="10.0.0.8", otomatis=True
        )
    assert k.status == Komentar.Status.MENUNGGU and "judi online" in k.alasan
    assert ok.status == Komentar.Status.DISETUJUI
    assert not mail.outbox  # visitors' spam waits in the queue; only staff-written holds are mailed


def test_menu_link_to_gambling_is_refused(desa_a, operator_a):
    with scope(desa=desa_a), pytest.raises(konten.KontenDitahan) as exc:
        website.simpan_menu(
            desa=desa_a, actor=operator_a, data={"label": "Promo", "url": "https://mahkota88.example/daftar"}
        )
    assert exc.value.messages[0].startswith("Tidak disimpan: ") and "mahkota88" in exc.value.messages[0]


def test_site_greeting_with_hidden_link_is_refused(desa_a, admin_a):
    data = {"slogan": "Desa maju", "judul_sambutan": "Sambutan", "sambutan": SPAM_TERSEMBUNYI}
    with scope(desa=desa_a), pytest.raises(konten.KontenDitahan):
        website.simpan_pengaturan(desa=desa_a, actor=admin_a, data=data)


def test_blocklisted_domain_in_an_announcement(desa_a, operator_a, admin_kab):
    with scopes_disabled():
        services.tambah_blokir(kabupaten=desa_a.kecamatan.kabupaten, domain="judiku.example", actor=admin_kab)
    with scope(desa=desa_a):
        p = publikasi.simpan_pengumuman(
            desa=desa_a,
            actor=operator_a,
            pengumuman=Pengumuman(judul="Info", isi='<p>Lihat <a href="https://m.judiku.example/">ini</a></p>'),
        )
    assert not p.terbit
    with scopes_disabled():
        assert Penahanan.objects.get().aturan == "domain_diblokir"
        services.lepaskan(penahanan=Penahanan.objects.get(), actor=admin_kab)
        p.refresh_from_db()
    assert p.terbit


def test_agenda_and_document_names_are_checked(desa_a, operator_a):
    mulai = timezone.now() + timedelta(days=1)
    with scope(desa=desa_a):
        a = publikasi.simpan_agenda(
            desa=desa_a,
            actor=operator_a,
            agenda=Agenda(
                judul="Turnamen",
                mulai=mulai,
                selesai=mulai,
                status="terbit",
                uraian="<p>t0g3l 0nl1n3 t3rp3rc4y4 d3p0 v1a d4n4</p>",
            ),
        )
    assert a.status == Agenda.Status.DRAFT


def test_without_a_check_installed_everything_passes(desa_a, operator_a, tanpa_pemeriksaan_konten):
    artikel = _artikel(desa_a, operator_a, SPAM_TERSEMBUNYI)
    assert artikel.status == S.TERBIT


def test_check_on_save_is_cheap(desa_a, operator_a):
    import time

    isi = "<p>" + "Musyawarah desa membahas RKPDes dan rabat beton di Dusun Krajan. " * 60 + "</p>"
    with scope(desa=desa_a):
        artikel = Artikel.objects.create(desa=desa_a, judul="x", slug="x", isi=isi)
        services.periksa_simpan(desa=desa_a, obj=artikel, teks={"isi": isi})
        times = []
        for _ in range(10):
            start = time.perf_counter()
            services.periksa_simpan(desa=desa_a, obj=artikel, teks={"isi": isi})
            times.append(time.perf_counter() - start)
    assert min(times) < 0.020  # the fastest run: other work on a shared machine only slows the rest


@pytest.mark.parametrize(
    "domain,reason",
    [
        ("https://judi.com/x", "bukan domain"),
        ("judi", "bukan domain"),
        ("slot gacor.com", "spasi"),
        ("*.judi.com", "subdomain"),
        ("10.0.0.1", "IP"),
        ("purbalinggakab.go.id", "pemerintah"),
        ("-judi.com", "bukan domain"),
    ],
)
def test_a_blocklist_entry_that_is_not_a_domain_is_refused_with_the_reason(domain, reason, kabupaten, admin_kab):
    with pytest.raises(ValidationError) as exc:
        services.tambah_blokir(kabupaten=kabupaten, domain=domain, actor=admin_kab)
    assert reason in " ".join(exc.value.messages)


def test_blocklist_entry_normalised(kabupaten, admin_kab):
    assert (
        services.tambah_blokir(kabupaten=kabupaten, domain="  Judi-Ku.EXAMPLE. ", actor=admin_kab).domain
        == "judi-ku.example"
    )
    with pytest.raises(ValidationError):
        services.tambah_blokir(kabupaten=kabupaten, domain="judi-ku.example", actor=admin_kab)


def test_tags_and_a_status_only_change_are_checked(desa_a, operator_a):
    with scope(desa=desa_a):
        a = website.simpan_artikel(
            desa=desa_a,
            actor=operator_a,
            data={"judul": "Panen", "isi": "<p>Panen raya.</p>", "status": S.TERBIT},
            tags=["slot gacor maxwin"],
        )
        assert a.status == S.DRAFT
        b = website.simpan_artikel(
            desa=desa_a,
            actor=operator_a,
            data={"judul": "Info", "isi": "<p>situs judi slot gacor</p>", "status": S.DRAFT},
        )
        b = website.simpan_artikel(desa=desa_a, actor=operator_a, artikel=b, data={"status": S.TERBIT})
    assert b.status == S.DRAFT  # the stored body is read when the form sent none
