"""The scan of the public sites and the commands."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from balai.keamanan import pindai
from balai.keamanan.models import Pemindaian, Temuan
from balai.website.models import Artikel


def _artikel(desa, slug, isi):
    # Straight into the table, past the services: what an injection around the editor leaves.
    with scopes_disabled():
        return Artikel.objects.create(
            desa=desa,
            judul=f"Berita {slug}",
            slug=slug,
            isi=isi,
            status=Artikel.Status.TERBIT,
            terbit_pada=timezone.now(),
        )


def test_a_clean_site_has_no_findings(desa_a):
    _artikel(
        desa_a, "kerja-bakti", "<p>Kerja bakti warga. Lihat <a href='https://purbalinggakab.go.id/'>kabupaten</a>.</p>"
    )
    hasil = pindai.pindai_desa(desa_a)
    assert hasil.halaman >= 5 and hasil.galat == 0
    assert hasil.temuan == []


def test_injected_gambling_script_iframe_and_links_are_found(desa_a):
    _artikel(
        desa_a,
        "disusupi",
        '<p>Rapat RT.</p><div style="display:none"><a href="https://mahkota88.example/">slot gacor</a></div>'
        '<script src="https://cdn.evil.example/x.js"></script><iframe src="https://evil.example/"></iframe>'
        '<a href="https://toko-asing.example/">toko</a>',
    )
    found = {(t.halaman, t.aturan) for t in pindai.pindai_desa(desa_a).temuan}
    page = "/artikel/disusupi/"
    assert {(page, "tersembunyi"), (page, "skrip_asing"), (page, "iframe_asing")} <= found
    # a link stored content explains is no finding of its own on the list page
    assert ("/", "tautan_asing") not in found


def test_an_erroring_page_is_a_finding_and_the_scan_goes_on(desa_a, monkeypatch):
    from balai.publikasi import selectors

    _artikel(desa_a, "aman", "<p>Aman.</p>")

    def rusak(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "agenda_berubah_pada", rusak)  # the agenda page now fails
    hasil = pindai.pindai_desa(desa_a)
    galat = [t for t in hasil.temuan if t.aturan == "galat"]
    assert [(t.halaman, t.kutipan) for t in galat] == [("/agenda/", "HTTP 500")]
    assert hasil.galat == 1 and hasil.halaman == 5  # the pages after it were still read


def test_command_records_findings_resolves_them_and_reports_progress(desa_a, desa_b, capsys):
    bad = _artikel(desa_a, "judi", "<p>Slot gacor maxwin hari ini daftar di mahkota88, bonus new member!</p>")
    call_command("pindai_situs")
    out = capsys.readouterr().out
    assert "[1/2]" in out and "[2/2]" in out and "Selesai: 2 desa" in out
    with scopes_disabled():
        open_ = list(Temuan.objects.filter(status=Temuan.Status.TERBUKA))
        assert {t.desa for t in open_} == {desa_a} and any(t.aturan == "istilah" for t in open_)
        assert Pemindaian.objects.get().status == Pemindaian.Status.SELESAI
        bad.delete()
    call_command("pindai_situs", desa=desa_a.slug)
    with scopes_disabled():
        assert not Temuan.objects.filter(status=Temuan.Status.TERBUKA).exists()


def test_command_with_two_workers(desa_a, desa_b, capsys, transactional_db):
    pytest.importorskip("multiprocessing")
    with scope(desa=desa_a):
        pass
    call_command("pindai_situs", pekerja=2)
    assert "Selesai: 2 desa" in capsys.readouterr().out


def test_periksa_konten_prints_one_verdict_per_line(tmp_path, capsys, db):
    f = tmp_path / "sampel.jsonl"
    f.write_text(
        json.dumps({"text": "Slot gacor maxwin hari ini"}) + "\n" + json.dumps({"text": "Kerja bakti warga"}) + "\n",
        encoding="utf-8",
    )
    call_command("periksa_konten", str(f))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("TAHAN\tistilah") and lines[1].startswith("LOLOS\t-")
    plain = tmp_path / "sampel.txt"
    plain.write_text("s l o t g a c o r\nPak Toto ketua RW\n", encoding="utf-8")
    call_command("periksa_konten", str(plain))
    assert [x.split("\t")[0] for x in capsys.readouterr().out.splitlines()] == ["TAHAN", "LOLOS"]


def test_periksa_konten_bad_input(tmp_path, db):
    f = tmp_path / "rusak.jsonl"
    f.write_text('{"text": "a"}\n{"tidak": 1}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="Baris 2"):
        call_command("periksa_konten", str(f))
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("periksa_konten", str(tmp_path / "tidak-ada.txt"))


def test_scan_queued_as_one_task_per_village(desa_a, desa_b, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("pindai_situs", antre=True)
    assert "2 tugas pemindaian diantrekan" in capsys.readouterr().out
    with scopes_disabled():
        p = Pemindaian.objects.get()
    assert p.desa_selesai == 2 and p.status == Pemindaian.Status.SELESAI and p.jumlah_halaman >= 8
