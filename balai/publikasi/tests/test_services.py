from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.core.models import AuditEntry
from balai.media.models import Gambar
from balai.publikasi import selectors, services
from balai.publikasi.models import Agenda, Dokumen, Foto, Pengumuman

from .conftest import foto_upload, pdf_upload


@pytest.fixture
def bumps(monkeypatch):
    calls = []
    monkeypatch.setattr("balai.core.sitecache.bump", calls.append)
    return calls


def actions(desa):
    with scopes_disabled():
        return list(AuditEntry.objects.filter(desa=desa).values_list("action", flat=True))


def test_agenda_is_sanitised_slugged_audited_and_bumps_cache(buat, desa_a, bumps, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = buat.agenda(uraian='<p onclick="x()">Rapat <script>alert(1)</script><b>RT</b></p>')
        b = buat.agenda()
    assert a.slug == "musyawarah-desa" and b.slug == "musyawarah-desa-2"
    assert "script" not in a.uraian and "onclick" not in a.uraian and "<b>RT</b>" in a.uraian
    assert actions(desa_a).count("agenda.dibuat") == 2
    assert bumps == [desa_a.pk, desa_a.pk]


def test_audit_actions_are_namespaced(buat, desa_a):
    buat.agenda()
    buat.pengumuman()
    assert {"agenda.dibuat", "pengumuman.dibuat"} <= set(actions(desa_a))


def test_draft_agenda_does_not_bump(buat, desa_a, bumps, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        buat.agenda(status="draft")
    assert bumps == []


def test_agenda_end_before_start_is_refused_by_service_and_database(buat, desa_a, operator_a):
    mulai = timezone.now()
    with scope(desa=desa_a):
        bad = Agenda(judul="Salah", mulai=mulai, selesai=mulai - timedelta(hours=1))
        with pytest.raises(ValidationError) as exc:
            services.simpan_agenda(desa=desa_a, actor=operator_a, agenda=bad)
        assert "selesai" in str(exc.value)
        with pytest.raises(IntegrityError), transaction.atomic():
            Agenda.objects.create(desa=desa_a, judul="x", slug="x", mulai=mulai, selesai=mulai - timedelta(1))


def test_slug_is_unique_per_village_only(buat, desa_a, desa_b):
    assert buat.agenda(desa_a).slug == buat.agenda(desa_b).slug == "musyawarah-desa"


def test_pengumuman_expiry_is_a_query(buat, desa_a):
    now = timezone.now()
    buat.pengumuman(
        judul="Masih berlaku", mulai_tayang=now - timedelta(hours=1), berlaku_sampai=now + timedelta(days=1)
    )
    buat.pengumuman(judul="Kedaluwarsa", mulai_tayang=now - timedelta(days=3), berlaku_sampai=now - timedelta(1))
    buat.pengumuman(judul="Terjadwal", mulai_tayang=now + timedelta(hours=5))
    buat.pengumuman(judul="Draf", terbit=False)
    with scope(desa=desa_a):
        assert [p.judul for p in selectors.pengumuman_aktif(desa=desa_a)] == ["Masih berlaku"]
        later = now + timedelta(days=2)
        assert [p.judul for p in selectors.pengumuman_aktif(desa=desa_a, now=later)] == ["Terjadwal"]
        # The next change is the expiry of "Masih berlaku" or the start of "Terjadwal", whichever first.
        assert selectors.pengumuman_berubah_pada(desa=desa_a, now=now) == now + timedelta(hours=5)


def test_pengumuman_pinned_and_important_first(buat, desa_a):
    now = timezone.now()
    buat.pengumuman(judul="Baru", mulai_tayang=now - timedelta(minutes=1))
    buat.pengumuman(judul="Sematan", disematkan=True, mulai_tayang=now - timedelta(days=5))
    with scope(desa=desa_a):
        assert [p.judul for p in selectors.pengumuman_aktif(desa=desa_a)] == ["Sematan", "Baru"]


def test_dokumen_stored_under_random_name_and_replaced(buat, desa_a, operator_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        d = buat.dokumen(berkas=pdf_upload("../../etc/passwd.pdf"))
    assert d.jenis == "pdf" and d.ukuran > 0
    assert d.berkas.name.startswith(f"desa/{desa_a.pk}/publikasi/") and "passwd" not in d.berkas.name
    lama = d.berkas.name
    with scope(desa=desa_a), django_capture_on_commit_callbacks(execute=True):
        services.simpan_dokumen(desa=desa_a, actor=operator_a, dokumen=d, berkas=pdf_upload("baru.pdf"))
    storage = d.berkas.storage  # the private storage
    assert d.berkas.name != lama and not storage.exists(lama) and storage.exists(d.berkas.name)


def test_refused_dokumen_leaves_nothing(desa_a, operator_a, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script></html>")
    with scope(desa=desa_a), pytest.raises(ValidationError) as exc:
        services.simpan_dokumen(desa=desa_a, actor=operator_a, dokumen=Dokumen(judul="x"), berkas=html)
    assert "HTML" in str(exc.value.message_dict["berkas"])
    with scope(desa=desa_a):
        assert not Dokumen.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_download_counter(buat, desa_a):
    d = buat.dokumen()
    with scope(desa=desa_a):
        services.catat_unduhan(dokumen=d)
        services.catat_unduhan(dokumen=d)
        d.refresh_from_db()
    assert d.jumlah_unduh == 2


def test_multi_upload_keeps_good_photos_and_names_refused_ones(buat, desa_a, operator_a):
    album = buat.album(foto=0)
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [
        foto_upload("satu.jpg"),
        SimpleUploadedFile("shell.jpg", b"<?php system($_GET['c']); ?>"),
        SimpleUploadedFile("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        foto_upload("dua.png", fmt="PNG"),
    ]
    with scope(desa=desa_a):
        baru, ditolak = services.unggah_foto(desa=desa_a, actor=operator_a, album=album, files=files)
        album.refresh_from_db()
        assert [f.urutan for f in baru] == [1, 2]
        assert [nama for nama, _ in ditolak] == ["shell.jpg", "logo.png"]
        assert all(alasan for _, alasan in ditolak)
        assert album.sampul_id == baru[0].gambar_id
        assert Gambar.objects.count() == 2


def test_deleting_photo_and_album_removes_pictures(buat, desa_a, operator_a):
    album = buat.album(foto=2)
    with scope(desa=desa_a):
        first = Foto.objects.filter(album=album).first()
        services.hapus_foto(desa=desa_a, actor=operator_a, foto=first)
        album.refresh_from_db()
        assert album.sampul_id == Foto.objects.get(album=album).gambar_id
        services.hapus_album(desa=desa_a, actor=operator_a, album=album)
        assert not Foto.objects.exists() and not Gambar.objects.exists()


def test_pengumuman_expiry_before_start_refused(desa_a, operator_a):
    now = timezone.now()
    with scope(desa=desa_a), pytest.raises(ValidationError):
        p = Pengumuman(judul="x", isi="y", mulai_tayang=now, berlaku_sampai=now - timedelta(hours=1))
        services.simpan_pengumuman(desa=desa_a, actor=operator_a, pengumuman=p)
