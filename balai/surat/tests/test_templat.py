import pytest
from django.core.exceptions import ValidationError

from balai.surat import bawaan, katalog, templat

DOMISILI = katalog.jenis("domisili")


def test_at_least_fifteen_types_each_complete():
    assert len(katalog.DAFTAR) >= 15
    for j in katalog.DAFTAR:
        assert j.klasifikasi and j.lampiran and j.isian, j.kode
    assert katalog.jenis("ahli_waris").perlu_camat


@pytest.mark.parametrize("spec", katalog.DAFTAR, ids=lambda j: j.kode)
def test_default_templates_pass_their_own_check(spec):
    assert templat.periksa(bawaan.isi_bawaan(spec.kode), spec)


@pytest.mark.parametrize(
    "teks, alasan",
    [
        ("<p>{{ penduduk.keluarga.anggota }}</p>", "akses ke bagian data lain"),
        ("{% load static %}<p>x</p>", "tidak diizinkan"),
        ('{% include "base.html" %}', "tidak diizinkan"),
        ("{{ nama.__class__ }}", "akses ke bagian data lain"),
        ("{{ nama|upper }}", "filter tidak diizinkan"),
        ("{{ settings }}", "isian tidak dikenal"),
        ("{{ nama_usaha }}", "isian tidak dikenal"),  # a field of another letter type
        ("<p>{{ nama }</p>", "tidak berpasangan"),
        ('<img src="file:///etc/passwd">', "Tag <img>"),
        ("<script>alert(1)</script>", "Tag <script>"),
        ('<p style="display:none">x</p>', "Atribut style"),
        ('<p onclick="x()">x</p>', "Atribut onclick"),
        ("{# komentar #}", "tidak diizinkan"),
    ],
)
def test_forbidden_templates_are_refused_with_reason(teks, alasan):
    with pytest.raises(ValidationError) as e:
        templat.periksa(teks, DOMISILI)
    assert any(alasan in m for m in e.value.messages), e.value.messages


def test_render_escapes_values_and_keeps_blocks():
    nilai = {
        "nama": "<script>alert(1)</script>",
        "keperluan": "a & b",
        "tabel_identitas": "<table><tr><td>x</td></tr></table>",
    }
    html = templat.render("<p>{{ nama }} {{ keperluan }}</p>{{ tabel_identitas }}", nilai, DOMISILI)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "a &amp; b" in html
    assert "<table><tr><td>x</td></tr></table>" in html


def test_amounts_in_words():
    sktm = katalog.jenis("sktm")
    values = templat.format_isian(sktm, {"penghasilan": "1250000", "jumlah_tanggungan": "3", "keperluan": "x"})
    assert values["penghasilan"] == "Rp 1.250.000"
    assert values["penghasilan_terbilang"] == "satu juta dua ratus lima puluh ribu rupiah"
    assert values["jumlah_tanggungan_terbilang"] == "tiga"
