"""Documents live in private storage and are handed out only by the view that checks their
publication: an unpublished document has no public address to fall back on."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from balai.core.storage import private_storage
from balai.publikasi import services
from balai.publikasi.berkas_privat import pindahkan_berkas
from balai.publikasi.models import Dokumen
from balai.publikasi.pdf import pdf_sederhana

pytestmark = pytest.mark.django_db


def test_a_document_is_stored_outside_media_root(buat, settings):
    d = buat.dokumen()
    media, privat = Path(settings.MEDIA_ROOT).resolve(), Path(settings.BALAI_PRIVAT_ROOT).resolve()
    path = Path(d.berkas.path).resolve()
    assert path.is_file() and path.is_relative_to(privat) and not path.is_relative_to(media)
    assert not default_storage.exists(d.berkas.name)
    with pytest.raises(ValueError):
        _ = d.berkas.url  # no public address at all


def test_an_unpublished_document_is_not_reachable_by_any_address(buat, desa_a, operator_a, client_for, settings):
    d = buat.dokumen(judul="Draf APBDes")
    anon = client_for(desa_a)
    assert anon.get(d.get_absolute_url()).status_code == 200
    with scope(desa=desa_a):
        d.terbit = False
        services.simpan_dokumen(desa=desa_a, actor=operator_a, dokumen=d)
    assert anon.get(d.get_absolute_url()).status_code == 404
    # Nothing under MEDIA_ROOT (served at /media/ in the demo) to fall back on.
    assert not (Path(settings.MEDIA_ROOT) / d.berkas.name).exists()


def test_staff_may_fetch_their_unpublished_document_without_counting_it(
    buat, desa_a, operator_a, operator_b, client_for
):
    d = buat.dokumen(terbit=False)
    response = client_for(desa_a, operator_a).get(d.get_absolute_url())
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    with scope(desa=desa_a):
        d.refresh_from_db()
    assert d.jumlah_unduh == 0
    # Staff of another village: nothing.
    assert client_for(desa_a, operator_b).get(d.get_absolute_url()).status_code in (403, 404)


def test_existing_files_move_from_media_to_private_storage(desa_a, settings):
    """What the migration does to documents uploaded before: their files leave MEDIA_ROOT."""
    privat = private_storage()
    with scopes_disabled():
        lama = Dokumen.objects.create(desa=desa_a, judul="Lama", jenis="pdf", berkas="unduhan/1/lama.pdf")
        hilang = Dokumen.objects.create(desa=desa_a, judul="Hilang", jenis="pdf", berkas="unduhan/1/hilang.pdf")
    default_storage.save(lama.berkas.name, ContentFile(pdf_sederhana("Lama")))
    assert pindahkan_berkas(Dokumen) == 1
    assert not default_storage.exists(lama.berkas.name) and privat.exists(lama.berkas.name)
    assert not privat.exists(hilang.berkas.name)
    assert pindahkan_berkas(Dokumen) == 0  # twice is harmless
    pindahkan_berkas(Dokumen, kembali=True)  # the migration's way back
    assert default_storage.exists(lama.berkas.name) and not privat.exists(lama.berkas.name)
    call_command("pindahkan_dokumen_privat", stdout=open("/dev/null", "w"))
    assert privat.exists(lama.berkas.name)


def test_the_migration_moves_the_files(desa_a, settings, transactional_db):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    with scopes_disabled():
        d = Dokumen.objects.create(desa=desa_a, judul="Lama", jenis="pdf", berkas="unduhan/9/lama.pdf")
    executor = MigrationExecutor(connection)
    executor.migrate([("publikasi", "0001_initial")])
    default_storage.save(d.berkas.name, ContentFile(pdf_sederhana("Lama")))
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert private_storage().exists(d.berkas.name) and not default_storage.exists(d.berkas.name)
