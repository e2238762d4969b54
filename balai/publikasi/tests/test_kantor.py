from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled

from balai.akun.models import Peran
from balai.core.models import AuditEntry
from balai.publikasi.models import Agenda, Album, Dokumen, Foto, Pengumuman

from .conftest import foto_upload, pdf_upload


def test_operator_creates_edits_and_deletes_agenda(desa_a, operator_a, client_for):
    c = client_for(desa_a, operator_a)
    assert c.get("/admin-desa/agenda/").status_code == 200
    data = {
        "judul": "Musyawarah Desa RKPDes",
        "mulai": "2026-12-01T09:00",
        "selesai": "2026-12-01T12:00",
        "lokasi": "Balai Desa",
        "uraian": "<p>Undangan</p>",
        "status": "terbit",
    }
    r = c.post("/admin-desa/agenda/tambah/", data)
    assert r.status_code == 302
    with scope(desa=desa_a):
        a = Agenda.objects.get()
    assert a.slug == "musyawarah-desa-rkpdes" and a.desa == desa_a
    r = c.post(f"/admin-desa/agenda/{a.pk}/ubah/", {**data, "lokasi": "Masjid Al-Ikhlas"})
    assert r.status_code == 302
    assert "Masjid Al-Ikhlas" in c.get("/admin-desa/agenda/").content.decode()
    assert c.post(f"/admin-desa/agenda/{a.pk}/hapus/").status_code == 302
    with scope(desa=desa_a):
        assert not Agenda.objects.exists()
    with scopes_disabled():
        assert {"agenda.dibuat", "agenda.diubah", "agenda.dihapus"} <= set(
            AuditEntry.objects.values_list("action", flat=True)
        )


def test_agenda_form_errors_are_indonesian_and_point_at_the_field(desa_a, operator_a, client_for):
    c = client_for(desa_a, operator_a)
    r = c.post(
        "/admin-desa/agenda/tambah/",
        {"judul": "", "mulai": "2026-12-01T09:00", "selesai": "2026-12-01T08:00", "status": "terbit"},
    )
    form = r.context["form"]
    assert form.errors["judul"] == ["Judul agenda wajib diisi."]
    assert form.errors["selesai"] == ["Waktu selesai tidak boleh sebelum waktu mulai."]


def test_pengumuman_crud(desa_a, operator_a, client_for):
    c = client_for(desa_a, operator_a)
    r = c.post(
        "/admin-desa/pengumuman/tambah/",
        {
            "judul": "Jadwal Pencairan BLT",
            "isi": "<p>Hari Senin</p>",
            "mulai_tayang": "2026-11-01T08:00",
            "terbit": "on",
            "penting": "on",
        },
    )
    assert r.status_code == 302, r.context["form"].errors
    with scope(desa=desa_a):
        p = Pengumuman.objects.get()
    assert p.penting and p.terbit
    r = c.post(
        f"/admin-desa/pengumuman/{p.pk}/ubah/",
        {"judul": "x", "isi": "y", "mulai_tayang": "2026-11-01T08:00", "berlaku_sampai": "2026-10-01T08:00"},
    )
    assert r.context["form"].errors["berlaku_sampai"] == ["'Berlaku sampai' harus sesudah 'mulai tayang'."]


def test_dokumen_upload_refuses_fake_types_with_reason(desa_a, operator_a, client_for):
    c = client_for(desa_a, operator_a)
    fakes = [
        SimpleUploadedFile("laporan.pdf", b"<!doctype html><script>alert(1)</script>", "application/pdf"),
        SimpleUploadedFile(
            "logo.pdf", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "application/pdf"
        ),
        SimpleUploadedFile("shell.pdf", b"<?php echo 1; ?>", "application/pdf"),
    ]
    for fake, why in zip(fakes, ["HTML", "SVG", "PHP"], strict=True):
        r = c.post("/admin-desa/dokumen/tambah/", {"judul": "Laporan", "kategori": "laporan", "berkas": fake})
        assert r.status_code == 200
        assert why in " ".join(r.context["form"].errors["berkas"])
    with scope(desa=desa_a):
        assert not Dokumen.objects.exists()
    r = c.post(
        "/admin-desa/dokumen/tambah/", {"judul": "APBDes", "kategori": "apbdes", "terbit": "on", "berkas": pdf_upload()}
    )
    assert r.status_code == 302
    with scope(desa=desa_a):
        assert Dokumen.objects.get().jenis == "pdf"


def test_dokumen_edit_without_new_file_keeps_file(desa_a, operator_a, client_for, buat):
    d = buat.dokumen()
    name = d.berkas.name
    r = client_for(desa_a, operator_a).post(
        f"/admin-desa/dokumen/{d.pk}/ubah/", {"judul": "Baru", "kategori": "perdes"}
    )
    assert r.status_code == 302
    with scope(desa=desa_a):
        d.refresh_from_db()
    assert d.judul == "Baru" and d.berkas.name == name


def test_album_multi_upload_reports_refused_files(desa_a, operator_a, client_for):
    c = client_for(desa_a, operator_a)
    r = c.post("/admin-desa/galeri/tambah/", {"judul": "Kerja Bakti Oktober", "terbit": "on"})
    with scope(desa=desa_a):
        album = Album.objects.get()
    assert r.url == f"/admin-desa/galeri/{album.pk}/"
    files = [foto_upload("a.jpg"), SimpleUploadedFile("jahat.jpg", b"<?php system('id'); ?>"), foto_upload("b.jpg")]
    r = c.post(f"/admin-desa/galeri/{album.pk}/", {"foto": files})
    body = r.content.decode()
    assert r.status_code == 200 and "jahat.jpg" in body and "1 berkas ditolak" in body
    assert "foto lain tetap disimpan" in body
    with scope(desa=desa_a):
        fotos = list(Foto.objects.filter(album=album))
    assert len(fotos) == 2
    f = fotos[1]
    assert (
        c.post(f"/admin-desa/galeri/foto/{f.pk}/ubah/", {"keterangan": "Gotong royong", "urutan": 5}).status_code == 302
    )
    assert c.post(f"/admin-desa/galeri/foto/{f.pk}/sampul/").status_code == 302
    assert c.get(f"/admin-desa/galeri/foto/{f.pk}/hapus/").status_code == 405
    with scope(desa=desa_a):
        album.refresh_from_db()
        f.refresh_from_db()
    assert album.sampul_id == f.gambar_id and f.keterangan == "Gotong royong"
    assert "Gotong royong" in c.get(f"/admin-desa/galeri/{album.pk}/").content.decode()


def test_other_roles_cannot_manage(desa_a, make_user, client_for):
    kades = make_user(Peran.KEPALA_DESA, desa=desa_a)
    c = client_for(desa_a, kades)
    for url in ("/admin-desa/agenda/", "/admin-desa/pengumuman/", "/admin-desa/galeri/", "/admin-desa/dokumen/"):
        assert c.get(url).status_code == 403


def test_menu_entries(desa_a, operator_a, client_for):
    body = client_for(desa_a, operator_a).get("/admin-desa/").content.decode()
    for url in ("/admin-desa/agenda/", "/admin-desa/pengumuman/", "/admin-desa/galeri/", "/admin-desa/dokumen/"):
        assert f'href="{url}"' in body
    public = client_for(desa_a).get("/agenda/").content.decode()
    for url in ("/agenda/", "/pengumuman/", "/galeri/", "/unduhan/"):
        assert f'href="{url}"' in public


def test_staff_preview_drafts_on_public_site_uncached(buat, desa_a, operator_a, client_for):
    a = buat.agenda(status="draft")
    anon, staff = client_for(desa_a), client_for(desa_a, operator_a)
    assert anon.get(a.get_absolute_url()).status_code == 404
    r = staff.get(a.get_absolute_url())
    assert r.status_code == 200 and "Pratinjau untuk petugas" in r.content.decode()
    assert anon.get(a.get_absolute_url()).status_code == 404


def test_new_agenda_form_defaults_to_published(desa_a, operator_a, client_for):
    body = client_for(desa_a, operator_a).get("/admin-desa/agenda/tambah/").content.decode()
    assert '<option value="terbit" selected>' in body


def test_too_many_photos_in_one_upload_is_refused_with_the_limit(desa_a, operator_a, client_for, buat):
    album = buat.album(foto=0)
    files = [SimpleUploadedFile(f"{i}.jpg", b"x") for i in range(31)]
    r = client_for(desa_a, operator_a).post(f"/admin-desa/galeri/{album.pk}/", {"foto": files})
    assert "Paling banyak 30 foto sekali unggah; Anda memilih 31." in r.context["form"].errors["foto"]


def test_copy_an_agenda_prefills_the_form_only_from_this_village(buat, desa_a, desa_b, operator_a, client_for):
    mine = buat.agenda(judul="Posyandu Balita Dusun Krajan", lokasi="Posyandu Melati")
    theirs = buat.agenda(desa_b, judul="Agenda Karangpetir")
    c = client_for(desa_a, operator_a)
    body = c.get(f"/admin-desa/agenda/tambah/?salin={mine.pk}").content.decode()
    assert 'value="Posyandu Balita Dusun Krajan"' in body and 'value="Posyandu Melati"' in body
    assert c.get(f"/admin-desa/agenda/tambah/?salin={theirs.pk}").status_code == 404
    assert f"?salin={mine.pk}" in c.get("/admin-desa/agenda/").content.decode()
